"""Importing actions, indicators and budget lines: dry run, apply, update by code, all or none."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection
from django.utils import translation
from openpyxl import Workbook

from planmonitor.plans.models import (
    Action,
    BudgetLine,
    Indicator,
    Minister,
    OperationalGoal,
    Organisation,
    Partner,
    PolicyDomain,
)
from planmonitor.plans.services import ACTION_M2M_FIELDS
from planmonitor.plans.transfer import comparing
from planmonitor.plans.transfer.columns import ACTIONS, BUDGET_LINES, INDICATORS, SheetSpec
from planmonitor.plans.transfer.exporting import (
    Table,
    csv_paths,
    export_csv_files,
    export_xlsx_file,
    write_xlsx,
)
from planmonitor.plans.transfer.importing import (
    ImportFile,
    ImportSource,
    PlanChanged,
    import_actions,
)
from planmonitor.plans.transfer.samples import action_create, plan_snapshot
from planmonitor.tests.queries import assert_queries, recorded_event, seal_lock


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def table(spec: SheetSpec, rows: list[dict]) -> Table:
    return Table(spec, [[row.get(header) for header in spec.headers] for row in rows])


def workbook(path: Path, actions: list[dict], indicators=None, budget_lines=None) -> ImportSource:
    tables = [table(ACTIONS, actions)]
    if indicators is not None:
        tables.append(table(INDICATORS, indicators))
    if budget_lines is not None:
        tables.append(table(BUDGET_LINES, budget_lines))
    with path.open("wb") as out:
        write_xlsx(out, tables)
    return ImportSource(ImportFile(path, path.name))


def dict_workbook(path: Path, sheets: dict[str, list[dict]]) -> ImportSource:
    """A workbook with exactly the columns the rows name (written as a person would)."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        sheet.append(list(rows[0]))
        for row in rows:
            sheet.append(list(row.values()))
    book.save(path)
    return ImportSource(ImportFile(path, path.name))


def action_row(code: str = "A1", **values) -> dict:
    row = {
        "code": code,
        "titel": f"Campagne {code}",
        "omschrijving": "Een campagne rond toestemming.",
        "od": "1.1",
        "trekkende_minister": "demir",
        "betrokken_ministers": "gennez;brouns",
        "trekkende_entiteit": "AJH",
        "vormen": "SG;IFG",
        "doelgroepen": "kinderen",
        "partners": "sensoa",
        "lokale_besturen": "ja",
        "start": dt.date(2026, 1, 1),
        "einde": dt.date(2026, 12, 31),
        "budgettaire_impact": "nee",
    }
    row.update(values)
    return row


def indicator_row(action: str = "A1", code: str = "I1", **values) -> dict:
    row = {
        "actie": action,
        "code": code,
        "naam": "Bereikte personen",
        "type": "kwantitatief",
        "eenheid": "aantal",
        "basiswaarde": 0,
        "basisdatum": dt.date(2025, 1, 1),
        "streefwaarde": "1.500,5",
        "streefdatum": dt.date(2029, 12, 31),
        "richting": "stijgen",
        "bron": "Jaarverslag",
        "frequentie": "jaarlijks",
    }
    row.update(values)
    return row


def budget_row(action: str = "A1", **values) -> dict:
    row = {"actie": action, "jaar": 2026, "bedrag": "12.500,00", "beleidsdomein": "JH"}
    row.update(values)
    return row


def messages(report) -> list[str]:
    return [problem.message for problem in report.problems]


# --- Creating ------------------------------------------------------------------------------


