import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from planmonitor.accounts import policy
from planmonitor.core import errors, locking, paging, registry
from planmonitor.core.forms import show_refusal

from . import guards, selectors, services
from .access import action_or_404, plan_or_403
from .forms import ActionCreateForm, ActionForm, CommentForm, OverviewFilterForm
from .models import Action


@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    """The plan's goal framework with the actions the visitor may see, filterable.

    With several plans, the one chosen last (in the session), or a choice: never a guess.
    """
    choice = selectors.plan_choose(user=request.user, last=request.session.get(LAST_PLAN))
    if choice.plan is None:
        context = {"plan": None, "plans": choice.choices, "plan_count": choice.plan_count}
        return render(request, "plans/overview.html", context)
    return _overview(request, choice.plan, choice.choices)


@require_safe
def plan_overview(request: HttpRequest, short_name: str) -> HttpResponse:
    """One plan's overview, named in the URL; remembered as the visitor's plan for ``/``."""
    if portal_page := _portal_page_for_anonymous(request, short_name):
        return redirect(portal_page)
    plan = plan_or_403(request, short_name, policy.can_view_plan)
    if request.session.get(LAST_PLAN) != plan.short_name:
        request.session[LAST_PLAN] = plan.short_name
    return _overview(request, plan, selectors.plan_list_for_user(user=request.user))


LAST_PLAN = selectors.LAST_PLAN


# Rows per page: the real plan (115 actions, ~150 after the 2027 update) stays on one page.
OVERVIEW_PER_PAGE = 200


def _overview(request: HttpRequest, plan, plans: list) -> HttpResponse:
    form = OverviewFilterForm(request.GET or None, plan=plan)
    filters = dict(_valid_filters(form))
    query = filters.pop("q", "")
    found = None
    tree: list = []
    if query:
        ranked = selectors.action_search_ranked(
            plan=plan, user=request.user, query=query, **filters
        )
        page = paging.page_of(request, ranked, OVERVIEW_PER_PAGE)
        found = selectors.action_search_page(
            plan=plan, user=request.user, query=query, ranked=page.object_list
        )
    else:
        actions = selectors.action_list_for_overview(plan=plan, user=request.user, **filters)
        page = paging.page_of(request, actions, OVERVIEW_PER_PAGE)
        # A page is a piece of the tree: each OD then says how many it has in all.
        counts = selectors.action_counts_by_goal(actions) if page.has_other_pages() else None
        # Search results are ranked: a list, not the goal tree.
        tree = selectors.plan_goal_tree(plan=plan, actions=page.object_list, counts=counts)
    action_count = page.paginator.count
    is_filtered = bool(query) or any(filters.values())
    total_count = (
        Action.objects.filter(plan=plan).for_user(request.user).count()
        if is_filtered
        else action_count  # unfiltered, the list is the total: no second count
    )
    return render(
        request,
        "plans/overview.html",
        {
            "plan": plan,
            "plans": plans,
            "form": form,
            "query": query,
            "found": found,
            "tree": tree,
            "page": page,
            "page_query": paging.filter_query(request, form.fields),
            # Goals without actions only on the whole, unfiltered tree (not on a page of it).
            "show_empty_goals": not is_filtered and not page.has_other_pages(),
            "is_filtered": is_filtered,
            "action_count": action_count,
            "total_count": total_count,
            "can_import": policy.can_import_actions(request.user, plan),
            "can_export": policy.can_export_actions(request.user, plan),
            "can_create_action": policy.can_create_action(request.user, plan),
        },
    )


def _valid_filters(form: OverviewFilterForm) -> dict:
    """The filters that validated. An invalid one is shown as a form error; the rest apply."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return form.cleaned_data


HOME_PER_PAGE = 200  # as the overview's: a coordinator's whole plan on one page


@login_required
@require_safe
def my_actions(request: HttpRequest) -> HttpResponse:
    """A person's home page: what waits for them (the apps' panels, by role) and the
    actions that are theirs. Network members and evaluators read the whole plan: their
    home lists what their job needs, not every action (the overview has those)."""
    roles = {m.role for m in policy.memberships(request.user)}
    everything = policy.is_superuser(request.user)
    parts = [
        part
        for part in registry.registered(registry.HomePanel)
        if everything or not part.roles or part.roles & roles
    ]
    panels = _shown(parts, request)
    page = None
    if policy.home_lists_actions(request.user):
        actions = selectors.action_list_for_home(user=request.user)
        page = paging.page_of(request, actions, HOME_PER_PAGE)
    return render(
        request,
        "plans/my_actions.html",
        {
            "page": page,
            "panels": panels,
            "stylesheets": _stylesheets(parts),
        },
    )


def _shown(parts: list, request: HttpRequest, *args) -> list[dict]:
    """The registered parts this visitor gets, each with its template's context."""
    shown = []
    for part in parts:
        context = part.context(request, *args)
        if context is not None:
            shown.append({"template": part.template, "context": context})
    return shown


def _stylesheets(parts: list) -> list[str]:
    # Linked whether or not the part shows: the page's head stays the same for everyone.
    return [part.stylesheet for part in parts if part.stylesheet]


