"""The action sheet (actiefiche): the sheet, its editing, its workflow, its versions and its PDF.

Access: whoever may follow the action's monitoring reads the sheet; the
action's owners and the coordinator edit it while it is a draft or returned;
the coordinator approves or returns it. Others get 404, as if it did not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from planmonitor.accounts import policy
from planmonitor.core import locking, text
from planmonitor.core.forms import show_refusal
from planmonitor.monitoring import workflow
from planmonitor.monitoring.models import ActionSheet, Milestone
from planmonitor.plans.access import action_or_404
from planmonitor.plans.models import Action, BudgetLine, Indicator

from . import compare, pdf, selectors, services
from .forms import (
    BudgetLineForm,
    IndicatorForm,
    ItemForm,
    MilestoneForm,
    PartnersForm,
    SheetForm,
    TransitionForm,
)

# The URL speaks Dutch; the workflow table speaks English.
TRANSITION_SLUGS = {
    "indienen": "submit",
    "goedkeuren": "approve",
    "terugsturen": "return",
    "herzien": "revise",
}
SLUG_OF = {name: slug for slug, name in TRANSITION_SLUGS.items()}
NO_SUCH_SHEET = gettext_lazy("No such action sheet.")
TRANSITION_DONE = {
    "submit": gettext_lazy("The action sheet was submitted to the coordinator."),
    "approve": gettext_lazy("The action sheet was approved; this version is kept."),
    "return": gettext_lazy("The action sheet was returned with remarks."),
    "revise": gettext_lazy("A new revision of the action sheet was started."),
}


# --- access -------------------------------------------------------------------------------


def _action_or_404(request: HttpRequest, short_name: str, code: str, **kwargs) -> Action:
    return action_or_404(
        request,
        short_name,
        code,
        lookup=selectors.action_for_sheet,
        rule=policy.can_view_monitoring,
        message=NO_SUCH_SHEET,
        **kwargs,
    )


def _editor_action(request: HttpRequest, short_name: str, code: str, **kwargs) -> Action:
    action = _action_or_404(request, short_name, code, **kwargs)
    if not policy.can_edit_monitoring(request.user, action):
        raise PermissionDenied
    return action


def _sheet_url(action: Action, anchor: str = "") -> str:
    url = reverse("monitoring:sheet_detail", args=[action.plan.short_name, action.code])
    return f"{url}#{anchor}" if anchor else url


def _locked_redirect(request: HttpRequest, action: Action) -> HttpResponse:
    messages.info(
        request,
        _("The action sheet is submitted or approved: start a new revision to change it."),
    )
    return redirect(_sheet_url(action))


# --- the sheet --------------------------------------------------------------------------------


def _detail_context(request: HttpRequest, action: Action, **extra) -> dict:
    user = request.user
    sheet = selectors.sheet_or_blank(action)
    editable = sheet.status in workflow.SHEET_EDITABLE
    budget_rows = [
        {"line": line, "gaps": selectors.budget_procedure_gaps(line)}
        for line in action.budget_lines.all()
    ]
    transitions = [
        {
            "name": name,
            "slug": SLUG_OF[name],
            "label": workflow.TRANSITION_LABELS[name],
            "remarks": name in ("approve", "return"),
            "remarks_required": name == "return",
        }
        for name in workflow.allowed(workflow.SHEET_TRANSITIONS, sheet.status)
        if policy.can_transition(user, sheet, name)
    ]
    return {
        "action": action,
        "sheet": sheet,
        "may_edit": editable and policy.can_edit_monitoring(user, action),
        "budget_rows": budget_rows,
        "incomplete_budget_lines": sum(1 for row in budget_rows if row["gaps"]),
        "budget_total": sum((row["line"].amount for row in budget_rows), Decimal(0)),
        "transitions": transitions,
        "latest_version": selectors.latest_version(sheet),
        "transition_form": TransitionForm(),
        "failed_transition": None,
        **extra,
    }


@login_required
@require_safe
def sheet_detail(request: HttpRequest, short_name: str, code: str) -> HttpResponse:
    action = _action_or_404(request, short_name, code, details=True)
    return render(request, "monitoring/sheets/sheet_detail.html", _detail_context(request, action))


def _opened_for_editing(
    request: HttpRequest, short_name: str, code: str
) -> tuple[Action, ActionSheet, HttpResponse | None]:
    """The action and its sheet for an edit page, and a redirect when a GET finds it locked."""
    action = _editor_action(request, short_name, code)
    sheet = selectors.sheet_or_blank(action)
    if request.method == "GET" and sheet.status not in workflow.SHEET_EDITABLE:
        return action, sheet, _locked_redirect(request, action)
    return action, sheet, None


@login_required
@require_http_methods(["GET", "POST"])
def sheet_edit(request: HttpRequest, short_name: str, code: str) -> HttpResponse:
    action, sheet, locked = _opened_for_editing(request, short_name, code)
    if locked:
        return locked
    attempt = locking.SaveAttempt()
    if request.method == "POST":
        form = SheetForm(request.POST, instance=sheet)
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in form.changed_data}
            values.pop("version", None)
            expected = form.cleaned_data["version"]
            attempt = locking.attempt_save(
                lambda: services.sheet_update(
                    sheet_id=sheet.pk or services.sheet_for(action).pk,
                    values=values,
                    expected_version=expected,
                ),
                on_conflict=lambda current: _sheet_conflict(form, current, expected),
                on_invalid=lambda error: show_refusal(form, error),
            )
            if attempt.done:
                messages.success(request, _("The action sheet was saved."))
                return redirect(_sheet_url(action))
    else:
        form = SheetForm(instance=sheet)
    return render(
        request,
        "monitoring/sheets/sheet_form.html",
        {"action": action, "form": form, "conflict": attempt.conflict, "locked": attempt.locked},
        status=attempt.status,
    )


def _sheet_conflict(form: SheetForm, current: ActionSheet, expected_version: int) -> list[dict]:
    """What changed between the version the editor opened and the one saved since.

    The history holds the version they opened. Fields both changed keep the
    editor's input; fields only the other person changed now hold the saved
    value, so saving again does not undo their work. Either way the editor
    saves again deliberately: the form's version moves to the current one.
    """
    opened = (
        current.history.filter(version=expected_version).order_by("-history_id").first()
        if expected_version
        else None
    )
    rows = []
    for name in SheetForm.Meta.fields:
        saved = getattr(current, name)
        mine = form.cleaned_data.get(name)
        # Compared as read (text.same): a text saved with CRLF before is the same text.
        if opened is None:  # history unknown: show what differs from the editor's input
            before, taken_over = None, False
            if text.same(saved, mine):
                continue
        else:
            before = getattr(opened, name)
            if text.same(before, saved):
                continue
            taken_over = text.same(mine, before)  # the editor left this field alone
            if taken_over:
                locking.move_to(form, name, saved)
        row = {
            "label": form.fields[name].label,
            "before": before,
            "saved": saved,
            # What the other person changed inside a long text (or differs from the input).
            "diff": text.text_diff(mine if opened is None else before, saved),
        }
        rows.append({**row, "taken_over": taken_over})
    locking.move_to(form, "version", current.version)
    return rows


@login_required
@require_POST
def sheet_transition(
    request: HttpRequest, short_name: str, code: str, transition: str
) -> HttpResponse:
    name = TRANSITION_SLUGS.get(transition)
    if name is None:
        raise Http404(_("No such step."))
    action = _action_or_404(request, short_name, code)
    if not policy.can_transition(request.user, selectors.sheet_or_blank(action), name):
        raise PermissionDenied
    form = TransitionForm(request.POST)
    if form.is_valid():
        sheet_id = selectors.sheet_or_blank(action).pk or services.sheet_for(action).pk
        try:
            services.sheet_transition(
                sheet_id=sheet_id,
                transition=name,
                user=request.user,
                remarks=form.cleaned_data["remarks"],
            )
        except workflow.TransitionRefused:
            form.add_error(
                None,
                _("The sheet's status changed in the meantime: this step is no longer possible."),
            )
            status = 409
        except ValidationError as error:
            show_refusal(form, error)
            status = 400
        else:
            messages.success(request, TRANSITION_DONE[name])
            return redirect(_sheet_url(action))
    else:
        status = 400
    # Show the sheet again with the refusal next to the button; typed remarks are kept.
    action = _action_or_404(request, short_name, code, details=True)
    context = _detail_context(request, action, transition_form=form, failed_transition=name)
    return render(request, "monitoring/sheets/sheet_detail.html", context, status=status)


@login_required
@require_safe
def sheet_pdf(request: HttpRequest, short_name: str, code: str) -> HttpResponse:
    action = _action_or_404(request, short_name, code, details=True)
    html = sheet_pdf_html(request, action)
    response = HttpResponse(pdf.render_pdf(html), content_type="application/pdf")
    filename = f"actiefiche-{_safe_filename(action.code)}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def sheet_pdf_html(request: HttpRequest, action: Action) -> str:
    """The HTML the PDF is rendered from: the sheet without buttons and forms."""
    context = _detail_context(
        request, action, may_edit=False, transitions=[], generated_at=timezone.now()
    )
    return render_to_string("monitoring/sheets/sheet_pdf.html", context, request=request)


def _safe_filename(code: str) -> str:
    return "".join(c for c in code if c.isalnum() or c in "-_") or "actie"


# --- versions ------------------------------------------------------------------------------------


@login_required
@require_safe
def sheet_versions(request: HttpRequest, short_name: str, code: str) -> HttpResponse:
    action = _action_or_404(request, short_name, code)
    sheet = selectors.sheet_or_blank(action)
    return render(
        request,
        "monitoring/sheets/versions.html",
        {"action": action, "sheet": sheet, "versions": selectors.version_list(sheet)},
    )


@login_required
@require_safe
def sheet_version(request: HttpRequest, short_name: str, code: str, number: int) -> HttpResponse:
    action = _action_or_404(request, short_name, code)
    sheet = selectors.sheet_or_blank(action)
    version, previous = selectors.version_with_previous(sheet, number)
    if version is None:
        raise Http404(_("No such version."))
    return render(
        request,
        "monitoring/sheets/version_detail.html",
        {
            "action": action,
            "version": version,
            "previous": previous,
            "content": version.content,
            "comparison": compare.compare(previous.content if previous else None, version.content),
        },
    )


# --- the sheet's parts: milestones, indicators, budget lines, partners -------------------------


@dataclass(frozen=True)
class Part:
    form_class: type[ItemForm]
    model: type[models.Model]
    add: Callable
    update: Callable
    id_argument: str
    anchor: str
    add_title: Promise
    edit_title: Promise
    saved: Promise


MILESTONE = Part(
    MilestoneForm,
    Milestone,
    services.milestone_add,
    services.milestone_update,
    "milestone_id",
    "milestones",
    gettext_lazy("Add a milestone"),
    gettext_lazy("Edit milestone"),
    gettext_lazy("The milestone was saved."),
)
INDICATOR = Part(
    IndicatorForm,
    Indicator,
    services.indicator_add,
    services.indicator_update,
    "indicator_id",
    "indicators",
    gettext_lazy("Add an indicator"),
    gettext_lazy("Edit indicator"),
    gettext_lazy("The indicator was saved."),
)
BUDGET_LINE = Part(
    BudgetLineForm,
    BudgetLine,
    services.budget_line_add,
    services.budget_line_update,
    "line_id",
    "budget",
    gettext_lazy("Add a budget line"),
    gettext_lazy("Edit budget line"),
    gettext_lazy("The budget line was saved."),
)


def _part_form(request: HttpRequest, action: Action, part: Part, item=None) -> HttpResponse:
    sheet = selectors.sheet_or_blank(action)
    if request.method == "GET" and sheet.status not in workflow.SHEET_EDITABLE:
        return _locked_redirect(request, action)
    form_kwargs = {"instance": item or part.model(action=action), "action": action}
    attempt = locking.SaveAttempt()
    if request.method == "POST":
        form = part.form_class(request.POST, **form_kwargs)
        if form.is_valid():
            if item is None:
                save = partial(part.add, action=action, values=form.values())
            else:
                save = partial(
                    part.update,
                    **{part.id_argument: item.pk},
                    values=form.values(),
                    expected_fingerprint=form.cleaned_data["loaded"],
                )
            attempt = locking.attempt_save(
                save,
                on_conflict=lambda current: _part_conflict(form, current),
                on_invalid=lambda error: show_refusal(form, error),
            )
            if attempt.done:
                messages.success(request, part.saved)
                return redirect(_sheet_url(action, part.anchor))
    else:
        form = part.form_class(**form_kwargs)
    return _render_part_form(
        request,
        action,
        form,
        attempt,
        title=part.add_title if item is None else part.edit_title,
        anchor=part.anchor,
    )


def _render_part_form(request, action, form, attempt, *, title, anchor: str) -> HttpResponse:
    return render(
        request,
        "monitoring/sheets/part_form.html",
        {
            "action": action,
            "form": form,
            "title": title,
            "conflict": attempt.conflict,
            "locked": attempt.locked,
            "cancel_url": _sheet_url(action, anchor),
        },
        status=attempt.status,
    )


def _part_conflict(form: ItemForm, current: models.Model) -> list[dict]:
    """The saved values that differ from the editor's input; their input stays in the form."""
    fresh = type(form)(instance=current, action=form.action)
    rows = locking.changed_fields(form, fresh, current, form.FINGERPRINT_FIELDS)
    locking.move_to(form, "loaded", locking.fingerprint(current, form.FINGERPRINT_FIELDS))
    return rows