def test_it_creates_actions_indicators_and_budget_lines(terms, tmp_path):
    source = workbook(tmp_path / "a.xlsx", [action_row()], [indicator_row()], [budget_row()])

    report = import_actions(plan=terms, source=source, commit=True)

    assert report.ok and report.applied
    action = Action.objects.get(code="A1")
    assert action.operational_goal.code == "1.1"
    assert action.lead_minister.key == "demir"
    assert set(action.co_ministers.values_list("key", flat=True)) == {"gennez", "brouns"}
    assert set(action.violence_forms.values_list("code", flat=True)) == {"SG", "IFG"}
    assert list(action.partners.values_list("code", flat=True)) == ["sensoa"]
    assert action.lead_organisation.code == "AJH"
    assert action.involves_local_governments and not action.has_budget_impact
    indicator = Indicator.objects.get()
    assert indicator.target_value == Decimal("1500.5")
    assert indicator.direction == "increase" and indicator.frequency == "annual"
    assert BudgetLine.objects.get().amount == Decimal("12500.00")


def test_the_dry_run_writes_nothing(terms, tmp_path):
    source = workbook(tmp_path / "a.xlsx", [action_row()], [indicator_row()], [budget_row()])

    report = import_actions(plan=terms, source=source, commit=False)

    assert report.summary()["action"]["created"] == 1
    assert report.summary()["indicator"]["created"] == 1
    assert not report.applied
    assert not Action.objects.exists() and not Indicator.objects.exists()


def test_it_accepts_labels_names_and_english_headers(terms, tmp_path):
    row = {
        "Code": "A1",
        "Title": "Campagne",
        "OPERATIONAL_GOAL": "OD 1.2",
        "Lead minister": "Zuhal Demir",
        "co_ministers": "Gennez; crevits",
        "violence_forms": "seksueel geweld",
        "target_groups": "Personen met een handicap",
        "partners": "child focus",
        "lead_organisation": "Agentschap Justitie en Handhaving",
    }
    source = dict_workbook(tmp_path / "english.xlsx", {"acties": [row]})

    report = import_actions(plan=terms, source=source, commit=True)

    assert report.applied, report.problems
    action = Action.objects.get()
    assert action.operational_goal.code == "1.2"
    assert action.lead_minister.key == "demir"
    assert set(action.co_ministers.values_list("key", flat=True)) == {"gennez", "crevits"}
    assert list(action.target_groups.values_list("code", flat=True)) == ["handicap"]
    assert list(action.partners.values_list("code", flat=True)) == ["childfocus"]


# --- Round trip, idempotence, update by code -------------------------------------------------


@pytest.fixture
def filled_plan(terms):
    """A plan with actions using every field, indicators of both kinds and budget lines."""
    plan = terms
    action = action_create(
        plan,
        "A1",
        title="=Formule? Nee, een titel",
        description="Regel 1\nRegel 2; met puntkomma, en komma",
        operational_goal=OperationalGoal.objects.get(plan=plan, code="2.3"),
        lead_minister=Minister.objects.get(key="gennez"),
        lead_organisation=Organisation.objects.get(code="AJH"),
        involves_local_governments=True,
        start_date=dt.date(2026, 3, 1),
        end_date=dt.date(2027, 2, 28),
        has_budget_impact=True,
    )
    action.co_ministers.set(Minister.objects.filter(key__in=["demir", "weyts"]))
    action.violence_forms.set(plan.violence_forms.filter(code__in=["SG", "VGV"]))
    action.partners.set(Partner.objects.filter(plan=plan))
    action_create(plan, "A2", title="-5 wachttijd", description="")
    Indicator.objects.create(
        action=action,
        code="I1",
        name="Aantal meldingen",
        kind="quantitative",
        unit="%",
        baseline_value=Decimal("12.5"),
        baseline_date=dt.date(2025, 1, 1),
        target_value=Decimal("1234567.8912"),
        target_date=dt.date(2029, 12, 31),
        direction="decrease",
        source="@bron",
        frequency="quarterly",
    )
    Indicator.objects.create(
        action=action,
        code="I2",
        name="Kwaliteit",
        kind="qualitative",
        baseline_text="Geen aanbod",
        target_text="+ aanbod in elke provincie",
        frequency="once",
    )
    BudgetLine.objects.create(
        action=action,
        year=2026,
        amount=Decimal("250000.50"),
        policy_domain=PolicyDomain.objects.get(plan=plan, code="JH"),
        note="Bestaande kredieten",
    )
    return plan


