"""Page benchmark of the monitoring cycle: `python -m planmonitor.monitoring.bench` (`make bench`).

Builds a throwaway SQLite database in a temporary directory (the real one is
never touched), loads the plan and the demo data, adds past reporting rounds
until every action has 8 past rounds of accepted reports with indicator values,
then requests the owner's "Mijn acties" page and an action page (as the owner
and as the coordinator) with Django's test client: 50 timed requests each after
a warm-up, plus one request under ``CaptureQueriesContext`` for the query count.
Goal: under 100 ms median per page, and query counts that do not grow with the
number of rounds or actions (the tests in ``test_bench_queries.py`` assert that).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
import warnings
from decimal import Decimal
from pathlib import Path

PAST_ROUNDS = 8
REQUESTS = 50
WARM_UP = 5
GOAL_MS = 100


def _setup(directory: Path) -> None:
    # Before Django reads its settings: a private SQLite file, production-like settings.
    os.environ["DATABASE_URL"] = f"sqlite:///{directory / 'bench.sqlite3'}"
    os.environ["PLANMONITOR_VAR_DIR"] = str(directory)
    os.environ["DEBUG"] = "false"  # no query log, cached templates, as in production
    os.environ["ALLOWED_HOSTS"] = "testserver"  # the test client's host
    os.environ["SECURE_SSL_REDIRECT"] = "false"  # the test client speaks plain HTTP
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planmonitor.settings")
    # WhiteNoise warns that STATIC_ROOT is missing: no collectstatic for a benchmark.
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def past_rounds_add(*, plan, past_rounds: int = PAST_ROUNDS) -> int:
    """Add closed semester rounds before the earliest one until there are ``past_rounds``.

    Every new round covers every action of the plan with an accepted report and
    a value for each indicator, written in bulk. Returns the number of rounds added.
    """
    from planmonitor.monitoring.models import (
        ImplementationStatus,
        IndicatorValue,
        ProgressReport,
        QualitativeLevel,
        ReportingRound,
        ReportState,
        RoundStatus,
    )
    from planmonitor.plans.models import Action, Indicator

    closed = ReportingRound.objects.filter(plan=plan, status=RoundStatus.CLOSED)
    missing = past_rounds - closed.count()
    if missing <= 0:
        return 0
    earliest = closed.order_by("period_start").values_list("period_start", flat=True).first()
    start = earliest or dt.date(plan.period_start.year, 1, 1)
    rounds = []
    for _ in range(missing):
        end = start - dt.timedelta(days=1)
        start = dt.date(end.year, 1 if end.month <= 6 else 7, 1)
        half = "eerste" if end.month <= 6 else "tweede"
        rounds.append(
            ReportingRound(
                plan=plan,
                name=f"{end.year} – {half} semester",
                period_start=start,
                period_end=end,
                due_date=end + dt.timedelta(days=31),
                status=RoundStatus.CLOSED,
            )
        )
    rounds = ReportingRound.objects.bulk_create(rounds)
    actions = list(Action.objects.filter(plan=plan).prefetch_related("indicators"))
    reports = ProgressReport.objects.bulk_create(
        ProgressReport(
            round=reporting_round,
            action=action,
            implementation_status=ImplementationStatus.ON_TRACK,
            state=ReportState.ACCEPTED,
            done="- Benchmark",
        )
        for reporting_round in rounds
        for action in actions
    )
    values = []
    for report in reports:
        for indicator in report.action.indicators.all():
            if indicator.kind == Indicator.Kind.QUANTITATIVE:
                number = indicator.baseline_value if indicator.baseline_value is not None else 0
                values.append(
                    IndicatorValue(report=report, indicator=indicator, value=Decimal(number))
                )
            else:
                values.append(
                    IndicatorValue(report=report, indicator=indicator, level=QualitativeLevel.NONE)
                )
    IndicatorValue.objects.bulk_create(values, batch_size=500)
    return len(rounds)


def _time(client, url: str, requests: int) -> tuple[float, float, int]:
    """(median ms, p95 ms, queries per request)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UP):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return statistics.median(timings), p95, len(queries)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=REQUESTS)
    parser.add_argument("--past-rounds", type=int, default=PAST_ROUNDS)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="planmonitor-bench-") as name:
        _setup(Path(name))
        from django.test import Client
        from django.test.utils import override_settings
        from django.urls import reverse

        from planmonitor.accounts.models import User
        from planmonitor.demo.plan import demo_load
        from planmonitor.monitoring.models import ProgressReport, ReportingRound
        from planmonitor.plans.data.gbv_plan import SHORT_NAME
        from planmonitor.plans.models import Action, Indicator, Plan
        from planmonitor.tests.two_factor import needs_second_step, pass_second_step

        started = time.perf_counter()
        report = demo_load()
        load_seconds = time.perf_counter() - started
        assert not report.refused, report.refused
        plan = Plan.objects.get(short_name=SHORT_NAME)
        added = past_rounds_add(plan=plan, past_rounds=options.past_rounds)

        owner = User.objects.get(username="demo-owner")
        coordinator = User.objects.get(username="demo-coordinator")
        # The owner's action with the most quantitative indicators: the heaviest page.
        action = max(
            Action.objects.filter(plan=plan, lead_minister__key="gennez").prefetch_related(
                "indicators"
            ),
            key=lambda a: (
                sum(i.kind == Indicator.Kind.QUANTITATIVE for i in a.indicators.all()),
                a.code,
            ),
        )
        action_url = reverse("plans:action_detail", args=[plan.short_name, action.code])
        my_actions_url = reverse("plans:my_actions")

        python = sys.version.split()[0]
        print(f"planmonitor page benchmark: SQLite, {os.cpu_count()} CPUs, Python {python}")
        print(
            f"  demo loaded in {load_seconds:.2f} s; {added} past rounds added: "
            f"{ReportingRound.objects.filter(plan=plan).count()} rounds, "
            f"{ProgressReport.objects.filter(round__plan=plan).count():,} reports, "
            f"{Action.objects.filter(plan=plan).count()} actions"
        )
        print(f"  {options.requests} requests per page after {WARM_UP} warm-up requests\n")
        rows = []
        # Production settings except the static files manifest (no collectstatic here).
        storages = {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        with override_settings(STORAGES=storages):
            pages = [
                ("Mijn acties", "demo-owner", owner, my_actions_url),
                (f"action {action.code}", "demo-owner", owner, action_url),
                (f"action {action.code}", "demo-coordinator", coordinator, action_url),
                ("Mijn acties", "demo-coordinator", coordinator, my_actions_url),
            ]
            for label, who, user, url in pages:
                client = Client()
                client.force_login(user)
                if needs_second_step(user):
                    pass_second_step(client, user)  # the coordinator entered their code
                median, p95, queries = _time(client, url, options.requests)
                rows.append((label, who, median, p95, queries))
        print(f"  {'page':<16} {'user':<17} {'median':>9} {'p95':>9} {'queries':>8}")
        for label, who, median, p95, queries in rows:
            print(f"  {label:<16} {who:<17} {median:6.1f} ms {p95:6.1f} ms {queries:>8}")
        slow = [row for row in rows if row[2] >= GOAL_MS]
        print(f"\n  goal: median under {GOAL_MS} ms: {'NOT MET' if slow else 'met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
