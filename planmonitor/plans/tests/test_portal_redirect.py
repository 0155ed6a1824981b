"""Once the portal exists, the internal plan and action pages require a login: an
anonymous visitor of a published plan gets the portal's page, of an unpublished plan the
answer it always got; signed-in people keep the internal pages."""

import pytest
from django.urls import reverse
from django.utils import translation

from planmonitor.plans.models import Plan

pytestmark = pytest.mark.django_db


def _publish(plan) -> None:
    Plan.objects.filter(pk=plan.pk).update(is_published=True)


def _internal(name: str, action) -> str:
    if name == "plans:plan_overview":
        return reverse(name, args=[action.plan.short_name])
    return reverse(name, args=[action.plan.short_name, action.code])


@pytest.mark.parametrize(
    ("internal", "portal"),
    [("plans:plan_overview", "portal:plan"), ("plans:action_detail", "portal:action")],
)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_anonymous_visitor_of_a_published_plan_gets_the_portal_page(
    client, action, internal, portal, language
):
    _publish(action.plan)
    client.cookies["django_language"] = language
    response = client.get(_internal(internal, action))
    assert response.status_code == 302
    args = [action.plan.short_name] + ([action.code] if portal == "portal:action" else [])
    with translation.override(language):
        assert response["Location"] == reverse(portal, args=args)
    assert client.get(response["Location"]).status_code == 200


def test_an_anonymous_visitor_of_an_unpublished_plan_gets_what_they_always_got(client, action):
    assert client.get(_internal("plans:plan_overview", action)).status_code == 403
    assert client.get(_internal("plans:action_detail", action)).status_code == 404


@pytest.mark.parametrize("who", ["outsider", "owner", "coordinator"])
def test_signed_in_people_keep_the_internal_pages_of_a_published_plan(client, action, who, request):
    _publish(action.plan)
    client.force_login(request.getfixturevalue(who))
    assert client.get(_internal("plans:plan_overview", action)).status_code == 200
    assert client.get(_internal("plans:action_detail", action)).status_code == 200
