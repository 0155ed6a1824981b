"""The open-data downloads (/opendata/<plan>/<dataset>.<fmt>): every dataset in every
format, parsed, against a plan holding one of each kind of hidden item."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from planmonitor.monitoring.models import (
    IndicatorValue,
    ProgressReport,
    ReportingRound,
    ReportState,
)
from planmonitor.plans.models import Action, Minister, OperationalGoal, TargetGroup, ViolenceForm
from planmonitor.portal import cache as portal_cache
from planmonitor.portal.models import RoundPublication
from planmonitor.portal.opendata.datasets import DATASETS
from planmonitor.portal.tests.hidden import (
    LARGE_COUNT,
    SMALL_COUNT,
    assert_nothing_hidden,
    published_plan_with_hidden_items,
)

pytestmark = pytest.mark.django_db

FORMATS = ("csv", "xlsx", "json")
CASES = [(dataset, fmt) for dataset in DATASETS for fmt in FORMATS]


@pytest.fixture
def fixture():
    fixture = published_plan_with_hidden_items()
    # A second published round in which the sensitive indicator counts above the threshold,
    # and a baseline under it and a target above it: both sides of the rule in each dataset.
    second = ReportingRound.objects.create(
        plan=fixture.plan,
        name="2025 – tweede semester",
        period_start=dt.date(2025, 7, 1),
        period_end=dt.date(2025, 12, 31),
        due_date=dt.date(2026, 1, 31),
    )
    RoundPublication.objects.create(round=second, published_at=timezone.now())
    report = ProgressReport.objects.create(
        round=second,
        action=fixture.action,
        public_text="Eerste stappen",
        state=ReportState.ACCEPTED,
    )
    IndicatorValue.objects.create(report=report, indicator=fixture.sensitive, value=LARGE_COUNT)
    fixture.sensitive.baseline_value = SMALL_COUNT
    fixture.sensitive.target_value = LARGE_COUNT
    fixture.sensitive.save(update_fields=["baseline_value", "target_value"])
    return fixture


def url(plan, dataset: str, fmt: str) -> str:
    return reverse(
        "opendata:download", kwargs={"short_name": plan.short_name, "dataset": dataset, "fmt": fmt}
    )


def parse(fmt: str, content: bytes) -> list[dict]:
    """The download's records as dicts of text (CSV), cell values (XLSX) or JSON values."""
    if fmt == "csv":
        assert content.startswith(b"\xef\xbb\xbf"), "a BOM, so Excel reads UTF-8"
        return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(content)).active
        header, *rows = sheet.iter_rows(values_only=True)
        return [dict(zip(header, row, strict=True)) for row in rows]
    return json.loads(content)["records"]


