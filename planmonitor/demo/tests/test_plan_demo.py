"""The example data: load_demo and remove_demo."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Max, Min

from planmonitor.accounts.models import Membership, Role, User
from planmonitor.demo.plan import (
    DEMO_ACCOUNTS,
    PARTNERS,
    demo_action_specs,
    demo_load,
    demo_remove,
)
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
from planmonitor.tests.html import parse_html

EXAMPLE_TERM_MODELS = [PolicyDomain, Organisation, Partner]


@pytest.fixture
def english(settings):
    settings.LANGUAGE_CODE = "en"  # the commands speak the interface's language


def _snapshot() -> list[tuple]:
    """Everything the demo generates, named by codes and keys instead of database ids."""
    actions = Action.objects.order_by("code").prefetch_related(
        "co_ministers", "violence_forms", "target_groups", "partners", "indicators", "budget_lines"
    )
    return [
        (
            a.code,
            a.title,
            a.description,
            a.operational_goal.code,
            a.lead_minister.key,
            a.lead_organisation.code,
            sorted(m.key for m in a.co_ministers.all()),
            sorted(t.code for t in a.violence_forms.all()),
            sorted(t.code for t in a.target_groups.all()),
            sorted(t.code for t in a.partners.all()),
            a.involves_local_governments,
            a.start_date,
            a.end_date,
            a.status,
            a.has_budget_impact,
            [
                (i.code, i.name, i.kind, i.unit, i.direction, i.baseline_value, i.target_value)
                for i in a.indicators.all()
            ],
            [(b.year, b.amount, b.policy_domain.code) for b in a.budget_lines.all()],
        )
        for a in actions.select_related("operational_goal", "lead_minister", "lead_organisation")
    ]


def _wipe_database() -> None:
    """Back to an empty database: the demo's second load starts from nothing, like a fresh one."""
    demo_remove()
    Plan.objects.all().delete()
    Minister.objects.all().delete()


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


def test_it_is_deterministic_across_fresh_databases(plan):
    demo_load()
    first = _snapshot()
    _wipe_database()
    assert not Action.objects.exists() and not Plan.objects.exists()

    demo_load()

    assert _snapshot() == first
    assert [s.code for s in demo_action_specs()] == [row[0] for row in first]


def test_it_is_idempotent(demo, english):
    before = _snapshot()
    counts = {m: m.objects.count() for m in [User, Membership, Indicator, BudgetLine, Partner]}

    report = demo_load()
    out = StringIO()
    call_command("load_demo", stdout=out)

    assert not report.changed and not report.created
    assert "nothing created" in out.getvalue()
    assert _snapshot() == before
    assert {m: m.objects.count() for m in counts} == counts


def test_it_recreates_a_deleted_example_action_identically(demo):
    before = _snapshot()
    Action.objects.get(code="A050").delete()

    report = demo_load()

    assert report.created["actions"] == 1
    assert _snapshot() == before


def test_it_refuses_to_mix_example_actions_with_real_ones(plan, english):
    Action.objects.create(
        plan=plan,
        code="1.1.1",
        title="Echte actie",
        operational_goal=OperationalGoal.objects.get(plan=plan, code="1.1"),
        lead_minister=Minister.objects.get(key="demir"),
    )
    err = StringIO()

    call_command("load_demo", stdout=StringIO(), stderr=err)

    assert "already holds real actions" in err.getvalue()
    assert not Action.objects.filter(is_example=True).exists()
    assert not User.objects.filter(is_example=True).exists()


def test_load_demo_prints_the_accounts_and_their_passwords(plan):
    out = StringIO()

    call_command("load_demo", stdout=out)

    for account in DEMO_ACCOUNTS:
        assert account.username in out.getvalue()
        assert account.password in out.getvalue()
        assert User.objects.get(username=account.username).check_password(account.password)


def test_remove_demo_removes_exactly_the_example_data(demo, make_user):
    real_user = make_user("real-coordinator", demo, Role.COORDINATOR)
    real_partner = Partner.objects.create(plan=demo, code="ECHT", label="Echte partner")
    official = {
        model: set(model.objects.values_list("pk", flat=True))
        for model in [
            Plan,
            PlanDecision,
            StrategicGoal,
            OperationalGoal,
            ViolenceForm,
            TargetGroup,
            Minister,
        ]
    }
    official_terms = {
        model: set(model.objects.filter(is_example=False).values_list("pk", flat=True))
        for model in EXAMPLE_TERM_MODELS
    }
    out = StringIO()

    call_command("remove_demo", stdout=out)

    assert not Action.objects.exists()
    assert not Indicator.objects.exists() and not BudgetLine.objects.exists()
    assert not User.objects.filter(is_example=True).exists()
    assert not Membership.objects.filter(user__is_example=True).exists()
    for model in EXAMPLE_TERM_MODELS:
        assert not model.objects.filter(is_example=True).exists(), model
        assert set(model.objects.values_list("pk", flat=True)) == official_terms[model], model
    for model, pks in official.items():
        assert set(model.objects.values_list("pk", flat=True)) == pks, model
    assert Partner.objects.filter(pk=real_partner.pk).exists()
    assert real_user.memberships.filter(plan=demo, role=Role.COORDINATOR).exists()
    assert "115 plans.Action" in out.getvalue()


def test_remove_demo_is_idempotent(demo, english):
    call_command("remove_demo", stdout=StringIO())
    out = StringIO()

    call_command("remove_demo", stdout=out)

    assert "nothing removed" in out.getvalue()


def test_remove_demo_refuses_while_real_data_uses_an_example_term(demo):
    # A coordinator gave a real action an example organisation: deleting it would cascade.
    organisation = Organisation.objects.get(plan=demo, code="DOV")
    Action.objects.filter(is_example=True).update(is_example=False)
    Action.objects.exclude(lead_organisation=organisation).delete()

    with pytest.raises(CommandError, match="still used by real data"):
        call_command("remove_demo", stdout=StringIO())

    assert Organisation.objects.filter(pk=organisation.pk).exists()
    # All or nothing: the partners, deleted before the organisations, are back too.
    assert Partner.objects.filter(is_example=True).count() == len(PARTNERS)


def _banner(client):
    response = client.get("/")
    assert response.status_code == 200
    return parse_html(response).find(id="example-data-banner")


def test_the_banner_shows_while_example_data_is_loaded(demo, client):
    banner = _banner(client)
    assert banner is not None
    assert "fictief" in banner.get_text()  # the UI is Dutch by default

    demo_remove()

    assert _banner(client) is None
