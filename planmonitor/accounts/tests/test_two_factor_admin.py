"""The admin needs two-step login too: the middleware sends there first, the site checks again."""

from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from planmonitor.accounts.policy import can_use_admin

from .two_factor_helpers import VERIFY, enrol, next_code, password_only_login


def test_the_admin_site_refuses_a_superuser_who_gave_no_code(django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.org")
    request = RequestFactory().get("/admin/")
    request.user = root
    root.is_verified = lambda: False  # what django-otp's middleware says

    assert not admin.site.has_permission(request)
    root.is_verified = lambda: True
    assert admin.site.has_permission(request)


def test_without_django_otps_answer_the_policy_says_no(django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.org")
    assert not can_use_admin(root)


def test_a_superuser_with_the_code_enters_the_admin(client, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.org")
    enrol(root)
    password_only_login(client, root)
    assert client.get(reverse("admin:index"))["Location"].startswith(VERIFY)

    client.post(VERIFY, {"code": next_code(root), "next": reverse("admin:index")})

    assert client.get(reverse("admin:index")).status_code == 200
