"""Pages at scale: `python -m planmonitor.monitoring.scale_bench` (`make bench`).

Issue 13: a page's cost must not grow with the data. Builds a throwaway SQLite database
(production settings, as ``monitoring.bench``), loads the plan and the demo data, and
measures the main internal list pages twice in the same run: on the demo plan (115
actions) and after generating actions up to ``--actions`` (default 10,000: copies of the
demo actions with their indicators, bulk-created; every one in the open round, so that
round holds as many reports). The baseline is the login page, measured in the same run
on the same process: the ratio holds on a noisy machine. Goal: every page's median within
25× of the login page's at the large size, and its size bounded (pages, not every row).
The verdict is printed; the exit status stays 0 so that ``make bench`` runs on.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from planmonitor.monitoring.bench import WARM_UP, _setup

REQUESTS = 20
ACTIONS = 10_000
GOAL_RATIO = 25


def _measure(client, url: str, requests: int) -> tuple[float, float, int, int]:
    """(median ms, p95 ms, SQL queries, response bytes) of GET ``url``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UP):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return statistics.median(timings), p95, len(queries), len(response.content)


def actions_generate(*, plan, total: int) -> int:
    """Copies of the plan's actions (with their indicators) up to ``total`` actions, each
    with a draft report in the open round. Bulk writes: no history, as a generated plan
    for measuring needs none. The number of actions added."""
    from planmonitor.monitoring.models import ProgressReport, ReportingRound, RoundStatus
    from planmonitor.plans.models import Action, Indicator

    models = list(Action.objects.filter(plan=plan).prefetch_related("indicators"))
    missing = total - len(models)
    if missing <= 0:
        return 0
    skip = {"id", "code", "search_vector", "version"}
    fields = [
        f.name
        for f in Action._meta.concrete_fields
        if f.name not in skip and not f.primary_key and f.name != "plan"
    ]
    copies = []
    for number in range(missing):
        model = models[number % len(models)]
        copies.append(
            Action(
                plan=plan,
                code=f"S{number:05d}",
                **{name: getattr(model, name) for name in fields if hasattr(model, name)},
            )
        )
    Action.objects.bulk_create(copies, batch_size=500)
    created = {a.code: a for a in Action.objects.filter(plan=plan, code__startswith="S")}
    indicators = []
    for number in range(missing):
        model = models[number % len(models)]
        action = created[f"S{number:05d}"]
        for indicator in model.indicators.all():
            values = {name: getattr(indicator, name) for name in Indicator.CONTENT_FIELDS}
            indicators.append(Indicator(action=action, **values))
    Indicator.objects.bulk_create(indicators, batch_size=500)
    open_round = ReportingRound.objects.get(plan=plan, status=RoundStatus.OPEN)
    ProgressReport.objects.bulk_create(
        (ProgressReport(round=open_round, action=action) for action in created.values()),
        batch_size=500,
    )
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=REQUESTS)
    parser.add_argument("--actions", type=int, default=ACTIONS)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="planmonitor-scale-bench-") as name:
        _setup(Path(name))
        from django.test import Client
        from django.test.utils import override_settings
        from django.urls import reverse

        from planmonitor.accounts.models import User
        from planmonitor.demo.plan import demo_load
        from planmonitor.monitoring.models import ProgressReport, ReportingRound, RoundStatus
        from planmonitor.plans.data.gbv_plan import SHORT_NAME
        from planmonitor.plans.models import Action, Plan
        from planmonitor.tests.two_factor import needs_second_step, pass_second_step

        report = demo_load()
        assert not report.refused, report.refused
        plan = Plan.objects.get(short_name=SHORT_NAME)
        owner = User.objects.get(username="demo-owner")
        coordinator = User.objects.get(username="demo-coordinator")
        open_round = ReportingRound.objects.get(plan=plan, status=RoundStatus.OPEN)
        pages = [
            ("login page (baseline)", None, reverse("login")),
            ("plan overview", coordinator, reverse("plans:plan_overview", args=[SHORT_NAME])),
            ("Mijn acties", coordinator, reverse("plans:my_actions")),
            ("Mijn acties", owner, reverse("plans:my_actions")),
            (
                "round page",
                coordinator,
                reverse("monitoring:round_detail", args=[SHORT_NAME, open_round.pk]),
            ),
            ("rounds list", coordinator, reverse("monitoring:round_list", args=[SHORT_NAME])),
        ]
        storages = {  # production settings but the static files manifest (no collectstatic)
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        python = sys.version.split()[0]
        print(f"planmonitor pages at scale: SQLite, {os.cpu_count()} CPUs, Python {python}")
        print(f"  {options.requests} requests per page after {WARM_UP} warm-up requests")
        results: dict[str, list[tuple[Any, ...]]] = {}
        for size in ("demo", "large"):
            if size == "large":
                started = time.perf_counter()
                added = actions_generate(plan=plan, total=options.actions)
                print(f"  generated {added:,} actions in {time.perf_counter() - started:.1f} s")
            actions = Action.objects.filter(plan=plan).count()
            reports = ProgressReport.objects.filter(round=open_round).count()
            label = f"{actions:,} actions, {reports:,} reports in the open round"
            rows = []
            with override_settings(STORAGES=storages):
                for page, user, url in pages:
                    client = Client()
                    if user is not None:
                        client.force_login(user)
                        if needs_second_step(user):
                            pass_second_step(client, user)
                    who = user.username if user else "anonymous"
                    rows.append((page, who, url, label, *_measure(client, url, options.requests)))
            results[size] = rows
        print()
        print("| page | user | size | median ms | p95 ms | queries | KB | × login |")
        print("|---|---|---|---:|---:|---:|---:|---:|")
        failed = []
        for size, rows in results.items():
            baseline = rows[0][4]
            for page, who, _url, label, median, p95, queries, length in rows:
                ratio = median / baseline
                print(
                    f"| {page} | {who} | {label} | {median:.1f} | {p95:.1f} | {queries} "
                    f"| {length / 1024:.0f} | {ratio:.1f} |"
                )
                if size == "large" and ratio > GOAL_RATIO:
                    failed.append(page)
        verdict = f"NOT MET: {', '.join(failed)}" if failed else "met"
        print(f"\n  goal: every page's median within {GOAL_RATIO}× the login page's: {verdict}")
    return 0  # a measurement: the verdict is printed, make bench goes on


if __name__ == "__main__":
    sys.exit(main())
