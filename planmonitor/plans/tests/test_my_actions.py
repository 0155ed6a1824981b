import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from planmonitor.plans.models import Action

URL = reverse("plans:my_actions")


def _codes(client) -> list[str]:
    soup = BeautifulSoup(client.get(URL).content, "html.parser")
    return [row.th.get_text(strip=True) for row in soup.select("tr.action")]


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("owner", ["T001"]),
        ("other_owner", ["T002"]),
        ("contributor", ["T001"]),
        ("coordinator", ["T001", "T002"]),
        ("network_member", ["T001", "T002"]),
        ("evaluator", ["T001", "T002"]),
        ("outsider", []),
    ],
)
def test_each_role_sees_only_their_actions(client, action, other_action, who, expected, request):
    client.force_login(request.getfixturevalue(who))
    assert _codes(client) == expected


def test_published_actions_of_others_do_not_crowd_the_home_page(
    client, action, other_action, owner
):
    action.plan.is_published = True
    action.plan.save()
    client.force_login(owner)
    assert _codes(client) == ["T001"]


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(URL)["Location"].startswith(reverse("login"))


def test_its_query_count_does_not_grow_with_the_number_of_actions(
    client, demo, coordinator, django_assert_num_queries, django_assert_max_num_queries
):
    client.force_login(coordinator)
    with django_assert_max_num_queries(10) as first:
        client.get(URL)
    Action.objects.filter(code__gt="A050").delete()
    with django_assert_num_queries(len(first.captured_queries)):
        assert len(_codes(client)) == 50
