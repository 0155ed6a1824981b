"""The database itself refuses rows that break the plan's rules.

Every write here goes straight to the database (``objects.create``, ``update``,
M2M ``add``), past any form or ``full_clean``: these are the guarantees that
hold for the admin, the importer and a stray script alike. Each refusal is
checked to come from the rule under test (its constraint or trigger name), not
from some other error that happens to be an IntegrityError too.
"""

import datetime as dt
from contextlib import contextmanager
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import IntegrityError, transaction

from planmonitor.accounts.models import Membership, Role
from planmonitor.plans.models import (
    Action,
    BudgetLine,
    Indicator,
    Minister,
    OperationalGoal,
    Organisation,
    Partner,
    Plan,
    PlanDecision,
    PolicyDomain,
    StrategicGoal,
    TargetGroup,
    ViolenceForm,
)

TAXONOMIES = [ViolenceForm, TargetGroup, PolicyDomain, Organisation, Partner]
OTHER_PLAN = (
    "another plan"  # the triggers' message: "<table>: referenced rows belong to another plan"
)
# A row's plan_id is fixed once written, so referenced rows cannot move either.
PLAN_FIXED = "cannot change"


@contextmanager
def refused(*reasons: str):
    """The block's write is refused by the database, for one of ``reasons``.

    SQLite names a CHECK or expression index; for a plain UNIQUE it names the
    columns instead, hence several accepted reasons.
    """
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        yield
    message = str(caught.value)
    assert any(reason in message for reason in reasons), message


def unique(name: str, table: str, *columns: str) -> tuple[str, str]:
    """How PostgreSQL and SQLite name a violated UniqueConstraint on fields."""
    return name, "UNIQUE constraint failed: " + ", ".join(f"{table}.{c}" for c in columns)


def make_action(plan: Plan, code: str = "X.1", **fields) -> Action:
    values = {
        "plan": plan,
        "code": code,
        "title": "Een testactie",
        "operational_goal": plan.operational_goals.first(),
        "lead_minister": Minister.objects.get(key="demir"),
        **fields,
    }
    return Action.objects.create(**values)


@pytest.fixture
def action(plan) -> Action:
    return make_action(plan)


@pytest.fixture
def other(plan) -> SimpleNamespace:
    """A second plan with the same codes and labels as the loaded one."""
    other_plan = Plan.objects.create(
        short_name="ander-plan",
        title="Een ander plan",
        period_start=dt.date(2030, 1, 1),
        period_end=dt.date(2034, 12, 31),
    )
    sd = StrategicGoal.objects.create(plan=other_plan, code="1", text="SD 1 van het andere plan")
    return SimpleNamespace(
        plan=other_plan,
        sd=sd,
        od=OperationalGoal.objects.create(
            plan=other_plan, strategic_goal=sd, code="1.1", text="OD 1.1 van het andere plan"
        ),
        form=ViolenceForm.objects.create(plan=other_plan, code="SG", label="Seksueel geweld"),
        group=TargetGroup.objects.create(plan=other_plan, code="kinderen", label="Kinderen"),
        partner=Partner.objects.create(plan=other_plan, code="sensoa", label="Sensoa"),
        domain=PolicyDomain.objects.create(
            plan=other_plan, code="JH", label="Justitie en Handhaving"
        ),
        org=Organisation.objects.create(
            plan=other_plan, code="AJH", label="Agentschap Justitie en Handhaving"
        ),
    )


# --- Minister, plan, decisions ------------------------------------------------


def test_it_refuses_a_minister_term_that_ends_before_it_starts(db):
    with refused("minister_term_ends_after_start"):
        Minister.objects.create(
            key="x",
            name="X Y",
            family_name="Y",
            portfolio="Z",
            in_office_from=dt.date(2025, 1, 2),
            in_office_to=dt.date(2025, 1, 1),
        )


def test_it_refuses_a_second_minister_with_the_same_key(plan):
    with refused(*unique("plans_minister_key", "plans_minister", "key")):
        Minister.objects.create(
            key="demir", name="Z D", family_name="D", portfolio="P", in_office_from=dt.date.today()
        )


def test_it_refuses_a_plan_period_that_ends_before_it_starts(db):
    with refused("plan_period_ends_after_start"):
        Plan.objects.create(
            short_name="p",
            title="P",
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2025, 1, 1),
        )


