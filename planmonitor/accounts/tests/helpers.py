"""Helpers of the accounts tests: URLs, parsed pages, logging in through the form."""

from django.urls import reverse

from planmonitor.accounts.models import Membership, Role, User
from planmonitor.plans.models import Plan

PASSWORD = "x-test-password-123"  # what planmonitor/conftest.py gives every test user


def membership(user: User, plan: Plan, role: Role) -> Membership:
    return Membership.objects.get(user=user, plan=plan, role=role)


def members_url(plan: Plan, name: str = "member_list", **kwargs) -> str:
    return reverse(f"accounts:{name}", kwargs={"short_name": plan.short_name, **kwargs})


def member_url(plan: Plan, user: User, name: str = "member_detail", **kwargs) -> str:
    return members_url(plan, name, user_id=user.pk, **kwargs)


def messages_of(response) -> list[tuple[str, str]]:
    """The (level tag, text) of the messages shown on a page."""
    return [(m.level_tag, str(m)) for m in response.context["messages"]]


def log_in(client, username: str, password: str = PASSWORD):
    """Through the login form, as a person does (axes sees the request)."""
    return client.post(reverse("login"), {"username": username, "password": password})


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session
