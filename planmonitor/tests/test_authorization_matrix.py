"""Every URL of the project, for every role, GET and POST: the expected answer.

The matrix is the contract of the permission policy as users meet it. A URL
added without an entry here makes ``test_every_url_is_in_the_matrix`` fail, so
a new view cannot forget its access rules. Admin URLs follow one rule (the admin
is a superuser-only back office) and are checked per registered model.
"""

import importlib
import pkgutil

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from planmonitor.accounts.models import Membership, User
from planmonitor.plans.models import Action, ActionComment

from .matrix import (
    ACTION_READERS,
    COORDINATOR_ONLY_FORM,
    COORDINATOR_ONLY_PAGE,
    COORDINATOR_ONLY_POST,
    FORBIDDEN,
    LOGGED_IN_PAGE,
    LOGIN,
    NO_POST_LOGGED_IN,
    NOT_ALLOWED,
    NOT_FOUND,
    ROLES,
    WHOLE_PLAN,
    Entry,
    action_history_kwargs,
    action_kwargs,
    answers,
    member_kwargs,
    plan_kwargs,
    reset_link_kwargs,
    role_kwargs,
)

MATRIX: dict[str, Entry] = {
    "plans:overview": Entry(get=answers(200), post=answers(NOT_ALLOWED)),
    # A plan's overview: for whoever may see the plan (members; every signed-in person once
    # published). An anonymous visitor of a published plan is sent to the portal's page
    # (plans/tests/test_portal_redirect.py); of this unpublished plan: 403, as before.
    "plans:plan_overview": Entry(
        kwargs=plan_kwargs,
        get=answers(200, anonymous=FORBIDDEN, outsider=FORBIDDEN),
        post=answers(NOT_ALLOWED),
    ),
    "plans:my_actions": Entry(
        get=answers(200, anonymous=LOGIN), post=answers(NOT_ALLOWED, anonymous=LOGIN)
    ),
    # Anonymous: 404 (unpublished plan); of a published plan, the portal's action page.
    "plans:action_detail": Entry(
        kwargs=action_kwargs,
        get=answers(NOT_FOUND, **ACTION_READERS, **WHOLE_PLAN),
        post=answers(NOT_ALLOWED),
    ),
    "plans:action_edit": Entry(
        kwargs=action_kwargs,
        get=answers(
            FORBIDDEN,
            anonymous=LOGIN,
            coordinator=200,
            owner=200,
            other_owner=NOT_FOUND,
            outsider=NOT_FOUND,
        ),
        # An empty form is invalid: allowed editors get the form back (200).
        post=answers(
            FORBIDDEN,
            anonymous=LOGIN,
            coordinator=200,
            owner=200,
            other_owner=NOT_FOUND,
            outsider=NOT_FOUND,
        ),
    ),
    "plans:comment_add": Entry(
        kwargs=action_kwargs,
        get=answers(NOT_ALLOWED, anonymous=LOGIN),
        # An empty comment is refused with a message and a redirect back.
        post=answers(
            302,
            evaluator=FORBIDDEN,
            cabinet=FORBIDDEN,
            other_owner=NOT_FOUND,
            outsider=NOT_FOUND,
        ),
    ),
    "accounts:member_list": Entry(
        kwargs=plan_kwargs, get=COORDINATOR_ONLY_PAGE, post=NO_POST_LOGGED_IN
    ),
    "accounts:member_detail": Entry(
        kwargs=member_kwargs, get=COORDINATOR_ONLY_PAGE, post=NO_POST_LOGGED_IN
    ),
    "accounts:member_create": Entry(
        kwargs=plan_kwargs, get=COORDINATOR_ONLY_PAGE, post=COORDINATOR_ONLY_FORM
    ),
    "accounts:member_invite": Entry(
        kwargs=member_kwargs, get=NO_POST_LOGGED_IN, post=COORDINATOR_ONLY_POST
    ),
    "accounts:member_deactivate": Entry(
        kwargs=member_kwargs, get=NO_POST_LOGGED_IN, post=COORDINATOR_ONLY_POST
    ),
    "accounts:member_reactivate": Entry(
        kwargs=member_kwargs, get=NO_POST_LOGGED_IN, post=COORDINATOR_ONLY_POST
    ),
    "accounts:membership_add": Entry(
        kwargs=member_kwargs, get=COORDINATOR_ONLY_PAGE, post=COORDINATOR_ONLY_FORM
    ),
    "accounts:membership_edit": Entry(
        kwargs=role_kwargs, get=COORDINATOR_ONLY_PAGE, post=COORDINATOR_ONLY_FORM
    ),
    "accounts:membership_remove": Entry(
        kwargs=role_kwargs, get=NO_POST_LOGGED_IN, post=COORDINATOR_ONLY_POST
    ),
    # Password pages: public (forgotten) or for oneself (change); nobody else's.
    "accounts:password_reset": Entry(get=answers(200), post=answers(200)),
    "accounts:password_reset_done": Entry(get=answers(200), post=answers(NOT_ALLOWED)),
    "accounts:password_reset_confirm": Entry(
        kwargs=reset_link_kwargs, get=answers(200), post=answers(200)
    ),
    "accounts:password_reset_complete": Entry(get=answers(200), post=answers(NOT_ALLOWED)),
    "accounts:password_change": Entry(get=LOGGED_IN_PAGE, post=LOGGED_IN_PAGE),
    "accounts:password_change_done": Entry(get=LOGGED_IN_PAGE, post=NO_POST_LOGGED_IN),
    # History: whole-plan readers and the action's owner; a contributor may see the
    # action but not who changed what; the rest may not know it exists.
    "audit:history": Entry(
        kwargs=action_history_kwargs,
        get=answers(
            200,
            anonymous=LOGIN,
            contributor=FORBIDDEN,
            cabinet=FORBIDDEN,
            other_owner=NOT_FOUND,
            outsider=NOT_FOUND,
        ),
        post=NO_POST_LOGGED_IN,
    ),
    # Import (coordinator) and export (coordinator, evaluator).
    "plans:transfer_import": Entry(
        kwargs=plan_kwargs, get=COORDINATOR_ONLY_PAGE, post=COORDINATOR_ONLY_FORM
    ),
    # An unknown upload token sends the coordinator back to the upload page.
    "plans:transfer_review": Entry(
        kwargs=lambda objects: {**plan_kwargs(objects), "token": "x" * 32},
        get=COORDINATOR_ONLY_POST,
        post=COORDINATOR_ONLY_POST,
    ),
    "plans:transfer_export_xlsx": Entry(
        kwargs=plan_kwargs,
        get=answers(FORBIDDEN, anonymous=LOGIN, coordinator=200, evaluator=200),
        post=NO_POST_LOGGED_IN,
    ),
    "plans:transfer_export_csv": Entry(
        kwargs=lambda objects: {**plan_kwargs(objects), "sheet": "acties"},
        get=answers(FORBIDDEN, anonymous=LOGIN, coordinator=200, evaluator=200),
        post=NO_POST_LOGGED_IN,
    ),
    "plans:transfer_template": Entry(get=LOGGED_IN_PAGE, post=NO_POST_LOGGED_IN),
    # The plan-wide change log: coordinators and evaluators (issue 9).
    "plans:change_log_default": Entry(
        get=answers(FORBIDDEN, anonymous=LOGIN, coordinator=302, evaluator=302),
        post=NO_POST_LOGGED_IN,
    ),
    **{
        name: Entry(
            kwargs=plan_kwargs,
            get=answers(FORBIDDEN, anonymous=LOGIN, coordinator=200, evaluator=200),
            post=NO_POST_LOGGED_IN,
        )
        for name in ("plans:change_log", "plans:change_log_csv", "plans:change_log_xlsx")
    },
    "set_language": Entry(get=answers(302), post=answers(302)),
    "login": Entry(get=answers(200), post=answers(200)),
    "logout": Entry(get=answers(NOT_ALLOWED), post=answers(302)),
}