def test_it_refuses_a_final_evaluation_before_the_interim_one(plan):
    with refused("plan_final_evaluation_after_interim"):
        Plan.objects.filter(pk=plan.pk).update(final_evaluation_due=dt.date(2027, 1, 1))


def test_it_refuses_a_second_plan_with_the_same_short_name(plan):
    with refused(*unique("plans_plan_short_name", "plans_plan", "short_name")):
        Plan.objects.create(
            short_name=plan.short_name,
            title="Kopie",
            period_start=plan.period_start,
            period_end=plan.period_end,
        )


def test_it_refuses_two_decisions_of_one_kind_on_one_day(plan):
    first = plan.decisions.first()
    with refused(
        *unique("plan_decision_unique_kind_date", "plans_plandecision", "plan_id", "kind", "date")
    ):
        PlanDecision.objects.create(
            plan=plan, kind=first.kind, date=first.date, description="Nog eens"
        )


# --- Taxonomies: codes and labels unique per plan, case-insensitively ------------


@pytest.mark.parametrize("model", TAXONOMIES, ids=lambda m: m.__name__)
def test_it_refuses_a_duplicate_code_in_any_case(plan, model):
    prefix = model._meta.model_name
    model.objects.create(plan=plan, code="ABC", label="Eerste")
    with refused(f"{prefix}_unique_code"):
        model.objects.create(plan=plan, code="abc", label="Tweede")


@pytest.mark.parametrize("model", TAXONOMIES, ids=lambda m: m.__name__)
def test_it_refuses_a_duplicate_label_in_any_case(plan, model):
    prefix = model._meta.model_name
    model.objects.create(plan=plan, code="A1", label="Een label")
    with refused(f"{prefix}_unique_label"):
        model.objects.create(plan=plan, code="A2", label="EEN LABEL")


@pytest.mark.parametrize("model", TAXONOMIES, ids=lambda m: m.__name__)
def test_it_refuses_an_empty_code(plan, model):
    prefix = model._meta.model_name
    with refused(f"{prefix}_code_not_empty"):
        model.objects.create(plan=plan, code="", label="Zonder code")


@pytest.mark.parametrize("model", TAXONOMIES, ids=lambda m: m.__name__)
def test_it_refuses_renaming_a_term_onto_another_code(plan, model):
    model.objects.create(plan=plan, code="A1", label="Eerste")
    second = model.objects.create(plan=plan, code="A2", label="Tweede")
    with refused(f"{model._meta.model_name}_unique_code"):
        model.objects.filter(pk=second.pk).update(code="a1")


# --- Goal framework -------------------------------------------------------------


def test_it_refuses_a_duplicate_strategic_goal_code(plan):
    with refused(*unique("strategicgoal_unique_code", "plans_strategicgoal", "plan_id", "code")):
        StrategicGoal.objects.create(plan=plan, code="1", text="Nog een SD 1")


def test_it_refuses_an_empty_strategic_goal_code(plan):
    with refused("strategicgoal_code_not_empty"):
        StrategicGoal.objects.create(plan=plan, code="", text="Zonder code")


def test_it_refuses_a_duplicate_operational_goal_code(plan):
    sd = plan.strategic_goals.get(code="2")
    with refused(
        *unique("operationalgoal_unique_code", "plans_operationalgoal", "plan_id", "code")
    ):
        OperationalGoal.objects.create(plan=plan, strategic_goal=sd, code="1.1", text="Dubbel")


def test_it_refuses_an_empty_operational_goal_code(plan):
    with refused("operationalgoal_code_not_empty"):
        OperationalGoal.objects.create(
            plan=plan, strategic_goal=plan.strategic_goals.first(), code="", text="Zonder code"
        )


# --- Actions, budget lines, indicators -------------------------------------------


def test_it_refuses_a_duplicate_action_code_in_any_case(plan):
    make_action(plan, code="SD1.OD1.A1")
    with refused("action_unique_code"):
        make_action(plan, code="sd1.od1.a1")


def test_it_refuses_an_empty_action_code(plan):
    with refused("action_code_not_empty"):
        make_action(plan, code="")


