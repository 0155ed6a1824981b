"""The SMART verdicts on the action page: for the plan's people, not for the public."""

from __future__ import annotations

import pytest
from django.urls import reverse

from planmonitor.tests.html import parse_html


def _section(client, action):
    url = reverse("plans:action_detail", args=[action.plan.short_name, action.code])
    response = client.get(url)
    assert response.status_code == 200
    return parse_html(response.content).select_one("section.smart")


@pytest.mark.parametrize(
    "who", ["coordinator", "owner", "contributor", "network_member", "evaluator"]
)
def test_the_plans_people_see_the_five_verdicts(client, action, who, request):
    client.force_login(request.getfixturevalue(who))
    section = _section(client, action)
    letters = [item["data-letter"] for item in section.select(".smart-letters__item")]
    assert letters == ["S", "M", "A", "R", "T"]
    # The fixture's action has no indicator and no end date.
    measurable = section.select_one('[data-letter="M"]').get_text(" ", strip=True)
    assert "niet gehaald" in measurable and "Geen indicator" in measurable


def test_only_who_may_read_the_list_gets_a_link_to_it(client, action, owner, network_member):
    client.force_login(owner)
    assert _section(client, action).select_one("a") is None
    client.force_login(network_member)
    link = _section(client, action).select_one("a")["href"]
    assert link == reverse("network:smart_list", args=[action.plan.short_name])


def test_the_public_does_not_see_them(client, action, outsider):
    action.plan.is_published = True
    action.plan.save()
    client.force_login(outsider)  # anonymous visitors get the portal's page instead
    assert _section(client, action) is None
