"""The plan-wide change log: events written by the services, read on one page (issue 9, item 7)."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from planmonitor.accounts import services as account_services
from planmonitor.accounts.models import Role
from planmonitor.audit.context import audit_context
from planmonitor.audit.events import record_event
from planmonitor.audit.models import Event
from planmonitor.monitoring.reports import services as report_services
from planmonitor.plans import services as plan_services
from planmonitor.tests.html import parse_html
from planmonitor.tests.queries import BANNER, NAV, POLICY, SIGNED_IN, TWO_STEP, assert_queries


def _url(plan, name: str = "plans:change_log", **query) -> str:
    url = reverse(name, args=[plan.short_name])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def _rows(client, url: str) -> list[list[str]]:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    soup = parse_html(response)
    return [
        [td.get_text(" ", strip=True) for td in tr.select("td")]
        for tr in soup.select("main table.change-log tbody tr")
    ]


def _event(plan, *, kind: str, actor, at: dt.datetime, label: str = "A001") -> Event:
    """An event as a service writes it, at a chosen time (the table allows inserts)."""
    return Event.objects.create(
        plan=plan,
        kind=kind,
        actor_id=actor.pk,
        actor_name=actor.get_full_name(),
        at=at,
        object_label=label,
    )


def test_the_services_record_who_did_what_to_which_object(
    client, plan, report, action, owner, coordinator
):
    report.refresh_from_db()
    with audit_context(channel="web", user=owner):
        report_services.report_update(
            report_id=report.pk, values={"done": "Opleiding gegeven"}, expected_version=1
        )
        evidence = report_services.evidence_add(
            report=report, user=owner, title="Verslag", url="https://example.org/v"
        )
        report_services.evidence_delete(evidence=evidence)
        report_services.report_transition(report_id=report.pk, transition="submit", user=owner)
    with audit_context(channel="web", user=coordinator):
        action.refresh_from_db()
        plan_services.action_update(
            action_id=action.pk, values={"title": "Nieuwe titel"}, expected_version=action.version
        )
        report_services.report_transition(
            report_id=report.pk, transition="return", user=coordinator, remarks="Cijfers?"
        )

    events = list(Event.objects.filter(plan=plan).order_by("id"))
    assert [(e.kind, e.actor_name) for e in events] == [
        ("round.open", ""),  # the fixture opened the round outside any request
        ("report.change", "Owner"),
        ("evidence.add", "Owner"),
        ("evidence.remove", "Owner"),
        ("report.submit", "Owner"),
        ("action.change", "Coordinator"),
        ("report.return", "Coordinator"),
    ]
    assert events[-1].summary == "Cijfers?"
    assert events[-1].object_id == report.pk and events[-1].channel == "web"

    client.force_login(coordinator)
    rows = _rows(client, _url(plan))
    assert [row[2] for row in rows][:3] == ["Report returned", "Action changed", "Report submitted"]
    soup = parse_html(client.get(_url(plan)))
    links = [a["href"] for a in soup.select("main table.change-log tbody a")]
    assert reverse("audit:history", args=["rapport", report.pk]) in links
    assert reverse("audit:history", args=["actie", action.pk]) in links


def test_membership_changes_are_logged(plan, make_user, coordinator):
    person = make_user("nieuw")
    with audit_context(channel="web", user=coordinator):
        membership = account_services.membership_save(plan=plan, user=person, role=Role.EVALUATOR)
        account_services.membership_remove(membership=membership)
    kinds = list(Event.objects.filter(plan=plan).order_by("id").values_list("kind", "actor_name"))
    assert kinds == [("membership.save", "Coordinator"), ("membership.remove", "Coordinator")]


def test_an_unregistered_kind_is_refused(plan):
    with pytest.raises(ImproperlyConfigured):
        record_event(kind="no.such.kind", plan=plan)


@pytest.fixture
def logged(plan, coordinator, owner, evaluator):
    day = timezone.make_aware(dt.datetime(2026, 3, 10, 12, 0))
    _event(plan, kind="report.submit", actor=owner, at=day, label="T001 – submitted")
    _event(plan, kind="report.change", actor=owner, at=day - dt.timedelta(days=5), label="edit")
    _event(plan, kind="report.return", actor=coordinator, at=day + dt.timedelta(days=2))
    _event(plan, kind="action.change", actor=evaluator, at=day + dt.timedelta(days=30))
    return day


def test_it_filters_by_person_kind_and_days(client, plan, coordinator, owner, logged):
    client.force_login(coordinator)
    assert len(_rows(client, _url(plan))) == 4
    assert {r[1] for r in _rows(client, _url(plan, person=owner.pk))} == {"Owner"}
    assert [r[3] for r in _rows(client, _url(plan, kind="report.submit"))] == ["T001 – submitted"]
    between = _rows(client, _url(plan, since="10/03/2026", until="12/03/2026"))
    assert [r[2] for r in between] == ["Report returned", "Report submitted"]
    # The form lists who appears in the log, and the kinds.
    soup = parse_html(client.get(_url(plan)))
    people = [o.get_text() for o in soup.select("select[name=person] option")][1:]
    assert people == ["Coordinator", "Evaluator", "Owner"]


def test_a_period_ending_before_it_starts_is_an_error(client, plan, coordinator, logged):
    client.force_login(coordinator)
    response = client.get(_url(plan, since="12/03/2026", until="10/03/2026"))
    assert parse_html(response).select_one(".error-summary") is not None


def test_the_downloads_hold_the_filtered_rows(client, plan, coordinator, owner, logged):
    client.force_login(coordinator)
    response = client.get(
        _url(plan, "plans:change_log_csv", person=owner.pk), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["When", "Who", "What", "Object", "Summary", "Channel"]
    assert [(r[1], r[2]) for r in rows[1:]] == [
        ("Owner", "Report submitted"),
        ("Owner", "Report edited"),
    ]
    response = client.get(
        _url(plan, "plans:change_log_xlsx", kind="report.return"), HTTP_ACCEPT_LANGUAGE="en"
    )
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = list(book.active.iter_rows(values_only=True))
    assert len(values) == 2 and values[1][1:3] == ("Coordinator", "Report returned")
    assert isinstance(values[1][0], dt.datetime)


def test_a_formula_in_a_summary_is_escaped_in_the_downloads(client, plan, coordinator):
    Event.objects.create(plan=plan, kind="report.return", summary="=HYPERLINK(1)")
    client.force_login(coordinator)
    rows = list(
        csv.reader(io.StringIO(client.get(_url(plan, "plans:change_log_csv")).content.decode()))
    )
    assert rows[1][4] == "'=HYPERLINK(1)"


def test_it_pages_the_log_newest_first(client, plan, coordinator, owner):
    start = timezone.make_aware(dt.datetime(2026, 1, 1, 9, 0))
    Event.objects.bulk_create(
        Event(
            plan=plan,
            kind="report.change",
            actor_id=owner.pk,
            actor_name="Owner",
            at=start + dt.timedelta(minutes=n),
            object_label=f"n{n}",
        )
        for n in range(60)
    )
    client.force_login(coordinator)
    first = _rows(client, _url(plan))
    assert len(first) == 50 and first[0][3] == "n59"
    assert [r[3] for r in _rows(client, _url(plan, page=2))] == [f"n{n}" for n in range(9, -1, -1)]


QUERIES = [
    *SIGNED_IN,
    *TWO_STEP,
    ("SELECT plans_plan", "the plan of the URL"),
    *POLICY,
    ("SELECT audit_event", "the filter: the people in the log"),
    ("SELECT audit_event", "the page: how many events"),
    ("SELECT audit_event", "the page: its events with their content types"),
    *NAV,
    *BANNER,
]


def test_the_number_of_queries_does_not_grow_with_the_log(client, plan, coordinator, report):
    client.force_login(coordinator)

    def grow(times: int) -> None:
        with audit_context(channel="web", user=coordinator):
            for _n in range(times):
                record_event(kind="report.change", obj=report)

    grow(3)
    with assert_queries(QUERIES):
        client.get(_url(plan))
    grow(40)
    with assert_queries(QUERIES):
        assert client.get(_url(plan)).status_code == 200


def test_the_nav_links_to_it_for_coordinators_and_evaluators_only(
    client, plan, coordinator, evaluator, owner
):
    link = reverse("plans:change_log_default")
    for user, shown in ((coordinator, True), (evaluator, True), (owner, False)):
        client.force_login(user)
        soup = parse_html(client.get(reverse("plans:my_actions")))
        assert bool(soup.select(f'nav a[href="{link}"]')) is shown
    client.force_login(evaluator)
    assert client.get(link)["Location"] == _url(plan)


def test_events_cannot_be_changed_or_removed(plan):
    event = Event.objects.create(plan=plan, kind="report.change", object_label="x")
    for attempt in (
        lambda: Event.objects.filter(pk=event.pk).update(summary="rewritten"),
        lambda: Event.objects.filter(pk=event.pk).delete(),
    ):
        with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
            attempt()