def test_it_refuses_an_action_that_ends_before_it_starts(plan):
    with refused("action_end_after_start"):
        make_action(plan, start_date=dt.date(2026, 1, 2), end_date=dt.date(2026, 1, 1))


def test_it_accepts_an_action_of_one_day(plan):
    make_action(plan, start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 1, 1))


def test_it_refuses_moving_an_action_end_before_its_start(action):
    Action.objects.filter(pk=action.pk).update(start_date=dt.date(2026, 3, 1))
    with refused("action_end_after_start"):
        Action.objects.filter(pk=action.pk).update(end_date=dt.date(2026, 2, 28))


def budget_line(action: Action, **fields) -> BudgetLine:
    values = {
        "action": action,
        "year": 2026,
        "amount": Decimal("1000.00"),
        "policy_domain": action.plan.policy_domains.get(code="JH"),
        **fields,
    }
    return BudgetLine.objects.create(**values)


def test_it_refuses_a_negative_budget_amount(action):
    with refused("budgetline_amount_positive"):
        budget_line(action, amount=Decimal("-0.01"))


def test_it_accepts_a_zero_budget_amount(action):
    budget_line(action, amount=Decimal("0"))


@pytest.mark.parametrize("year", [1999, 2101])
def test_it_refuses_an_implausible_budget_year(action, year):
    with refused("budgetline_year_plausible"):
        budget_line(action, year=year)


def test_it_refuses_two_budget_lines_for_one_year_and_domain(action):
    budget_line(action)
    with refused(
        *unique(
            "budgetline_unique_year_domain",
            "plans_budgetline",
            "action_id",
            "year",
            "policy_domain_id",
        )
    ):
        budget_line(action, amount=Decimal("5"))


def indicator(action: Action, **fields) -> Indicator:
    values = {"action": action, "code": "I1", "name": "Aantal opleidingen", "kind": "quantitative"}
    return Indicator.objects.create(**{**values, **fields})


def test_it_refuses_a_duplicate_indicator_code_in_one_action_in_any_case(action):
    indicator(action, code="IND-1")
    with refused("indicator_unique_code"):
        indicator(action, code="ind-1")


def test_it_accepts_the_same_indicator_code_on_another_action(action, plan):
    indicator(action, code="IND-1")
    indicator(make_action(plan, code="X.2"), code="IND-1")


def test_it_refuses_an_empty_indicator_code(action):
    with refused("indicator_code_not_empty"):
        indicator(action, code="")


def test_it_refuses_a_target_date_before_the_baseline_date(action):
    with refused("indicator_target_after_baseline"):
        indicator(action, baseline_date=dt.date(2025, 1, 1), target_date=dt.date(2024, 12, 31))


@pytest.mark.parametrize("number", ["baseline_value", "target_value"])
def test_it_refuses_a_qualitative_indicator_with_numbers(action, number):
    with refused("indicator_qualitative_has_no_numbers"):
        indicator(action, kind="qualitative", **{number: Decimal("3")})


def test_it_refuses_turning_a_quantitative_indicator_with_numbers_qualitative(action):
    measured = indicator(action, baseline_value=Decimal("10"), target_value=Decimal("20"))
    with refused("indicator_qualitative_has_no_numbers"):
        Indicator.objects.filter(pk=measured.pk).update(kind="qualitative")


def test_it_accepts_a_qualitative_indicator_described_in_words(action):
    indicator(
        action, kind="qualitative", baseline_text="Geen aanbod", target_text="Aanbod in 5 steden"
    )


# --- Memberships --------------------------------------------------------------------


def test_it_refuses_the_same_role_twice_for_one_person_in_one_plan(plan, make_user):
    user = make_user("coordinator", plan, Role.COORDINATOR)
    with refused(
        *unique("membership_unique_role", "accounts_membership", "user_id", "plan_id", "role")
    ):
        Membership.objects.create(user=user, plan=plan, role=Role.COORDINATOR)


def test_it_accepts_two_roles_for_one_person(plan, make_user):
    user = make_user("coordinator", plan, Role.COORDINATOR)
    Membership.objects.create(user=user, plan=plan, role=Role.EVALUATOR)


def test_it_refuses_an_unknown_role(plan, make_user):
    with refused("membership_role_valid"):
        Membership.objects.create(user=make_user("someone"), plan=plan, role="superhero")


