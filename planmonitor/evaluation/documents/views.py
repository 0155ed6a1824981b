"""The plan document for Parliament as downloads (DOCX and PDF)."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from planmonitor.accounts import policy
from planmonitor.plans.models import Plan

from .formats import FORMATS, document_language
from .forms import PlanDocumentForm
from .sources import NoSuchVersion, plan_document_for


def _plan(request: HttpRequest, short_name: str) -> Plan | HttpResponse:
    """As the plan page: whoever may see the plan downloads its document (a published plan:
    everyone); anonymous visitors of another plan are sent to log in."""
    plan = get_object_or_404(Plan, short_name=short_name)
    if not policy.can_download_plan_document(request.user, plan):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    return plan


def _download(request: HttpRequest, short_name: str, extension: str) -> HttpResponse:
    plan = _plan(request, short_name)
    if isinstance(plan, HttpResponse):
        return plan
    form = PlanDocumentForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(_("The version must be a positive whole number."))
    version = form.cleaned_data["versie"]
    try:
        document = plan_document_for(
            plan, version, language=document_language(translation.get_language())
        )
    except NoSuchVersion as error:
        raise Http404(str(error)) from error
    kind = FORMATS[extension]
    response = HttpResponse(kind.render(document), content_type=kind.content_type)
    name = f"plan-{plan.short_name}" + (f"-versie-{version}" if version else "")
    response["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
    return response


@require_safe
def plan_document_docx(request: HttpRequest, short_name: str) -> HttpResponse:
    return _download(request, short_name, "docx")


@require_safe
def plan_document_pdf(request: HttpRequest, short_name: str) -> HttpResponse:
    return _download(request, short_name, "pdf")


def plan_page_links(request: HttpRequest, plan: Plan) -> list[tuple[str, str]]:
    """The plan page's links (registry.PlanLink) to both files, for those who may download."""
    if not policy.can_download_plan_document(request.user, plan):
        return []
    return [
        (_("Plan document (PDF)"), reverse("evaluation:plan_document_pdf", args=[plan.short_name])),
        (
            _("Plan document (Word)"),
            reverse("evaluation:plan_document_docx", args=[plan.short_name]),
        ),
    ]


def plan_page_link_pdf(request: HttpRequest, plan: Plan) -> tuple[str, str] | None:
    return next(iter(plan_page_links(request, plan)), None)


def plan_page_link_docx(request: HttpRequest, plan: Plan) -> tuple[str, str] | None:
    return next(iter(plan_page_links(request, plan)[1:]), None)