def test_export_then_import_gives_the_same_plan_back_xlsx(filled_plan, tmp_path):
    before = plan_snapshot(filled_plan)
    path = tmp_path / "export.xlsx"
    export_xlsx_file(filled_plan, path)
    Action.objects.all().delete()

    report = import_actions(
        plan=filled_plan, source=ImportSource(ImportFile(path, "e.xlsx")), commit=True
    )

    assert report.applied, report.problems
    assert plan_snapshot(filled_plan) == before


def test_export_then_import_gives_the_same_plan_back_csv(filled_plan, tmp_path):
    before = plan_snapshot(filled_plan)
    path = tmp_path / "export.csv"
    export_csv_files(filled_plan, path)
    paths = csv_paths(path)
    Action.objects.all().delete()
    source = ImportSource(
        main=ImportFile(paths["action"], "export.csv"),
        indicators=ImportFile(paths["indicator"], "export-indicatoren.csv"),
        budget_lines=ImportFile(paths["budget_line"], "export-budgetlijnen.csv"),
    )

    report = import_actions(plan=filled_plan, source=source, commit=True)

    assert report.applied, report.problems
    assert plan_snapshot(filled_plan) == before


def test_reimporting_the_export_changes_nothing(filled_plan, tmp_path):
    path = tmp_path / "export.xlsx"
    export_xlsx_file(filled_plan, path)
    before = plan_snapshot(filled_plan)
    stamps = list(Action.objects.values_list("code", "version", "updated_at"))

    report = import_actions(
        plan=filled_plan, source=ImportSource(ImportFile(path, "e.xlsx")), commit=True
    )

    assert report.applied
    assert not report.created and not report.updated
    assert report.summary()["action"] == {
        "created": 0,
        "updated": 0,
        "unchanged": 2,
        "not_in_file": 0,
    }
    assert report.summary()["indicator"]["unchanged"] == 2
    assert report.summary()["budget_line"]["unchanged"] == 1
    assert plan_snapshot(filled_plan) == before
    assert list(Action.objects.values_list("code", "version", "updated_at")) == stamps


def test_it_updates_by_code_case_insensitively_and_lists_changed_fields(terms, tmp_path):
    action_create(
        terms, "A1", title="Oud", operational_goal=OperationalGoal.objects.get(code="1.1")
    )
    row = action_row("a1", titel="Nieuw", vormen="VGV")
    source = workbook(tmp_path / "a.xlsx", [row])

    report = import_actions(plan=terms, source=source, commit=True)

    assert report.summary()["action"]["created"] == 0
    assert report.summary()["action"]["updated"] == 1
    changes = {change.column: (change.old, change.new) for change in report.updated[0].changes}
    assert changes["titel"] == ("Oud", "Nieuw")
    assert changes["code"] == ("A1", "a1")
    assert changes["vormen"] == ("", "VGV")
    action = Action.objects.get()
    assert action.title == "Nieuw" and action.version == 2
    assert list(action.violence_forms.values_list("code", flat=True)) == ["VGV"]
    assert Action.objects.count() == 1


def test_it_replaces_many_to_many_sets_with_the_files_values(terms, tmp_path):
    action = action_create(terms, "A1")
    action.violence_forms.set(terms.violence_forms.filter(code__in=["SG", "EGG"]))
    source = workbook(tmp_path / "a.xlsx", [action_row(vormen="IFG;SG")])

    import_actions(plan=terms, source=source, commit=True)

    assert set(action.violence_forms.values_list("code", flat=True)) == {"IFG", "SG"}


