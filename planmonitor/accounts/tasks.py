"""Mail that leaves outside the request: background tasks (django-tasks).

Requests only enqueue; a worker (``manage.py db_worker``) runs these. Their import
paths are stable (``planmonitor.accounts.tasks.<name>``): the queue stores them,
and another backend (e.g. Celery) would run the same functions. Arguments are
plain JSON values, never model instances: the task reads the rows when it runs.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from planmonitor.plans.models import Plan

from .models import User


@task()
def password_reset_mail_send(*, email: str, domain: str, use_https: bool) -> None:
    """Mail a password link to each active person with this address and a usable password.

    Enqueued for every request, known address or not, so the request does the same
    work either way. Only here is the address looked up: an unknown one, a
    deactivated person or one without a password yet gets nothing.
    """
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        form.save(domain_override=domain, use_https=use_https)


@task()
def member_invitation_mail_send(*, user_id: int, plan_id: int, site_root: str) -> None:
    """Mail a person who has no password yet their one-time link to choose one."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    plan = Plan.objects.filter(pk=plan_id).first()
    # Nothing to invite to once the person chose a password, left, or the plan is gone.
    if user is None or plan is None or user.has_usable_password():
        return
    context = {
        "user": user,
        "plan": plan,
        "link": _invitation_link(user=user, site_root=site_root),
        "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60)),
        "site_root": site_root,
    }
    subject = render_to_string("accounts/email/invitation_subject.txt", context)
    body = render_to_string("accounts/email/invitation_email.txt", context)
    send_mail("".join(subject.splitlines()), body, None, [user.email])


def _invitation_link(*, user: User, site_root: str) -> str:
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return site_root.rstrip("/") + path
