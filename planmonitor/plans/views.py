from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import selectors
from .forms import OverviewFilterForm


@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    """The plan's goal framework with its actions, filterable. Public: the plan is public."""
    plan = selectors.plan_get_default()
    if plan is None:
        return render(request, "plans/overview.html", {"plan": None})
    form = OverviewFilterForm(request.GET or None, plan=plan)
    filters = _valid_filters(form)
    actions = list(selectors.action_list_for_overview(plan=plan, **filters))
    is_filtered = any(filters.values())
    return render(
        request,
        "plans/overview.html",
        {
            "plan": plan,
            "form": form,
            "tree": selectors.plan_goal_tree(plan=plan, actions=actions),
            "is_filtered": is_filtered,
            "action_count": len(actions),
            # Unfiltered, the list is the total: no second query.
            "total_count": plan.actions.count() if is_filtered else len(actions),
        },
    )


def _valid_filters(form: OverviewFilterForm) -> dict:
    """The filters that validated. An invalid one is shown as a form error; the rest apply."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return form.cleaned_data
