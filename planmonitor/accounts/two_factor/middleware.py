"""One place that enforces two-step login for every page, the admin included."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from planmonitor.accounts.policy import asks_second_step, has_two_factor, passed_second_step

# What someone may open between their password and their code: the two-step pages,
# logging out and switching the language.
OPEN_BEFORE_SECOND_STEP = {
    "accounts:two_factor_verify",
    "accounts:two_factor_enrol",
    "logout",
    "set_language",
}
# Views that never read the user: the session stays unread (the health probe).
NO_USER = {"healthz"}


class TwoFactorMiddleware:
    """After the password, who must give a code sees nothing else until they did.

    Someone with two-step login set up goes to the code page; a coordinator or
    administrator without it goes to set it up. Install after django-otp's
    ``OTPMiddleware`` (which tells whether this session passed the second step).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if request.resolver_match.view_name in NO_USER:
            return None
        user = request.user
        # Cheapest first: a verified session costs nothing more, nor does an anonymous one.
        if not user.is_authenticated or passed_second_step(user):
            return None
        if not asks_second_step(user):
            return None
        request.two_factor_pending = True  # the nav shows only what is open now
        if request.resolver_match.view_name in OPEN_BEFORE_SECOND_STEP:
            return None
        if request.resolver_match.namespace == "api":  # tokens, not sessions (api/auth.py)
            return None
        name = "accounts:two_factor_verify" if has_two_factor(user) else "accounts:two_factor_enrol"
        url = reverse(name)
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(url)
        return redirect(url)
