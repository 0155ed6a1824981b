import pytest
from django.urls import reverse

from planmonitor.plans.models import ActionComment
from planmonitor.tests.html import parse_html as _soup
from planmonitor.tests.queries import BANNER, NAV, POLICY, SIGNED_IN, TWO_STEP, assert_queries


def _url(action) -> str:
    return reverse("plans:action_detail", args=[action.plan.short_name, action.code])


@pytest.mark.parametrize(
    "who", ["coordinator", "owner", "contributor", "network_member", "evaluator"]
)
def test_it_shows_the_action_to_the_people_it_concerns(client, action, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get(_url(action))
    assert response.status_code == 200
    assert action.title in _soup(response).h1.get_text()


@pytest.mark.parametrize("who", ["other_owner", "outsider"])
def test_it_answers_404_to_others_without_saying_the_action_exists(client, action, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url(action)).status_code == 404
    missing = reverse("plans:action_detail", args=[action.plan.short_name, "NOPE"])
    assert client.get(missing).status_code == 404


def test_it_is_public_once_the_plan_is_published(client, action, outsider):
    assert client.get(_url(action)).status_code == 404
    action.plan.is_published = True
    action.plan.save()
    # Anonymous visitors get the portal's page of the action; signed-in people this one.
    response = client.get(_url(action))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "portal:action", args=[action.plan.short_name, action.code]
    )
    assert client.get(response["Location"]).status_code == 200
    client.force_login(outsider)
    assert client.get(_url(action)).status_code == 200


def test_it_offers_editing_only_to_who_may_edit(client, action, owner, contributor):
    edit = reverse("plans:action_edit", args=[action.plan.short_name, action.code])
    client.force_login(owner)
    assert _soup(client.get(_url(action))).find("a", href=edit) is not None
    client.force_login(contributor)
    assert _soup(client.get(_url(action))).find("a", href=edit) is None


# The coordinator's action page. The queries must not depend on the number of indicators or
# comments.
QUERIES = [
    *SIGNED_IN,
    *TWO_STEP,
    *POLICY,
    ("SELECT plans_action", "the action, with its plan, goals, lead minister and organisation"),
    ("SELECT plans_minister", "its co-ministers (prefetch)"),
    ("SELECT plans_violenceform", "its violence forms (prefetch)"),
    ("SELECT plans_targetgroup", "its target groups (prefetch)"),
    ("SELECT plans_partner", "its partners (prefetch)"),
    ("SELECT plans_istanbularticle", "its Istanbul Convention articles (prefetch)"),
    ("SELECT plans_beneficiary", "its beneficiaries (prefetch)"),
    ("SELECT plans_indicator", "its indicators (prefetch)"),
    ("SELECT plans_budgetline", "its budget lines with their policy domains (prefetch)"),
    ("SELECT monitoring_actionsheet", "monitoring: the action sheet"),
    ("SELECT monitoring_milestone", "monitoring: the milestones"),
    ("SELECT monitoring_progressreport", "monitoring: the reports with their rounds"),
    ("SELECT monitoring_milestone", "network: the milestones, for the SMART verdicts"),
    ("SELECT plans_minister", "network: the ministers' portfolios, for the SMART verdicts"),
    ("SELECT monitoring_reportinground", "network: the rounds, for the on-track rules"),
    ("SELECT monitoring_progressreport", "network: the reports, for the on-track rules"),
    ("SELECT plans_indicator", "network: the indicators, for the on-track rules"),
    ("SELECT monitoring_indicatorvalue", "network: the values, for the forecast rule"),
    ("SELECT monitoring_milestone", "network: the milestones, for the on-track rules"),
    ("SELECT network_signal", "network: the action's open signals"),
    ("SELECT network_decision", "network: the open decisions naming the action"),
    *NAV,
    *BANNER,
    ("SELECT plans_actioncomment", "the comments with their authors"),
]


def test_it_lists_indicators_and_comments_in_a_constant_number_of_queries(
    client, action, coordinator
):
    for number in range(5):
        action.indicators.create(code=f"I{number}", name=f"Indicator {number}", kind="qualitative")
        ActionComment.objects.create(action=action, author=coordinator, body=f"Opmerking {number}")
    client.force_login(coordinator)
    with assert_queries(QUERIES):
        client.get(_url(action))
    for number in range(5, 25):
        action.indicators.create(code=f"I{number}", name=f"Indicator {number}", kind="qualitative")
        ActionComment.objects.create(action=action, author=coordinator, body=f"Opmerking {number}")
    with assert_queries(QUERIES):
        page = _soup(client.get(_url(action)))
    assert len(page.select("tr.indicator")) == 25
    assert len(page.select("article.comment")) == 25


@pytest.fixture
def commented(action, owner) -> ActionComment:
    owner.first_name, owner.last_name = "Olga", "Opmerker"
    owner.save()
    return ActionComment.objects.create(action=action, author=owner, body="Interne werknota")


@pytest.mark.parametrize(
    "who", ["coordinator", "owner", "contributor", "network_member", "evaluator"]
)
def test_it_shows_the_comments_to_the_people_working_on_the_plan(client, commented, who, request):
    client.force_login(request.getfixturevalue(who))
    [comment] = _soup(client.get(_url(commented.action))).select("article.comment")
    assert "Olga Opmerker" in comment.get_text() and "Interne werknota" in comment.get_text()


@pytest.mark.parametrize("who", ["anonymous", "outsider", "other_owner"])
def test_a_published_plan_shows_the_public_no_comment_and_no_author(
    client, commented, who, request
):
    action = commented.action
    action.plan.is_published = True
    action.plan.save()
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(_url(action), follow=True)  # anonymous: to the portal's page
    assert response.status_code == 200
    page = _soup(response)
    assert page.select("article.comment") == [] and page.find(id="comments-heading") is None
    assert "Interne werknota" not in page.get_text() and "Opmerker" not in page.get_text()


def test_the_comment_form_says_who_can_read_comments(client, action, contributor):
    client.force_login(contributor)
    add = reverse("plans:comment_add", args=[action.plan.short_name, action.code])
    form = _soup(client.get(_url(action), HTTP_ACCEPT_LANGUAGE="en")).find("form", action=add)
    textarea = form.find("textarea")
    help_text = form.find(id=textarea["aria-describedby"]).get_text()
    assert help_text.startswith("Internal comment: only the coordinators")
    assert "never made public" in help_text