def _action_or_404(request: HttpRequest, short_name: str, code: str) -> Action:
    return action_or_404(request, short_name, code, lookup=selectors.action_get_for_user)


def _portal_page_for_anonymous(
    request: HttpRequest, short_name: str, code: str | None = None
) -> str | None:
    """The public site's page for an anonymous visitor of a published plan (the internal
    pages are for the signed-in); None for everyone else."""
    if request.user.is_authenticated:
        return None
    pages = (site.page(short_name, code) for site in registry.registered(registry.PublicSite))
    return next((page for page in pages if page), None)


@require_safe
def action_detail(request: HttpRequest, short_name: str, code: str) -> HttpResponse:
    if portal_page := _portal_page_for_anonymous(request, short_name, code):
        return redirect(portal_page)
    action = _action_or_404(request, short_name, code)
    user = request.user
    parts = registry.registered(registry.ActionSection)
    sections = _shown(parts, request, action)
    return render(
        request,
        "plans/action_detail.html",
        {
            "action": action,
            "can_edit": policy.can_edit_action(user, action),
            # Comments are internal: not for the public, even on a published plan.
            "comments": selectors.action_comments(action=action)
            if policy.can_read_comments(user, action)
            else None,
            "can_comment": policy.can_comment_action(user, action),
            "can_view_history": policy.can_read_history(user, action),
            "comment_form": CommentForm(),
            "sections": sections,
            "stylesheets": _stylesheets(parts),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, short_name: str, code: str) -> HttpResponse:
    action = _action_or_404(request, short_name, code)
    if not policy.can_edit_action(request.user, action):
        raise errors.Forbidden(
            _("Only the owners of this action and the plan's coordinator can edit it.")
        )
    form_kwargs = {
        "plan": action.plan,
        "may_restructure": policy.can_restructure_action(request.user, action),
        # A copy: a refused form has already written its input (a code such as "A/1")
        # onto its instance, and the page must keep naming and linking the stored action.
        "instance": copy.copy(action),
    }
    conflict = None
    if request.method == "POST":
        form = ActionForm(request.POST, **form_kwargs)
        if form.is_valid():
            values = {
                name: form.cleaned_data[name] for name in form.changed_data if name != "version"
            }
            attempt = locking.attempt_save(
                lambda: services.action_update(
                    action_id=action.pk,
                    values=values,
                    expected_version=form.cleaned_data["version"],
                    editor=request.user,
                ),
                on_conflict=lambda current: _conflict(form, current),
            )
            if attempt.done:
                messages.success(request, _("The action was saved."))
                return redirect(
                    "plans:action_detail", short_name=short_name, code=attempt.saved.code
                )
            conflict = attempt.conflict
    else:
        form = ActionForm(**form_kwargs)
    governed = guards.refusal_html(form.guard) if form.guard is not None else None
    # Nothing listed (the other save changed no field of this form): the page is no conflict.
    status = 409 if conflict else 200
    return render(
        request,
        "plans/action_form.html",
        {"action": action, "form": form, "conflict": conflict, "governed": governed},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request: HttpRequest, short_name: str) -> HttpResponse:
    """The coordinator adds an action to the plan (besides importing a spreadsheet)."""
    plan = plan_or_403(request, short_name, policy.can_create_action)
    rule = guards.rule_for(plan)
    if rule is not None and rule.creates:
        # After version 1 a new action comes through an approved revision (guards.py).
        context = {
            "plan": plan,
            "action": None,
            "form": None,
            "governed": guards.refusal_html(rule),
        }
        return render(request, "plans/action_form.html", context, status=409)
    form = ActionCreateForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.fields}
        try:
            action = services.action_create(plan=plan, values=values, creator=request.user)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The action was added."))
            return redirect("plans:action_detail", short_name=plan.short_name, code=action.code)
    return render(request, "plans/action_form.html", {"plan": plan, "action": None, "form": form})


def _conflict(form: ActionForm, current: Action) -> list[dict]:
    """What changed in between: the saved value next to the editor's own input.

    The form stays bound to the editor's input, so nothing typed is lost; its
    version moves to the current one, so saving again is a deliberate overwrite.
    """
    fresh = ActionForm(instance=current, plan=form.plan, may_restructure=False)
    rows = locking.changed_fields(form, fresh, current, (n for n in form.fields if n != "version"))
    locking.move_to(form, "version", current.version)
    return rows


@login_required
@require_POST
def comment_add(request: HttpRequest, short_name: str, code: str) -> HttpResponse:
    action = _action_or_404(request, short_name, code)
    if not policy.can_comment_action(request.user, action):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment_add(action=action, author=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("Your comment was added."))
    else:
        messages.error(request, _("The comment was empty or too long; nothing was added."))
    return redirect("plans:action_detail", short_name=short_name, code=action.code)


def action_page_of(obj) -> str | None:
    """The page that shows ``obj``: its action's page, for everything about an action."""
    action = obj if obj._meta.label == "plans.Action" else getattr(obj, "action", None)
    if action is None:
        return None
    return reverse("plans:action_detail", args=[action.plan.short_name, action.code])