def xlsx_text(content: bytes) -> str:
    """Every XML part of the workbook, as text (what a leak test must search)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "".join(archive.read(name).decode("utf-8") for name in archive.namelist())


def body_text(fmt: str, content: bytes) -> str:
    return xlsx_text(content) if fmt == "xlsx" else content.decode("utf-8")


@pytest.mark.parametrize(("dataset", "fmt"), CASES)
def test_it_shows_what_is_public_and_nothing_hidden(client, fixture, dataset, fmt):
    response = client.get(url(fixture.plan, dataset, fmt))

    assert response.status_code == 200
    text = body_text(fmt, response.content)
    assert_nothing_hidden(text, fixture)
    records = parse(fmt, response.content)
    assert records, "every dataset of this plan has rows"
    assert set(records[0]) == set(DATASETS[dataset].headers)
    expected_marker = {
        "plan": None,
        "actions": fixture.shown["summary"],
        "indicators": fixture.shown["indicator-name"],
        "reports": fixture.shown["report"],
        "values": None,
    }[dataset]
    if expected_marker:
        assert expected_marker in text


def _sensitive_rows(dataset: str, records: list[dict]) -> list[dict]:
    if dataset == "values":
        return [r for r in records if r["action"] == "T001" and r["indicator"] == "I1"]
    return [r for r in records if r["action"] == "T001" and r["code"] == "I1"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_small_counts_show_as_under_the_threshold_and_large_ones_show(client, fixture, fmt):
    empty = {"csv": "", "xlsx": None, "json": None}[fmt]
    large = {"csv": "12", "xlsx": 12, "json": 12}[fmt]

    values = _sensitive_rows(
        "values", parse(fmt, client.get(url(fixture.plan, "values", fmt)).content)
    )
    by_round = {row["round"]: row for row in values}
    small = by_round[fixture.published_round.name]
    assert small["value"] == empty
    assert small["value_shown"] == "< 5"
    assert str(small["suppressed"]).lower() == "true"
    assert "3" not in [str(cell) for cell in small.values()]
    assert by_round["2025 – tweede semester"]["value"] == large
    assert by_round["2025 – tweede semester"]["value_shown"] == "12"

    (indicator,) = _sensitive_rows(
        "indicators", parse(fmt, client.get(url(fixture.plan, "indicators", fmt)).content)
    )
    assert indicator["baseline_value"] == empty
    assert indicator["baseline_shown"] == "< 5"
    assert indicator["target_value"] == large
    assert "3" not in [str(cell) for cell in indicator.values()]

    # The same small count of an indicator not marked sensitive shows.
    response = client.get(url(fixture.plan, "values", fmt))
    (open_value,) = [r for r in parse(fmt, response.content) if r["indicator"] == "I2"]
    assert open_value["value"] == {"csv": "3", "xlsx": 3, "json": 3}[fmt]


def test_json_carries_the_dataset_plan_licence_and_numbers(client, fixture):
    body = json.loads(client.get(url(fixture.plan, "values", "json")).content)

    assert body["dataset"] == "values"
    assert body["plan"]["short_name"] == fixture.plan.short_name
    assert body["licence"]["url"].startswith("https://data.vlaanderen.be/id/licentie/")
    assert dt.datetime.fromisoformat(body["generated"])
    numbers = [r["value"] for r in body["records"] if r["value"] is not None]
    assert numbers and all(isinstance(n, int | float) for n in numbers)


def test_lists_are_joined_in_cells_and_arrays_in_json(client, fixture):
    fixture.action.co_ministers.add(Minister.objects.get(key="de-ridder"))
    fixture.action.violence_forms.add(*ViolenceForm.objects.all()[:2])
    ministers = sorted(m.name for m in fixture.action.co_ministers.all())

    rows = {
        fmt: parse(fmt, client.get(url(fixture.plan, "actions", fmt)).content) for fmt in FORMATS
    }

    for fmt in ("csv", "xlsx"):
        (row,) = [r for r in rows[fmt] if r["code"] == "T001"]
        assert sorted(row["co_ministers"].split("; ")) == ministers
        assert len(row["violence_forms"].split("; ")) == 2
    (row,) = [r for r in rows["json"] if r["code"] == "T001"]
    assert sorted(row["co_ministers"]) == ministers


def test_the_framework_holds_the_plan_its_sd_and_od(client, fixture):
    records = parse("json", client.get(url(fixture.plan, "plan", "json")).content)

    levels = [r["level"] for r in records]
    assert levels[0] == "plan" and records[0]["code"] == fixture.plan.short_name
    assert records[0]["period_start"] == fixture.plan.period_start.isoformat()
    assert levels.count("strategic_goal") == fixture.plan.strategic_goals.count()
    assert levels.count("operational_goal") == fixture.plan.operational_goals.count()
    od = next(r for r in records if r["code"] == "2.1")
    assert (
        od["parent"]
        == OperationalGoal.objects.get(plan=fixture.plan, code="2.1").strategic_goal.code
    )


@pytest.mark.parametrize(
    "title", ['=HYPERLINK("https://example.org/x","klik")', "+1+1", "-1+1", "@SUM(A1)", "\tx"]
)
def test_text_a_spreadsheet_would_run_as_a_formula_is_neutralised(client, fixture, title):
    Action.objects.filter(pk=fixture.action.pk).update(title=title)

    csv_rows = parse("csv", client.get(url(fixture.plan, "actions", "csv")).content)
    (row,) = [r for r in csv_rows if r["code"] == "T001"]
    assert row["title"] == "'" + title

    content = client.get(url(fixture.plan, "actions", "xlsx")).content
    sheet = load_workbook(io.BytesIO(content)).active
    cells = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    assert cells["T001"].value == "'" + title
    assert cells["T001"].data_type == "s"  # text, never a formula
    assert "<f>" not in xlsx_text(content)

    # JSON is no spreadsheet: the text stays as it is.
    json_rows = parse("json", client.get(url(fixture.plan, "actions", "json")).content)
    assert next(r for r in json_rows if r["code"] == "T001")["title"] == title


def test_numbers_and_dates_stay_typed_in_xlsx(client, fixture):
    content = client.get(url(fixture.plan, "values", "xlsx")).content
    sheet = load_workbook(io.BytesIO(content)).active
    header = [c.value for c in sheet[1]]
    (i2,) = [
        row for row in sheet.iter_rows(min_row=2) if row[header.index("indicator")].value == "I2"
    ]
    assert i2[header.index("value")].data_type == "n"
    assert i2[header.index("period_end")].is_date


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("csv", "text/csv; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("json", "application/json"),
    ],
)
def test_it_answers_with_the_type_and_a_file_name(client, fixture, fmt, content_type):
    response = client.get(url(fixture.plan, "actions", fmt))

    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="{fixture.plan.short_name}-actions.{fmt}"'
    )
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_conditional_get_answers_304(client, fixture):
    first = client.get(url(fixture.plan, "actions", "csv"))
    etag, modified = first["ETag"], first["Last-Modified"]

    assert (
        client.get(url(fixture.plan, "actions", "csv"), HTTP_IF_NONE_MATCH=etag).status_code == 304
    )
    again = client.get(url(fixture.plan, "actions", "csv"), HTTP_IF_MODIFIED_SINCE=modified)
    assert again.status_code == 304
    other = client.get(url(fixture.plan, "actions", "csv"), HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200 and other.content == first.content


def test_the_cached_body_is_served_until_a_publication_starts_a_new_generation(
    client, fixture, django_capture_on_commit_callbacks
):
    first = client.get(url(fixture.plan, "actions", "json"))
    Action.objects.filter(pk=fixture.action.pk).update(title="Nieuwe titel")

    cached = client.get(url(fixture.plan, "actions", "json"))
    assert cached.content == first.content and b"Nieuwe titel" not in cached.content

    with django_capture_on_commit_callbacks(execute=True):
        portal_cache.bump()
    fresh = client.get(url(fixture.plan, "actions", "json"))
    assert "Nieuwe titel" in fresh.content.decode()
    assert fresh["ETag"] != first["ETag"]
    assert (
        client.get(
            url(fixture.plan, "actions", "json"), HTTP_IF_NONE_MATCH=first["ETag"]
        ).status_code
        == 200
    )


def test_an_unpublished_plan_answers_404_even_when_its_files_are_cached(client, fixture):
    assert client.get(url(fixture.plan, "actions", "csv")).status_code == 200
    fixture.plan.is_published = False
    fixture.plan.save(update_fields=["is_published"])

    for dataset, fmt in CASES:
        assert client.get(url(fixture.plan, dataset, fmt)).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/opendata/onbekend-plan/actions.csv",
        "/opendata/{plan}/budget.csv",
        "/opendata/{plan}/actions.pdf",
        "/opendata/{plan}/actions.CSV",
        "/opendata/{plan}/actions",
        "/opendata/{plan}/../actions.csv",
    ],
)
def test_unknown_plans_datasets_and_formats_answer_404(client, fixture, path):
    assert client.get(path.format(plan=fixture.plan.short_name)).status_code == 404


def test_it_refuses_writes(client, fixture):
    assert client.post(url(fixture.plan, "actions", "csv")).status_code == 405


def _more_actions(plan, count: int) -> None:
    goal = OperationalGoal.objects.filter(plan=plan).first()
    minister = Minister.objects.get(key="gennez")
    for number in range(count):
        action = Action.objects.create(
            plan=plan,
            code=f"X{number:03d}",
            title="Extra",
            operational_goal=goal,
            lead_minister=minister,
        )
        action.co_ministers.add(Minister.objects.get(key="crevits"))
        action.target_groups.add(*TargetGroup.objects.all()[:2])


@pytest.mark.parametrize(("dataset", "fmt"), CASES)
def test_the_queries_do_not_grow_with_the_rows(client, fixture, dataset, fmt):
    cache.clear()  # both requests start from an empty cache (no generation yet)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url(fixture.plan, dataset, fmt)).status_code == 200
    _more_actions(fixture.plan, 5)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        assert client.get(url(fixture.plan, dataset, fmt)).status_code == 200

    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
    # Whether the plan is public (its key); the generation (read, and added anew after the
    # clear: 5 queries on the database cache); the entry (missed); the plan, to build it;
    # the dataset's own queries; storing the entry (5).
    own = {"plan": 2, "actions": 5, "indicators": 1, "reports": 1, "values": 1}[dataset]
    assert len(few) <= 14 + own, [q["sql"] for q in few.captured_queries]


def test_a_cached_download_costs_two_queries(client, fixture, django_assert_num_queries):
    client.get(url(fixture.plan, "actions", "xlsx"))
    # Whether the plan is still public (its key only: it may have been unpublished) and the
    # generation; the body itself is in the worker's memory under that generation.
    with django_assert_num_queries(2):
        assert client.get(url(fixture.plan, "actions", "xlsx")).status_code == 200


def test_a_cleared_cache_never_serves_a_body_kept_in_memory(client, fixture):
    first = client.get(url(fixture.plan, "actions", "json"))
    Action.objects.filter(pk=fixture.action.pk).update(title="Nieuwe titel")
    # A cleared (or flushed) shared cache starts a generation no earlier one had.
    cache.clear()
    fresh = client.get(url(fixture.plan, "actions", "json"))
    assert b"Nieuwe titel" not in first.content
    assert "Nieuwe titel" in fresh.content.decode()


def test_every_body_of_a_generation_is_dated_when_the_public_content_changed(
    client, fixture, django_capture_on_commit_callbacks
):
    # The generation began an hour ago: a body built now still says then, whatever the
    # dataset or format (the catalogue's dct:modified and Last-Modified agree).
    hour_ago = timezone.now().replace(microsecond=0) - dt.timedelta(hours=1)
    cache.set(portal_cache.GENERATION_KEY, int(hour_ago.timestamp()) * 10**9, timeout=None)
    actions = client.get(url(fixture.plan, "actions", "json"))
    values = client.get(url(fixture.plan, "values", "csv"))
    assert actions["Last-Modified"] == values["Last-Modified"]
    assert (
        dt.datetime.strptime(actions["Last-Modified"], "%a, %d %b %Y %H:%M:%S GMT").replace(
            tzinfo=dt.UTC
        )
        == hour_ago
    )

    # A publication starts a new generation: the date moves on to now.
    with django_capture_on_commit_callbacks(execute=True):
        portal_cache.bump()
    later = client.get(url(fixture.plan, "actions", "json"))
    moved = dt.datetime.strptime(later["Last-Modified"], "%a, %d %b %Y %H:%M:%S GMT")
    assert moved.replace(tzinfo=dt.UTC) > hour_ago + dt.timedelta(minutes=59)
