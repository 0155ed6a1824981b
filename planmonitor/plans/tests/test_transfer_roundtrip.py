"""Property: for generated plans, export then import gives the same plan back (XLSX and CSV)."""

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planmonitor.core.limits import INDICATOR_PLACES, largest_number
from planmonitor.plans.models import (
    Action,
    Beneficiary,
    BudgetLine,
    Indicator,
    IstanbulArticle,
    Minister,
    OperationalGoal,
    Partner,
    PolicyDomain,
    TargetGroup,
    ViolenceForm,
)
from planmonitor.plans.transfer.exporting import csv_paths, export_csv_files, export_xlsx_file
from planmonitor.plans.transfer.importing import ImportFile, ImportSource, import_actions
from planmonitor.plans.transfer.samples import plan_snapshot

# Text as people type it: any letters, digits, punctuation and spaces, and in particular
# the characters that start formulas or escape them. No control characters (XLSX cannot
# hold them) and no leading or trailing spaces (the importer trims cells).
CHARACTERS = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"))
TRICKY_STARTS = st.sampled_from(["", "=", "+", "-", "@", "'", "''", "'=", "'x", "12,5"])


def words(max_size: int) -> st.SearchStrategy[str]:
    def join(start: str, rest: str) -> str:
        return (start + rest).strip() or "x"

    return st.builds(join, TRICKY_STARTS, st.text(CHARACTERS, max_size=max_size))


def maybe_words(max_size: int) -> st.SearchStrategy[str]:
    return st.one_of(st.just(""), words(max_size))


DATES = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 12, 31))
# Every number the fields accept (core/limits.py: 15 digits, 4 after the comma), extremes included.
NUMBERS = st.decimals(
    min_value=-largest_number(INDICATOR_PLACES),
    max_value=largest_number(INDICATOR_PLACES),
    places=INDICATOR_PLACES,
    allow_nan=False,
    allow_infinity=False,
)
AMOUNTS = st.decimals(
    min_value=0, max_value=10**11, places=2, allow_nan=False, allow_infinity=False
)


@st.composite
def periods(draw) -> tuple[dt.date | None, dt.date | None]:
    start = draw(st.none() | DATES)
    end = draw(st.none() | DATES)
    if start and end and end < start:
        start, end = end, start
    return start, end


@st.composite
def indicators(draw, code: str) -> dict:
    quantitative = draw(st.booleans())
    baseline_date, target_date = draw(periods())
    values = {
        "code": code,
        "name": draw(words(40)),
        "kind": "quantitative" if quantitative else "qualitative",
        "unit": draw(maybe_words(10)),
        "baseline_date": baseline_date,
        "target_date": target_date,
        "direction": draw(st.sampled_from([choice.value for choice in Indicator.Direction])),
        "frequency": draw(st.sampled_from([choice.value for choice in Indicator.Frequency])),
        "source": draw(maybe_words(30)),
    }
    if quantitative:
        values["baseline_value"] = draw(st.none() | NUMBERS)
        values["target_value"] = draw(st.none() | NUMBERS)
    else:
        values["baseline_text"] = draw(maybe_words(40))
        values["target_text"] = draw(maybe_words(40))
    return values


@st.composite
def actions(draw, number: int) -> dict:
    start, end = draw(periods())
    return {
        "code": f"{draw(st.sampled_from(['A', 'a', 'ACT-', 'x']))}{number}",
        "title": draw(words(60)),
        "description": draw(maybe_words(120)),
        "goal": draw(st.sampled_from(["1.1", "1.4", "2.2", "3.4"])),
        "lead": draw(st.sampled_from(["demir", "gennez", "de-ridder"])),
        "co": draw(st.sets(st.sampled_from(["crevits", "weyts", "brouns"]))),
        "forms": draw(st.sets(st.sampled_from(["SG", "SGG", "IFG", "EGG", "VGV"]))),
        "groups": draw(st.sets(st.sampled_from(["kinderen", "ouderen", "lgbtq"]))),
        "partners": draw(st.sets(st.sampled_from(["sensoa", "childfocus"]))),
        "articles": draw(st.sets(st.sampled_from([7, 12, 13, 25, 60, 81]))),
        "beneficiaries": draw(st.sets(st.sampled_from(Beneficiary.Code.values))),
        "local": draw(st.booleans()),
        "budget_impact": draw(st.booleans()),
        "start_date": start,
        "end_date": end,
        "indicators": [draw(indicators(f"I{index}")) for index in range(draw(st.integers(0, 2)))],
        "amounts": draw(st.lists(AMOUNTS, max_size=2)),
    }


def create(plan, data: dict) -> None:
    action = Action.objects.create(
        plan=plan,
        code=data["code"],
        title=data["title"],
        description=data["description"],
        operational_goal=OperationalGoal.objects.get(plan=plan, code=data["goal"]),
        lead_minister=Minister.objects.get(key=data["lead"]),
        involves_local_governments=data["local"],
        has_budget_impact=data["budget_impact"],
        start_date=data["start_date"],
        end_date=data["end_date"],
    )
    action.co_ministers.set(Minister.objects.filter(key__in=data["co"]))
    action.violence_forms.set(ViolenceForm.objects.filter(plan=plan, code__in=data["forms"]))
    action.target_groups.set(TargetGroup.objects.filter(plan=plan, code__in=data["groups"]))
    action.partners.set(Partner.objects.filter(plan=plan, code__in=data["partners"]))
    action.istanbul_articles.set(IstanbulArticle.objects.filter(number__in=data["articles"]))
    action.beneficiaries.set(Beneficiary.objects.filter(code__in=data["beneficiaries"]))
    for values in data["indicators"]:
        Indicator.objects.create(action=action, **values)
    domain = PolicyDomain.objects.get(plan=plan, code="JH")
    for year, amount in enumerate(data["amounts"], start=2026):
        BudgetLine.objects.create(action=action, year=year, amount=amount, policy_domain=domain)


@pytest.fixture
def terms(plan):
    Partner.objects.create(plan=plan, code="sensoa", label="Sensoa")
    Partner.objects.create(plan=plan, code="childfocus", label="Child Focus")
    return plan


def _source(plan, directory, file_format: str) -> ImportSource:
    if file_format == "xlsx":
        path = directory / "plan.xlsx"
        export_xlsx_file(plan, path)
        return ImportSource(ImportFile(path, path.name))
    paths = csv_paths(directory / "plan.csv")
    export_csv_files(plan, directory / "plan.csv")
    return ImportSource(
        main=ImportFile(paths["action"], "plan.csv"),
        indicators=ImportFile(paths["indicator"], "i.csv"),
        budget_lines=ImportFile(paths["budget_line"], "b.csv"),
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    plan_actions=st.integers(1, 4).flatmap(
        lambda n: st.tuples(*[actions(i) for i in range(1, n + 1)])
    ),
    file_format=st.sampled_from(["xlsx", "csv"]),
)
def test_export_then_import_is_the_identity(terms, tmp_path, plan_actions, file_format):
    with transaction.atomic():  # each example starts from the bare plan
        for data in plan_actions:
            create(terms, data)
        before = plan_snapshot(terms)
        source = _source(terms, tmp_path, file_format)
        Action.objects.all().delete()

        report = import_actions(plan=terms, source=source, commit=True)

        assert report.applied, report.problems
        assert plan_snapshot(terms) == before
        again = import_actions(plan=terms, source=source, commit=False)
        assert not again.created and not again.updated
        transaction.set_rollback(True)
