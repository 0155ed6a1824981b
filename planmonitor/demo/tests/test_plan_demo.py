"""The example data: load_demo and remove_demo."""

import threading
import time
from io import StringIO

import pytest
from django.contrib.auth.hashers import make_password as real_make_password
from django.core.management import CommandError, call_command

from planmonitor.accounts.models import Membership, Role, User
from planmonitor.demo import plan as demo_plan
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


def test_load_demo_hashes_the_passwords_one_at_a_time(plan, monkeypatch):
    # An Argon2 hash holds 100 MiB while it runs: hashes side by side multiplied the
    # command's peak memory (812 MB with threads, 326 MB one at a time).
    running = []
    overlaps = []
    hashed = []
    lock = threading.Lock()

    def make_password(password):
        with lock:
            running.append(password)
            overlaps.append(len(running))
        time.sleep(0.02)  # long enough for a second thread to start its own
        with lock:
            running.remove(password)
        hashed.append(password)
        return real_make_password(password)

    monkeypatch.setattr(demo_plan, "make_password", make_password)

    demo_load()

    assert sorted(hashed) == sorted(a.password for a in DEMO_ACCOUNTS)
    assert max(overlaps) == 1


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