def test_it_updates_indicators_by_code_within_their_action(terms, tmp_path):
    action = action_create(terms, "A1")
    Indicator.objects.create(action=action, code="I1", name="Oud", kind="quantitative")
    source = workbook(
        tmp_path / "a.xlsx",
        [action_row()],
        [indicator_row(code="i1", naam="Nieuw", streefwaarde=10), indicator_row(code="I2")],
    )

    report = import_actions(plan=terms, source=source, commit=True)

    assert report.summary()["indicator"] == {
        "created": 1,
        "updated": 1,
        "unchanged": 0,
        "not_in_file": 0,
    }
    assert sorted(Indicator.objects.values_list("code", "name")) == [
        ("I2", "Bereikte personen"),
        ("i1", "Nieuw"),
    ]


def test_rows_missing_from_the_file_are_left_alone_and_reported(terms, tmp_path):
    keep = action_create(terms, "A9", title="Blijft")
    Indicator.objects.create(action=keep, code="I1", name="Blijft ook", kind="qualitative")
    source = workbook(tmp_path / "a.xlsx", [action_row()], [indicator_row()])

    report = import_actions(plan=terms, source=source, commit=True)

    assert [entry.key for entry in report.not_in_file] == ["A9", "A9 / I1"]
    assert Action.objects.filter(code="A9").exists()
    assert Indicator.objects.filter(code="I1", action=keep).exists()


def test_without_an_indicators_sheet_indicators_are_left_alone(terms, tmp_path):
    action = action_create(terms, "A1")
    Indicator.objects.create(action=action, code="I1", name="Blijft", kind="qualitative")
    source = workbook(tmp_path / "a.xlsx", [action_row()])

    report = import_actions(plan=terms, source=source, commit=True)

    assert report.applied
    assert "indicator" not in report.summary()
    assert any("Indicatoren" in warning.message for warning in report.warnings)
    assert Indicator.objects.filter(code="I1").exists()


def test_without_a_budget_sheet_budget_lines_are_left_alone(terms, tmp_path):
    action = action_create(terms, "A1")
    domain = PolicyDomain.objects.get(code="JH")
    BudgetLine.objects.create(action=action, year=2026, amount=5, policy_domain=domain)
    source = workbook(tmp_path / "a.xlsx", [action_row()], [])

    report = import_actions(plan=terms, source=source, commit=True)

    assert report.applied and "budget_line" not in report.summary()
    assert BudgetLine.objects.count() == 1


def test_qualitative_indicators_keep_text_and_no_numbers(terms, tmp_path):
    action = action_create(terms, "A1")
    Indicator.objects.create(
        action=action, code="I1", name="x", kind="quantitative", baseline_value=3, target_value=4
    )
    row = indicator_row(type="kwalitatief", basiswaarde="Geen", streefwaarde=12.5)
    source = workbook(tmp_path / "a.xlsx", [action_row()], [row])

    report = import_actions(plan=terms, source=source, commit=True)

    assert report.applied, report.problems
    indicator = Indicator.objects.get()
    assert (indicator.baseline_text, indicator.target_text) == ("Geen", "12.5")
    assert indicator.baseline_value is None and indicator.target_value is None


# --- Problems: each with sheet, row, column and a plain message ------------------------------


