"""The two-step login pages. Thin: services write, the policy decides, the middleware enforces."""

from __future__ import annotations

import base64
from base64 import b32encode
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from planmonitor.accounts import selectors, services
from planmonitor.accounts.policy import (
    asks_second_step,
    can_remove_two_factor,
    has_two_factor,
    passed_second_step,
    requires_two_factor,
)

from .forms import EnrolForm, SecondStepForm

PENDING_KEY = "two_factor_pending_key"  # the secret being set up, until its first code
NEW_BACKUP_CODES = "two_factor_new_backup_codes"  # shown once, then gone


def _next_url(request: HttpRequest) -> str:
    """Where to go once done: a page of this site the person asked for, else their home."""
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _second_step_passed(request: HttpRequest, device) -> None:
    otp_login(request, device)
    # The session is worth more now: a new id, so one seen before the code is useless.
    request.session.cycle_key()


def _locked_out(request: HttpRequest, credentials: dict) -> HttpResponse:
    # The password alone opened this session; too many wrong codes end it.
    logout(request)
    return get_lockout_response(request, None, credentials)


def _refused(request: HttpRequest, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


def _qr_code(text: str) -> str:
    """A QR code as an SVG data: URI (the CSP allows images from data:; no script runs)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathFillImage, border=4)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")


def _grouped(secret: str) -> str:
    """ABCD EFGH ...: easier to type into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


# --- at login: the code -----------------------------------------------------------------


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    next_url = _next_url(request)
    if passed_second_step(user) or not asks_second_step(user):
        return redirect(next_url)
    if selectors.two_factor_device(user) is None:
        return redirect(_with_next("accounts:two_factor_enrol", next_url))
    # Wrong codes count as failed logins for django-axes, as wrong passwords do.
    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        return _locked_out(request, credentials)
    form = SecondStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.two_factor_verify(user=user, code=form.cleaned_data["code"])
        if result.device is not None:
            services.login_failures_clear(
                username=user.get_username(), ip_address=getattr(request, "axes_ip_address", None)
            )
            _second_step_passed(request, result.device)
            if isinstance(result.device, StaticDevice):
                left = selectors.backup_codes_left(user)
                messages.warning(
                    request,
                    ngettext(
                        "You used a backup code: %(count)d is left. Make new ones under "
                        "Two-step login when you run low.",
                        "You used a backup code: %(count)d are left. Make new ones under "
                        "Two-step login when you run low.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(next_url)
        if result.retry_at is not None:
            seconds = max(1, int((result.retry_at - timezone.now()).total_seconds() + 0.999))
            form.add_error(
                "code",
                ngettext(
                    "Too many wrong codes. Wait %(seconds)d second, then try again.",
                    "Too many wrong codes. Wait %(seconds)d seconds, then try again.",
                    seconds,
                )
                % {"seconds": seconds},
            )
        else:
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                return _locked_out(request, credentials)
            form.add_error(
                "code",
                _(
                    "This code is not right. Enter the 6 digits your app shows now, or an "
                    "unused backup code."
                ),
            )
    return render(request, "accounts/two_factor/verify.html", {"form": form, "next": next_url})


# --- setting it up, or moving it to a new app --------------------------------------------


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    user = request.user
    next_url = _next_url(request)
    current = selectors.two_factor_device(user)
    if current is not None and not passed_second_step(user):
        # Moving to a new app needs a code of the current one (or a backup code) first.
        return redirect(_with_next("accounts:two_factor_verify", next_url))
    key = request.session.get(PENDING_KEY)
    if not key:
        key = request.session[PENDING_KEY] = services.two_factor_key_new()
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.two_factor_enrol(
                user=user, key=key, code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            del request.session[PENDING_KEY]
            _second_step_passed(request, device)
            request.session[NEW_BACKUP_CODES] = codes
            return redirect(_with_next("accounts:two_factor_backup_codes", next_url))
    pending = TOTPDevice(user=user, key=key)  # never saved: for the otpauth:// address
    context = {
        "form": form,
        "next": next_url,
        "qr_code": _qr_code(pending.config_url),
        "secret": _grouped(b32encode(pending.bin_key).decode("ascii")),
        "issuer": settings.OTP_TOTP_ISSUER,
        "replacing": current is not None,
        "required": requires_two_factor(user),
    }
    return render(request, "accounts/two_factor/enrol.html", context)


@login_required
@never_cache
@require_safe
def backup_codes(request: HttpRequest) -> HttpResponse:
    """The new backup codes, once: reloading the page does not show them again."""
    codes = request.session.pop(NEW_BACKUP_CODES, None)
    if not codes:
        return redirect("accounts:two_factor_manage")
    context = {"codes": codes, "next": _next_url(request)}
    return render(request, "accounts/two_factor/backup_codes.html", context)


# --- managing it ----------------------------------------------------------------------------


@login_required
@never_cache
@require_safe
def manage(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "enabled": has_two_factor(user),
        "required": requires_two_factor(user),
        "can_remove": can_remove_two_factor(user),
        "codes_left": selectors.backup_codes_left(user) if has_two_factor(user) else 0,
    }
    return render(request, "accounts/two_factor/manage.html", context)


@login_required
@require_POST
def backup_codes_renew(request: HttpRequest) -> HttpResponse:
    try:
        codes = services.two_factor_backup_codes_renew(user=request.user)
    except ValidationError as error:
        _refused(request, error)
        return redirect("accounts:two_factor_manage")
    request.session[NEW_BACKUP_CODES] = codes
    return redirect(
        _with_next("accounts:two_factor_backup_codes", reverse("accounts:two_factor_manage"))
    )


@login_required
@require_POST
def remove(request: HttpRequest) -> HttpResponse:
    try:
        services.two_factor_remove(user=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Two-step login is off. You log in with your password alone."))
    return redirect("accounts:two_factor_manage")
