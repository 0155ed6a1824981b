"""The inbox (``/meldingen/``): a person's notifications, marking them read, their preferences."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from planmonitor.accounts.models import User
from planmonitor.core import registry

from . import selectors, services
from .forms import PreferencesForm
from .models import MailSettings, Notification, Preference


@login_required
@require_safe
def inbox(request: HttpRequest) -> HttpResponse:
    notifications = list(selectors.inbox(user=request.user))
    labels = {kind.key: kind.label for kind in registry.registered(registry.NotificationKind)}
    return render(
        request,
        "notifications/inbox.html",
        {
            "rows": [
                {"notification": n, "kind": labels.get(n.kind, n.kind)} for n in notifications
            ],
            "unread": sum(1 for n in notifications if n.read_at is None),
        },
    )


def _person(request: HttpRequest) -> User:
    # Behind login_required: the request's user is an account.
    assert isinstance(request.user, User)
    return request.user


def _own(request: HttpRequest, pk: int) -> Notification:
    # Someone else's notification does not exist for this person (404, not 403).
    return get_object_or_404(Notification, pk=pk, recipient=request.user)


@login_required
@require_safe
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow the notification's link; opening it is reading it."""
    notification = _own(request, pk)
    services.notification_read(notification=notification)
    if not url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect("notifications:inbox")
    return redirect(notification.url)


@login_required
@require_POST
def notification_mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    services.notification_read(notification=_own(request, pk))
    return redirect("notifications:inbox")


@login_required
@require_POST
def all_read(request: HttpRequest) -> HttpResponse:
    count = services.notifications_all_read(user=_person(request))
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    current = dict(Preference.objects.filter(user=person).values_list("kind", "delivery"))
    settings_row = MailSettings.objects.filter(user=person).first()
    form = PreferencesForm(
        request.POST or None,
        current=current,
        language=settings_row.language if settings_row else "",
    )
    if request.method == "POST" and form.is_valid():
        services.preferences_save(
            user=person,
            deliveries=form.deliveries(),
            language=form.cleaned_data["language"],
        )
        messages.success(request, _("Your notification settings were saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