def test_it_reports_problems_with_their_location(terms, tmp_path):
    rows = [
        action_row("A1", trekkende_minister="Janssens"),
        action_row("A2", start="31/02/2026"),
        action_row("A3", od="9.9"),
        action_row("a1"),
        action_row("A4", start=dt.date(2026, 5, 1), einde=dt.date(2026, 4, 1)),
        action_row("A5", vormen="SG;XYZ", lokale_besturen="misschien"),
        action_row("A6", titel=None),
    ]
    indicators = [indicator_row("A7"), indicator_row("A1", basiswaarde="veel")]
    source = workbook(tmp_path / "bad.xlsx", rows, indicators)

    report = import_actions(plan=terms, source=source, commit=False)

    found = {(p.sheet, p.row, p.column, p.cell, p.message) for p in report.problems}
    assert ("Acties", 2, "trekkende_minister", "E2", 'Unknown minister "Janssens".') in found
    assert ("Acties", 3, "start", "L3", 'Date "31/02/2026" does not exist.') in found
    assert ("Acties", 4, "od", "D4", 'Unknown operational goal "9.9".') in found
    assert (
        "Acties",
        5,
        "code",
        "A5",
        '"a1" appears more than once in the file (also row 2).',
    ) in found
    assert (
        "Acties",
        6,
        "einde",
        "M6",
        "01/04/2026 is before 01/05/2026; the end cannot come before the start.",
    ) in found
    assert ("Acties", 7, "vormen", "H7", 'Unknown violence form "XYZ".') in found
    assert ("Acties", 7, "lokale_besturen", "K7", 'Use "ja" or "nee", not "misschien".') in found
    assert ("Acties", 8, "titel", "B8", "A value is required.") in found
    assert ("Indicatoren", 2, "actie", "A2", 'Unknown action "A7".') in found
    assert ("Indicatoren", 3, "basiswaarde", "F3", '"veel" is not a number.') in found
    assert report.problem_count == len(found)


def test_beneficiaries_are_read_by_dutch_word_english_word_or_code(terms, tmp_path):
    row = action_row("A1", begunstigden="Slachtoffers; daders;bystanders ; general_population")
    assert import_actions(
        plan=terms, source=workbook(tmp_path / "a.xlsx", [row]), commit=True
    ).applied
    action = Action.objects.get(plan=terms, code="A1")
    assert sorted(action.beneficiaries.values_list("code", flat=True)) == [
        "bystanders",
        "general_population",
        "perpetrators",
        "victims",
    ]
    # Empty is allowed: the list is optional, and emptying the cell empties the list.
    row = action_row("A1", begunstigden="")
    assert import_actions(
        plan=terms, source=workbook(tmp_path / "b.xlsx", [row]), commit=True
    ).applied
    assert not action.beneficiaries.exists()


def test_an_unknown_beneficiary_is_a_problem_at_its_cell_in_the_users_language(terms, tmp_path):
    bad = workbook(tmp_path / "bad.xlsx", [action_row("A1", begunstigden="slachtoffers;burgers")])
    report = import_actions(plan=terms, source=bad, commit=False)
    column = ACTIONS.headers.index("begunstigden")
    assert [(p.column, p.cell) for p in report.problems] == [
        ("begunstigden", f"{chr(ord('A') + column)}2")
    ]
    with translation.override("nl"):
        report = import_actions(plan=terms, source=bad, commit=False)
    assert messages(report) == [
        'Onbekende begunstigde "burgers"; gebruik algemene bevolking, slachtoffers, plegers, '
        "omstaanders, professionals of organisaties."
    ]


def test_istanbul_articles_are_read_by_number_and_an_unknown_number_is_a_problem(terms, tmp_path):
    good = workbook(tmp_path / "good.xlsx", [action_row("A1", istanbul="12; 13;Art. 25")])
    assert import_actions(plan=terms, source=good, commit=True).applied
    action = Action.objects.get(plan=terms, code="A1")
    assert list(action.istanbul_articles.values_list("number", flat=True)) == [12, 13, 25]

    bad = workbook(tmp_path / "bad.xlsx", [action_row("A1", istanbul="12;99")])
    report = import_actions(plan=terms, source=bad, commit=False)
    column = ACTIONS.headers.index("istanbul")
    assert [(p.row, p.column, p.cell, p.message) for p in report.problems] == [
        (
            2,
            "istanbul",
            f"{chr(ord('A') + column)}2",
            'Unknown Istanbul Convention article "99"; use the article number, e.g. 12.',
        )
    ]
    with translation.override("nl"):
        report = import_actions(plan=terms, source=bad, commit=False)
    assert messages(report) == [
        'Onbekend artikel van het Verdrag van Istanbul "99"; gebruik het artikelnummer, '
        "bijvoorbeeld 12."
    ]