def _app_entries() -> dict[str, Entry]:
    """Entries the apps declare in ``<app>/tests/matrix*.py`` (``ENTRIES``)."""
    import planmonitor

    entries: dict[str, Entry] = {}
    for app in pkgutil.iter_modules(planmonitor.__path__):
        try:
            tests = importlib.import_module(f"planmonitor.{app.name}.tests")
        except ModuleNotFoundError:
            continue
        for module_info in pkgutil.iter_modules(tests.__path__):
            if not module_info.name.startswith("matrix"):
                continue
            module = importlib.import_module(f"{tests.__name__}.{module_info.name}")
            overlap = set(entries) & set(module.ENTRIES)
            assert not overlap, overlap
            entries.update(module.ENTRIES)
    return entries


MATRIX.update(_app_entries())


def _named_patterns(resolvers=None, namespace: str = "") -> list[str]:
    names = []
    for pattern in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            names += _named_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            if namespace.startswith("admin:"):
                continue  # the admin's own URLs: checked per model below
            assert pattern.name, f"every URL needs a name: {pattern.pattern}"
            names.append(f"{namespace}{pattern.name}")
    return names


def test_every_url_is_in_the_matrix():
    missing = sorted(name for name in _named_patterns() if name not in MATRIX)
    assert not missing, f"add these URLs to the authorization matrix: {missing}"
    stale = sorted(set(MATRIX) - set(_named_patterns()))
    assert not stale, f"these matrix entries name no URL: {stale}"


def _fingerprint() -> tuple:
    """What a refused write must leave untouched."""
    return (
        list(Action.objects.order_by("pk").values_list("pk", "version", "title")),
        ActionComment.objects.count(),
        list(Membership.objects.order_by("pk").values_list("pk", "role")),
        list(User.objects.order_by("pk").values_list("pk", "is_active", "password")),
    )


@pytest.fixture
def as_role(client, request):
    def login(role: str):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return login


REDIRECTS_EVERYONE = {"set_language", "logout"}

CASES = [
    (name, method, role)
    for name, entry in MATRIX.items()
    for method in ("GET", "POST")
    for role in ROLES
]


@pytest.mark.parametrize(("name", "method", "role"), CASES)
def test_the_answer_is_as_the_matrix_says(name, method, role, objects, as_role):
    entry = MATRIX[name]
    url = reverse(name, kwargs=entry.kwargs(objects))
    client = as_role(role)
    before = _fingerprint()

    response = client.get(url) if method == "GET" else client.post(url, {})

    expected = (entry.get if method == "GET" else entry.post)[role]
    assert response.status_code == expected, f"{method} {url} as {role}"
    sent_to_login = role == "anonymous" and expected == LOGIN and name not in REDIRECTS_EVERYONE
    if sent_to_login:
        assert response["Location"].startswith(reverse("login"))
    if method == "POST" and (sent_to_login or expected in (NOT_FOUND, FORBIDDEN, NOT_ALLOWED)):
        assert _fingerprint() == before, "a refused write changed data"


@pytest.mark.parametrize("role", ROLES)
def test_the_admin_is_for_superusers_only(role, objects, as_role):
    client = as_role(role)
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login")), url


def test_a_superuser_enters_the_admin(client, objects, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org"))
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url
