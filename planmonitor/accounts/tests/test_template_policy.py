"""Templates ask the policy (``user|can:"rule"``), never the user's flags themselves."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.urls import reverse

from planmonitor.tests.html import parse_html


def _render(text: str, user) -> str:
    return Template("{% load accounts %}" + text).render(Context({"user": user}))


@pytest.fixture
def staff(make_user):
    user = make_user("staff")
    user.is_staff = True
    user.save()
    return user


def test_the_filter_gives_the_policys_answer(staff, coordinator):
    text = '{% if user|can:"see_setup_hints" %}yes{% else %}no{% endif %}'

    assert _render(text, staff) == "yes"
    assert _render(text, coordinator) == "no"
    assert _render(text, AnonymousUser()) == "no"


def test_a_rule_the_policy_does_not_have_is_an_error(staff):
    with pytest.raises(AttributeError):
        _render('{% if user|can:"do_anything" %}{% endif %}', staff)


def test_the_empty_overview_shows_the_load_command_to_operators_only(
    no_plan, client, staff, outsider
):
    def hint(user):
        client.force_login(user)
        soup = parse_html(client.get(reverse("plans:overview")))
        return soup.select_one(".empty-state code")

    assert hint(staff).get_text() == "manage.py load_gbv_plan"
    assert hint(outsider) is None
