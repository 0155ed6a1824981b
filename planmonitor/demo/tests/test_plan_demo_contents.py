"""What the example plan data holds (read once per module: these tests only read it)."""

import datetime as dt

import pytest
from django.db.models import Count, Max, Min

from planmonitor.accounts.models import Membership, Role, User
from planmonitor.demo.plan import (
    DEMO_ACCOUNTS,
)
from planmonitor.plans.models import (
    Action,
    BudgetLine,
    Indicator,
    Minister,
    OperationalGoal,
    Partner,
    TargetGroup,
    ViolenceForm,
)

from .test_plan_demo import EXAMPLE_TERM_MODELS


@pytest.fixture
def demo(demo_shared):
    """The demo, loaded once for this module: its tests only read it."""
    return demo_shared


def test_it_creates_115_actions_spread_over_all_eleven_operational_goals(demo):
    actions = Action.objects.filter(plan=demo)
    assert actions.count() == 115
    assert sorted(actions.values_list("code", flat=True)) == [f"A{n:03d}" for n in range(1, 116)]
    assert not actions.filter(is_example=False).exists()
    per_goal = OperationalGoal.objects.filter(plan=demo).annotate(n=Count("actions"))
    assert per_goal.count() == 11
    assert all(goal.n >= 5 for goal in per_goal), {goal.code: goal.n for goal in per_goal}
    assert len(set(actions.values_list("title", flat=True))) == 115


def test_it_gives_every_action_one_to_four_indicators_of_both_kinds(demo):
    counts = Action.objects.annotate(n=Count("indicators")).aggregate(low=Min("n"), high=Max("n"))
    assert counts == {"low": 1, "high": 4}
    quantitative = Indicator.objects.filter(kind=Indicator.Kind.QUANTITATIVE)
    assert quantitative.exists()
    assert not quantitative.filter(baseline_value=None).exists()
    assert not quantitative.filter(target_value=None).exists()
    assert not quantitative.filter(unit="").exists()
    for direction in (Indicator.Direction.INCREASE, Indicator.Direction.DECREASE):
        assert quantitative.filter(direction=direction).exists(), direction
    for indicator in quantitative.filter(direction=Indicator.Direction.DECREASE):
        assert indicator.target_value < indicator.baseline_value, indicator
    qualitative = Indicator.objects.filter(kind=Indicator.Kind.QUALITATIVE)
    assert qualitative.exists()
    assert not qualitative.filter(target_text="").exists()


def test_it_spreads_the_lead_over_the_ministers_and_never_as_co_minister(demo):
    leads = dict(
        Action.objects.values_list("lead_minister__key").annotate(n=Count("id")).order_by()
    )
    assert set(leads) == set(Minister.objects.values_list("key", flat=True))  # all nine
    busiest = sorted(leads, key=leads.get, reverse=True)[:2]
    assert set(busiest) == {"demir", "gennez"}  # justice/education and welfare carry the plan
    for action in Action.objects.prefetch_related("co_ministers"):
        co_ministers = set(action.co_ministers.all())
        assert len(co_ministers) <= 3
        assert action.lead_minister not in co_ministers, action.code


def test_its_dates_lie_inside_the_plan_period(demo):
    for action in Action.objects.all():
        assert dt.date(2025, 10, 1) <= action.start_date <= action.end_date <= dt.date(2029, 12, 31)
    years = BudgetLine.objects.aggregate(low=Min("year"), high=Max("year"))
    assert years["low"] >= 2025 and years["high"] <= 2029
    assert Action.objects.filter(has_budget_impact=True).exists()
    assert not BudgetLine.objects.filter(action__has_budget_impact=False).exists()


def test_its_actions_use_the_plans_terms_and_example_partners(demo):
    assert ViolenceForm.objects.filter(actions__isnull=False).distinct().count() == 5
    assert TargetGroup.objects.filter(actions__isnull=False).distinct().count() == 5
    partners = set(Partner.objects.filter(actions__isnull=False).values_list("label", flat=True))
    assert {"Sensoa", "Child Focus", "Plan International België"} <= partners
    assert "Vereniging van Vlaamse Steden en Gemeenten" in partners
    assert Action.objects.filter(involves_local_governments=True).exists()
    assert Action.objects.filter(involves_local_governments=False).exists()
    assert not Action.objects.filter(lead_organisation=None).exists()
    for model in EXAMPLE_TERM_MODELS:
        created = model.objects.exclude(code__in=["JH", "AJH"])
        assert created.exists() and not created.filter(is_example=False).exists(), model


def test_every_example_row_passes_model_validation(demo):
    # bulk_create skips full_clean(); the data is fixed, so checking it once here suffices.
    for model in [Action, Indicator, BudgetLine, *EXAMPLE_TERM_MODELS]:
        for obj in model.objects.all():
            obj.full_clean()


def test_it_creates_one_demo_account_per_role(demo):
    users = User.objects.filter(username__startswith="demo-")
    assert sorted(users.values_list("username", flat=True)) == sorted(
        a.username for a in DEMO_ACCOUNTS
    )
    assert not users.filter(is_example=False).exists()
    memberships = Membership.objects.filter(plan=demo, user__is_example=True)
    assert sorted(memberships.values_list("role", flat=True)) == sorted(Role.values)
    admin = users.get(username="demo-admin")
    assert admin.is_superuser and admin.is_staff and not admin.memberships.exists()
    assert admin.check_password("Voorbeeld-admin-2025!")

    owner = memberships.get(role=Role.ACTION_OWNER)
    assert [m.key for m in owner.ministers.all()] == ["gennez"]
    assert owner.organisation is not None
    assert Action.objects.filter(lead_minister__key="gennez").exists()
    contributor = memberships.get(role=Role.CONTRIBUTOR)
    (minister,) = contributor.ministers.all()
    assert Action.objects.filter(co_ministers=minister).exists()
