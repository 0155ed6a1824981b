"""Every admin page renders, for every registered model, with the example data loaded.

The models come from the admin registry itself, so a newly registered model is
covered without touching this file.
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from planmonitor.accounts.models import User
from planmonitor.demo.plan import demo_load

MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)


@pytest.fixture
def admin_client(plan, client):
    demo_load()
    Group.objects.create(name="Voorbeeldgroep")  # the demo has no groups; their pages count too
    client.force_login(User.objects.get(username="demo-admin"))
    return client


def _url(model, page: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


def test_the_registry_holds_the_plan_models():
    labels = {model._meta.label for model in MODELS}
    assert {"plans.Action", "plans.Indicator", "accounts.User", "accounts.Membership"} <= labels


def test_every_changelist_renders(admin_client, subtests):
    for model in MODELS:
        with subtests.test(model=model._meta.label):
            assert admin_client.get(_url(model, "changelist")).status_code == 200


def test_every_add_page_renders_or_is_refused_by_design(admin_client, rf, subtests):
    # Read-only registrations (login attempts, the audit trail) refuse adding on purpose.
    request = rf.get("/")
    request.user = User.objects.get(username="demo-admin")
    for model in MODELS:
        with subtests.test(model=model._meta.label):
            expected = 200 if admin.site._registry[model].has_add_permission(request) else 403
            assert admin_client.get(_url(model, "add")).status_code == expected


def test_every_change_page_renders(admin_client, subtests):
    for model in MODELS:
        with subtests.test(model=model._meta.label):
            obj = model._default_manager.order_by("pk").first()
            if obj is None:
                pytest.skip(f"no {model._meta.label} row to open")
            assert admin_client.get(_url(model, "change", obj.pk)).status_code == 200


def test_the_admin_labels_example_data(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()
    assert 'id="example-data-banner"' in page


def test_the_admin_speaks_dutch_by_default(admin_client):
    page = admin_client.get(reverse("admin:plans_action_changelist"))
    assert "Acties" in page.content.decode()
