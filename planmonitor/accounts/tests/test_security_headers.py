"""Security headers of our pages: a Content-Security-Policy without inline script, no framing."""

import pytest
from django.urls import reverse

from planmonitor.tests.html import parse_html


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.mark.parametrize("name", ["login", "accounts:password_reset"])
def test_pages_have_a_strict_content_security_policy(client, db, name):
    response = client.get(reverse(name))

    directives = _directives(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    # ...and the page needs nothing the policy forbids.
    soup = parse_html(response)
    assert (
        not soup.select("script:not([src])")
        and not soup.select("[style]")
        and not soup.select("style")
    )


def test_the_members_page_needs_no_inline_script_either(client, plan, coordinator):
    client.force_login(coordinator)
    url = reverse("accounts:member_list", kwargs={"short_name": plan.short_name})
    soup = parse_html(client.get(url))
    assert not soup.select("script:not([src])") and not soup.select("[style]")


def test_pages_refuse_framing_and_sniffing(client, db):
    response = client.get(reverse("login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