def test_an_ambiguous_minister_is_a_problem(terms, tmp_path):
    Minister.objects.create(
        key="demir-2",
        name="Zuhal Demir",
        family_name="Demir",
        portfolio="x",
        in_office_from=dt.date(2027, 1, 1),
    )
    source = workbook(tmp_path / "a.xlsx", [action_row(trekkende_minister="Zuhal Demir")])

    report = import_actions(plan=terms, source=source, commit=False)

    assert messages(report) == ['Minister "Zuhal Demir" is ambiguous (demir;demir-2); use the key.']


def test_an_end_before_a_stored_start_is_a_problem_when_start_is_not_in_the_file(terms, tmp_path):
    action_create(terms, "A1", start_date=dt.date(2026, 6, 1))
    row = action_row(einde=dt.date(2026, 1, 1))
    del row["start"]
    source = dict_workbook(tmp_path / "a.xlsx", {"Acties": [row]})

    report = import_actions(plan=terms, source=source, commit=False)

    assert "the end cannot come before the start" in messages(report)[0]


# --- All or nothing --------------------------------------------------------------------------


def test_one_bad_row_among_good_ones_writes_nothing(terms, tmp_path):
    rows = [action_row(f"A{n}") for n in range(1, 6)] + [action_row("A6", od="7.7")]
    source = workbook(tmp_path / "a.xlsx", rows, [indicator_row()])

    report = import_actions(plan=terms, source=source, commit=True)

    assert not report.applied and report.problem_count == 1
    assert not Action.objects.exists() and not Indicator.objects.exists()


def test_a_database_failure_mid_import_rolls_everything_back(terms, tmp_path, monkeypatch):
    action_create(terms, "A0", title="Oud")
    source = workbook(
        tmp_path / "a.xlsx", [action_row(), action_row("A0", titel="Nieuw")], [indicator_row()]
    )

    def fail(self, model, **kwargs):
        if model is Indicator:
            raise IntegrityError("simulated failure")
        return original(self, model, **kwargs)

    original = comparing.Batch.write
    monkeypatch.setattr(comparing.Batch, "write", fail)

    report = import_actions(plan=terms, source=source, commit=True)

    assert not report.applied
    assert "simulated failure" in messages(report)[0]
    assert list(Action.objects.values_list("code", "title", "version")) == [("A0", "Oud", 1)]


def test_a_confirm_is_refused_when_the_plan_changed_since_the_dry_run(terms, tmp_path):
    source = workbook(tmp_path / "a.xlsx", [action_row()])
    dry_run = import_actions(plan=terms, source=source, commit=False)
    action_create(terms, "A1", title="Intussen aangemaakt")

    with pytest.raises(PlanChanged):
        import_actions(
            plan=terms, source=source, commit=True, expected_fingerprint=dry_run.fingerprint()
        )

    assert Action.objects.get().title == "Intussen aangemaakt"


# --- Bulk: a fixed number of queries, whatever the number of rows -----------------------------


