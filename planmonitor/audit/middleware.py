from django.http import HttpRequest, HttpResponse

from .context import Channel, audit_context


class AuditContextMiddleware:
    """Attribute changes made during a request to its user, via the web or the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        channel = Channel.ADMIN if request.path.startswith("/admin/") else Channel.WEB
        with audit_context(channel=channel, user=getattr(request, "user", None)):
            return self.get_response(request)
