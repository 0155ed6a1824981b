"""The admin is an input boundary too: its texts are stored with LF line endings."""

from django.contrib import admin
from django.test import RequestFactory

from planmonitor.plans.models import Action, Plan, PlanDecision


def _admin_form(model, user):
    request = RequestFactory().get("/admin/")
    request.user = user
    model_admin = admin.site._registry[model]
    return model_admin.get_form(request)


def _inline_forms(model, user):
    request = RequestFactory().get("/admin/")
    request.user = user
    model_admin = admin.site._registry[model]
    inlines = model_admin.get_inline_instances(request)
    return [inline.get_formset(request).form for inline in inlines]


def test_every_admin_text_area_stores_lf(django_user_model):
    superuser = django_user_model(username="root", is_superuser=True, is_staff=True)
    forms = [_admin_form(model, superuser) for model in (Action, Plan, PlanDecision)]
    forms += _inline_forms(Plan, superuser) + _inline_forms(Action, superuser)
    text_fields = [
        (form, name)
        for form in forms
        for name, field in form.base_fields.items()
        if field.widget.__class__.__name__.endswith("Textarea")
    ]
    assert len(text_fields) >= 4
    for form, name in text_fields:
        widget = form.base_fields[name].widget
        assert widget.value_from_datadict({name: "een\r\ntwee\rdrie"}, {}, name) == (
            "een\ntwee\ndrie"
        ), f"{form.__name__}.{name}"