# A confirmed import of new actions with an indicator each: one query per table (a bulk
# INSERT per table and per history table), never one per row. The m2m links go in with one
# executemany per table.
_M2M = ACTION_M2M_FIELDS  # every link the import sets, in the order it sets them
# The order simple-history records them in (the sets the import wrote).
_HISTORY_M2M = [
    "violence_forms",
    "partners",
    "co_ministers",
    "target_groups",
    "istanbul_articles",
    "beneficiaries",
]
_TERMS = ["operationalgoal", "minister", "organisation", "violenceform", "targetgroup"]
IMPORT_QUERIES = [
    ("SAVEPOINT", "the import is one transaction"),
    *[(f"SELECT plans_{table}", f"the plan's {table} (codes to rows)") for table in _TERMS],
    ("SELECT plans_partner", "the plan's partners"),
    ("SELECT plans_policydomain", "the plan's policy domains"),
    ("SELECT plans_istanbularticle", "the Istanbul Convention's articles (numbers to rows)"),
    ("SELECT plans_beneficiary", "the beneficiaries (words to rows)"),
    ("SELECT plans_action", "the plan's actions as they are"),
    *[(f"SELECT plans_action_{m2m}", f"their {m2m} as they are") for m2m in _M2M],
    ("SELECT plans_indicator", "their indicators as they are"),
    # The registered ActionGuard (evaluation): has the plan a version 1?
    ("SELECT evaluation_planversion", "the guard: are the governed fields held"),
    ("INSERT plans_action", "the new actions, in one INSERT"),
    *[(f"DELETE plans_action_{m2m}", f"the new actions' {m2m}: cleared") for m2m in _M2M],
    *[(f"INSERT plans_action_{m2m}", "... and set (one executemany)") for m2m in _M2M],
    ("INSERT plans_indicator", "the new indicators, in one INSERT"),
    ("INSERT plans_historicalaction", "history: the actions' first version"),
    *[
        q
        for m2m in _HISTORY_M2M
        for q in [
            (f"SELECT plans_action_{m2m}", f"history: the actions' {m2m}"),
            (f"INSERT plans_historicalaction_{m2m}", "history: ... recorded"),
        ]
    ],
    *seal_lock(),
    ("SELECT plans_historicalaction", "the seal: the history rows just written"),
    *[
        (f"SELECT plans_historicalaction_{m2m}", f"the seal: their {m2m} rows")
        for m2m in _HISTORY_M2M
    ],
    ("SELECT audit_seal", "the seal: the chain so far"),
    ("INSERT audit_seal", "the seal: the actions' history rows (one executemany)"),
    ("INSERT plans_historicalindicator", "history: the indicators' first version"),
    *seal_lock(),
    ("SELECT plans_historicalindicator", "the seal: the history rows just written"),
    ("SELECT audit_seal", "the seal: the chain so far"),
    ("INSERT audit_seal", "the seal: the indicators' history rows (one executemany)"),
    ("SELECT plans_action", "the search index: the plan's action ids"),
    ("SELECT plans_action", "the search index: those actions' texts"),
    ("SELECT monitoring_actionsheet", "the search index: their sheets' texts (SearchSource)"),
    ("DELETE plans_searchentry", "the search index: the actions' old entries"),
    ("INSERT plans_searchentry", "the search index: their new entries, in one INSERT"),
    *(
        [("UPDATE plans_searchentry", "the search index: PostgreSQL's weighted tsvectors")]
        if connection.vendor == "postgresql"
        else []
    ),
    *recorded_event("the change log: one event for the import"),
    ("RELEASE SAVEPOINT", "the import is one transaction"),
]


def _import(plan, tmp_path, count) -> None:
    rows = [
        action_row(f"B{count}-{n}", istanbul="12;25", begunstigden="slachtoffers;professionals")
        for n in range(count)
    ]
    indicators = [indicator_row(f"B{count}-{n}") for n in range(count)]
    source = workbook(tmp_path / f"{count}.xlsx", rows, indicators)
    ContentType.objects.get_for_model(plan)  # the change log's, cached per process
    with assert_queries(IMPORT_QUERIES):
        report = import_actions(plan=plan, source=source, commit=True)
    assert report.applied, report.problems


def test_the_queries_do_not_grow_with_the_rows(terms, tmp_path):
    _import(terms, tmp_path, 3)
    Action.objects.all().delete()
    # 30 rows still fit in one INSERT per table (and per history table) on SQLite.
    _import(terms, tmp_path, 30)


def test_required_cells_must_be_filled(terms, tmp_path):
    source = workbook(tmp_path / "a.xlsx", [action_row(od=None, trekkende_minister=None)])

    report = import_actions(plan=terms, source=source, commit=False)

    assert [(p.column, p.message) for p in report.problems] == [
        ("od", "A value is required."),
        ("trekkende_minister", "A value is required."),
    ]
