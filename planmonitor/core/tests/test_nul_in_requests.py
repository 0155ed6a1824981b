"""A NUL character in a request's path is a 400 on every engine (PostgreSQL refuses text
with NUL: without the middleware an action code ``A%00`` was a 500 there). In the query
string it is the forms' to refuse (portal/tests/test_site_search.py, test_site_paging.py)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/plans/ggg-2025-2029/acties/A001%00/",
        "/nl/ggg-2025-2029/acties/A%00/",
    ],
)
def test_a_nul_character_is_a_bad_request(client, coordinator, url):
    client.force_login(coordinator)
    response = client.get(url)
    assert response.status_code == 400
    assert b"\x00" not in response.content


def test_an_address_without_one_is_served(client, coordinator, plan):
    client.force_login(coordinator)
    assert client.get(f"/plans/{plan.short_name}/acties/?q=geweld").status_code != 400
    assert client.get(f"/plans/{plan.short_name}/acties/?q=geweld%00").status_code != 400