def _part_view(part: Part, *, with_item: bool):
    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, short_name: str, code: str, pk: int | None = None):
        action = _editor_action(request, short_name, code)
        item = get_object_or_404(part.model, pk=pk, action=action) if with_item else None
        return _part_form(request, action, part, item)

    return view


milestone_add = _part_view(MILESTONE, with_item=False)
milestone_edit = _part_view(MILESTONE, with_item=True)
indicator_add = _part_view(INDICATOR, with_item=False)
indicator_edit = _part_view(INDICATOR, with_item=True)
budgetline_add = _part_view(BUDGET_LINE, with_item=False)
budgetline_edit = _part_view(BUDGET_LINE, with_item=True)


@login_required
@require_POST
def milestone_delete(request: HttpRequest, short_name: str, code: str, pk: int) -> HttpResponse:
    action = _editor_action(request, short_name, code)
    milestone = get_object_or_404(Milestone, pk=pk, action=action)
    try:
        services.milestone_delete(milestone_id=milestone.pk)
    except workflow.TransitionRefused as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The milestone was deleted."))
    return redirect(_sheet_url(action, "milestones"))


@login_required
@require_http_methods(["GET", "POST"])
def sheet_partners(request: HttpRequest, short_name: str, code: str) -> HttpResponse:
    action, sheet, locked = _opened_for_editing(request, short_name, code)
    if locked:
        return locked
    attempt = locking.SaveAttempt()
    if request.method == "POST":
        form = PartnersForm(request.POST, action=action)
        if form.is_valid():
            attempt = locking.attempt_save(
                lambda: services.sheet_partners_update(
                    action_id=action.pk,
                    partners=form.cleaned_data["partners"],
                    expected_version=form.cleaned_data["version"],
                ),
                on_conflict=lambda current: _partners_conflict(form, current),
                on_invalid=lambda error: show_refusal(form, error),
            )
            if attempt.done:
                messages.success(request, _("The partners were saved."))
                return redirect(_sheet_url(action, "partners"))
    else:
        form = PartnersForm(action=action)
    return _render_part_form(request, action, form, attempt, title=_("Partners"), anchor="partners")


def _partners_conflict(form: PartnersForm, current: Action) -> list[dict]:
    locking.move_to(form, "version", current.version)
    return [{"label": _("Partners"), "saved": locking.display(current, "partners")}]
