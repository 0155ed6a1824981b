"""A view's own 404 stays a 404; only an address nothing resolves may miss its language."""

import pytest


@pytest.mark.django_db
def test_an_internal_page_s_404_is_not_turned_into_a_public_redirect(client, outsider, plan):
    # /nl/geschiedenis/sd/<n>/ would match the public site's goal page: no guess.
    strategic_goal = plan.strategic_goals.first()
    client.force_login(outsider)
    response = client.get(f"/geschiedenis/sd/{strategic_goal.pk}/")
    assert response.status_code == 404
    assert response["Content-Language"]


@pytest.mark.django_db
def test_a_public_address_without_its_language_is_redirected_to_it(client):
    response = client.get("/toegankelijkheid/")
    assert response.status_code == 302
    assert response["Location"] == "/nl/toegankelijkheid/"