# --- Triggers: everything a row refers to belongs to the same plan --------------


def test_it_allows_the_same_codes_in_two_plans(plan, other):
    assert other.plan.strategic_goals.get().code == plan.strategic_goals.get(code="1").code
    make_action(plan, code="A.1")
    make_action(other.plan, code="A.1", operational_goal=other.od)
    assert Action.objects.filter(code="A.1").count() == 2
    for model in TAXONOMIES:
        assert model.objects.filter(plan=other.plan).count() == 1


def test_it_refuses_an_operational_goal_under_another_plans_strategic_goal(plan, other):
    with refused(OTHER_PLAN):
        OperationalGoal.objects.create(plan=plan, strategic_goal=other.sd, code="9.9", text="x")
    od = plan.operational_goals.get(code="1.1")
    with refused(OTHER_PLAN):
        OperationalGoal.objects.filter(pk=od.pk).update(strategic_goal=other.sd)


def test_it_refuses_an_action_under_another_plans_operational_goal(plan, other, action):
    with refused(OTHER_PLAN):
        make_action(plan, code="X.9", operational_goal=other.od)
    with refused(OTHER_PLAN):
        Action.objects.filter(pk=action.pk).update(operational_goal=other.od)
    with refused(OTHER_PLAN, PLAN_FIXED):  # the other way round: the action moves, its goal stays
        Action.objects.filter(pk=action.pk).update(plan=other.plan)


def test_it_refuses_a_lead_organisation_of_another_plan(plan, other, action):
    with refused(OTHER_PLAN):
        make_action(plan, code="X.9", lead_organisation=other.org)
    with refused(OTHER_PLAN):
        Action.objects.filter(pk=action.pk).update(lead_organisation=other.org)
    Action.objects.filter(pk=action.pk).update(lead_organisation=plan.coordinating_agency)


@pytest.mark.parametrize(
    ("relation", "own_term", "foreign_term"),
    [
        ("violence_forms", lambda plan: plan.violence_forms.get(code="SG"), "form"),
        ("target_groups", lambda plan: plan.target_groups.get(code="kinderen"), "group"),
        (
            "partners",
            lambda plan: Partner.objects.create(plan=plan, code="sensoa", label="Sensoa"),
            "partner",
        ),
    ],
)
def test_it_refuses_a_term_of_another_plan_on_an_action(
    plan, other, action, relation, own_term, foreign_term
):
    terms = getattr(action, relation)
    foreign = getattr(other, foreign_term)
    with refused(OTHER_PLAN):
        terms.add(foreign)
    own = own_term(plan)
    terms.add(own)
    link = terms.through.objects.filter(action=action)
    term_column = terms.through._meta.get_field(foreign._meta.model_name).attname
    with refused(OTHER_PLAN):
        link.update(**{term_column: foreign.pk})
    assert list(terms.all()) == [own]


def test_it_refuses_a_budget_line_in_another_plans_policy_domain(plan, other, action):
    with refused(OTHER_PLAN):
        budget_line(action, policy_domain=other.domain)
    line = budget_line(action)
    with refused(OTHER_PLAN):
        BudgetLine.objects.filter(pk=line.pk).update(policy_domain=other.domain)
    other_action = make_action(other.plan, operational_goal=other.od)
    with refused(OTHER_PLAN):  # moved to another plan's action, keeping its domain
        BudgetLine.objects.filter(pk=line.pk).update(action=other_action)


def test_it_refuses_moving_a_violence_form_in_use_to_another_plan(plan, other, action):
    form = plan.violence_forms.get(code="VGV")
    action.violence_forms.add(form)
    with refused(PLAN_FIXED):
        ViolenceForm.objects.filter(pk=form.pk).update(plan=other.plan)


def test_it_refuses_moving_an_operational_goal_with_actions_to_another_plan(plan, other, action):
    with refused(PLAN_FIXED):
        OperationalGoal.objects.filter(pk=action.operational_goal_id).update(
            plan=other.plan, strategic_goal=other.sd, code="7.7"
        )


def test_it_refuses_moving_a_strategic_goal_with_operational_goals_to_another_plan(plan, other):
    with refused(PLAN_FIXED):
        StrategicGoal.objects.filter(plan=plan, code="3").update(plan=other.plan)
