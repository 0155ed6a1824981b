"""The overlap page (pairs, their classification, fragmentation) and the thesaurus page."""

from __future__ import annotations

import io
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from planmonitor.accounts import policy
from planmonitor.accounts.models import User
from planmonitor.core.errors import ApplicationError
from planmonitor.core.locking import EditConflict, move_to
from planmonitor.core.paging import filter_query
from planmonitor.plans.access import plan_or_403
from planmonitor.plans.models import Action, Plan

from ..models import ThesaurusTerm
from ..views import _xlsx
from . import services
from .exporting import write_overlap_xlsx
from .forms import OverlapClassifyForm, OverlapFilterForm, ThesaurusAddForm, ThesaurusRemoveForm
from .reviews import OverlapAnalysis, ReviewedPair, analyse

PER_PAGE = 50


def _pairs(plan: Plan, form: OverlapFilterForm) -> tuple[OverlapAnalysis, list[ReviewedPair]]:
    analysis = analyse(plan, include_dismissed=form.include_dismissed())
    return analysis, [row for row in analysis.pairs if form.keep(row)]


def _classify(plan: Plan, form: OverlapClassifyForm, user: User) -> int | None:
    """Save the posted classification: None when saved, else the page's status."""
    if not form.is_valid():
        return 400
    data = form.cleaned_data
    actions = {a.code: a for a in Action.objects.filter(plan=plan, code__in=[data["a"], data["b"]])}
    if data["a"] == data["b"] or len(actions) != 2:
        form.add_error(None, _("These two actions are not a pair of this plan."))
        return 400
    try:
        services.overlap_classify(
            plan=plan,
            action_a=actions[data["a"]],
            action_b=actions[data["b"]],
            classification=data["classification"],
            note=data["note"],
            by=user,
            version=data["version"],
            seen={data["a"]: data["seen_a"], data["b"]: data["seen_b"]},
        )
    except services.TextsChanged as error:
        form.add_error(None, error.message)
        return 409
    except EditConflict:
        form.add_error(
            None,
            _(
                "Someone else classified this pair meanwhile: their classification is shown. "
                "Save again to replace it with yours."
            ),
        )
        return 409
    except ApplicationError as error:
        form.add_error(None, error.message)
        return 400
    return None


def _rebase(form: OverlapClassifyForm, rows: list[ReviewedPair]) -> None:
    """After a conflict: bind the person's input to the pair as it is now, so saving again
    is a deliberate choice on the current texts and classification."""
    codes = (form.data.get("a"), form.data.get("b"))
    for row in rows:
        if (row.pair.a.code, row.pair.b.code) == codes:
            move_to(form, "version", row.review.version if row.review else "")
            move_to(form, "seen_a", row.fingerprint_a)
            move_to(form, "seen_b", row.fingerprint_b)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def overlap(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = plan_or_403(request, short_name, policy.can_view_network)
    can_classify = policy.can_manage_signals(request.user, plan)
    form = OverlapFilterForm(request.GET or None)
    posted, status = None, 200
    if request.method == "POST":
        user = request.user
        if not can_classify or not isinstance(user, User):
            raise PermissionDenied
        codes = (request.POST.get("a", ""), request.POST.get("b", ""))
        posted = OverlapClassifyForm(request.POST, auto_id=OverlapClassifyForm.auto_id_for(*codes))
        failed = _classify(plan, posted, user)
        if failed is None:
            messages.success(request, _("The classification is saved."))
            return redirect(request.get_full_path())
        status = failed
    analysis, rows = _pairs(plan, form)
    if posted is not None and status == 409:
        _rebase(posted, rows)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    entries = []
    for row in page.object_list:
        row_form = None
        if can_classify:
            row_form = OverlapClassifyForm.for_row(row)
            if posted is not None and (posted.data.get("a"), posted.data.get("b")) == (
                row.pair.a.code,
                row.pair.b.code,
            ):
                row_form = posted
        entries.append({"row": row, "form": row_form})
    return render(
        request,
        "network/overlap.html",
        {
            "plan": plan,
            "form": form,
            "page": page,
            "entries": entries,
            "total": len(rows),
            "analysis": analysis,
            "posted": posted,
            "can_classify": can_classify,
            "query": filter_query(request, OverlapFilterForm.FIELDS),
        },
        status=status,
    )


@login_required
@require_safe
def overlap_xlsx(request: HttpRequest, short_name: str) -> HttpResponseBase:
    plan = plan_or_403(request, short_name, policy.can_view_network)
    analysis, rows = _pairs(plan, OverlapFilterForm(request.GET or None))
    buffer = io.BytesIO()
    write_overlap_xlsx(buffer, rows, analysis.clusters)
    return _xlsx(buffer, f"{plan.short_name}-overlap.xlsx")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def thesaurus(request: HttpRequest, short_name: str) -> HttpResponse:
    plan = plan_or_403(request, short_name, policy.can_view_network)
    can_edit = policy.can_edit_thesaurus(request.user, plan)
    terms = list(ThesaurusTerm.objects.order_by("concept", "language", "term", "pk"))
    concepts = sorted({term.concept for term in terms})
    add = ThesaurusAddForm(concepts=concepts)
    status = 200
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if "remove" in request.POST:
            remove = ThesaurusRemoveForm(request.POST)
            if remove.is_valid():
                term = remove.cleaned_data["remove"]
                services.thesaurus_term_remove(term=term)
                messages.success(request, _("“%(term)s” is removed.") % {"term": term.term})
                return redirect(request.path)
            status = 400
        else:
            add = ThesaurusAddForm(request.POST, concepts=concepts)
            if add.is_valid():
                try:
                    term = services.thesaurus_term_add(
                        concept=add.cleaned_data["concept"],
                        language=add.cleaned_data["language"],
                        term=add.cleaned_data["term"],
                    )
                except services.ThesaurusRefused as error:
                    add.add_error("term", error.message)
                else:
                    messages.success(
                        request,
                        _("“%(term)s” is added to %(concept)s.")
                        % {"term": term.term, "concept": term.concept},
                    )
                    return redirect(request.path)
            status = 400
    groups = [
        (concept, list(members)) for concept, members in groupby(terms, key=lambda t: t.concept)
    ]
    return render(
        request,
        "network/thesaurus.html",
        {"plan": plan, "groups": groups, "add": add, "can_edit": can_edit},
        status=status,
    )
