"""Page benchmark of the learning network: `python -m planmonitor.network.bench` (`make bench`).

Like ``planmonitor.monitoring.bench``: a throwaway SQLite database, the demo plan with past
rounds of accepted reports, then the dashboard, the coverage, data-gap, SMART, signal and
meeting pages (and, on the demo plan only, the overlap page) as the demo coordinator (median,
p95, queries). Then the plan is grown to ``--actions`` actions
(copies of the demo's, each with a quantitative indicator and an accepted report with a value
in every round) and measured again. Goal: the dashboard under 150 ms median on the demo plan.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from planmonitor.monitoring.bench import _setup, _time, past_rounds_add

GOAL_MS = 150
PAGES = (
    ("dashboard", "network:dashboard"),
    ("coverage", "network:coverage"),
    ("data gaps", "network:gaps"),
    ("SMART", "network:smart_list"),
    ("signals", "network:signal_list"),
    ("meetings", "network:meeting_list"),
)
# Measured on the demo plan only: the page runs the whole overlap analysis per request (on
# 5,000 actions that is the analysis benchmark's 13 s, planmonitor.network.overlap.bench).
DEMO_ONLY_PAGES = (("overlap", "network:overlap"),)


def plan_grow(*, plan, actions: int) -> int:
    """Copy the plan's actions until it has ``actions``; each copy gets one quantitative
    indicator and an accepted report with a value in every round. Returns how many were added."""
    from planmonitor.monitoring.models import (
        ImplementationStatus,
        IndicatorValue,
        ProgressReport,
        ReportingRound,
        ReportState,
    )
    from planmonitor.plans.models import Action, Indicator

    models = list(Action.objects.filter(plan=plan).order_by("code"))
    missing = actions - len(models)
    if missing <= 0:
        return 0
    copies = Action.objects.bulk_create(
        Action(
            plan=plan,
            code=f"X{number:05}",
            title=models[number % len(models)].title,
            description=models[number % len(models)].description,
            operational_goal_id=models[number % len(models)].operational_goal_id,
            lead_minister_id=models[number % len(models)].lead_minister_id,
            start_date=models[number % len(models)].start_date,
            end_date=models[number % len(models)].end_date,
        )
        for number in range(missing)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            action=action,
            code=f"{action.code}-I1",
            name="Bereik",
            kind=Indicator.Kind.QUANTITATIVE,
            baseline_value=Decimal(0),
            target_value=Decimal(100),
            target_date=plan.period_end,
        )
        for action in copies
    )
    rounds = list(ReportingRound.objects.filter(plan=plan))
    reports = ProgressReport.objects.bulk_create(
        (
            ProgressReport(
                round=round_,
                action=action,
                implementation_status=ImplementationStatus.ON_TRACK,
                state=ReportState.ACCEPTED,
            )
            for round_ in rounds
            for action in copies
        ),
        batch_size=1000,
    )
    indicator_of = {indicator.action_id: indicator for indicator in indicators}
    IndicatorValue.objects.bulk_create(
        (
            IndicatorValue(report=r, indicator=indicator_of[r.action_id], value=Decimal(n % 90))
            for n, r in enumerate(reports)
        ),
        batch_size=1000,
    )
    return missing


def _measure(
    client, plan, requests: int, *, demo: bool = False
) -> list[tuple[str, float, float, int]]:
    from django.urls import reverse

    pages = PAGES + (DEMO_ONLY_PAGES if demo else ())
    return [
        (label, *_time(client, reverse(name, args=[plan.short_name]), requests))
        for label, name in pages
    ]


def _print(title: str, rows: list[tuple[str, float, float, int]]) -> None:
    print(f"  {title}")
    print(f"  {'page':<12} {'median':>10} {'p95':>10} {'queries':>8}")
    for label, median, p95, queries in rows:
        print(f"  {label:<12} {median:7.1f} ms {p95:7.1f} ms {queries:>8}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--large-requests", type=int, default=5)
    parser.add_argument("--actions", type=int, default=5000)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="planmonitor-bench-") as name:
        _setup(Path(name))
        from django.test import Client
        from django.test.utils import override_settings

        from planmonitor.accounts.models import User
        from planmonitor.demo.plan import demo_load
        from planmonitor.plans.data.gbv_plan import SHORT_NAME
        from planmonitor.plans.models import Plan
        from planmonitor.tests.two_factor import needs_second_step, pass_second_step

        report = demo_load()
        assert not report.refused, report.refused
        plan = Plan.objects.get(short_name=SHORT_NAME)
        past_rounds_add(plan=plan)
        coordinator = User.objects.get(username="demo-coordinator")
        storages = {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        python = sys.version.split()[0]
        print(f"planmonitor network benchmark: SQLite, {os.cpu_count()} CPUs, Python {python}")
        with override_settings(STORAGES=storages):
            client = Client()
            client.force_login(coordinator)
            if needs_second_step(coordinator):
                pass_second_step(client, coordinator)
            demo = _measure(client, plan, options.requests, demo=True)
            _print(f"demo plan, {options.requests} requests per page", demo)
            started = time.perf_counter()
            added = plan_grow(plan=plan, actions=options.actions)
            grown = time.perf_counter() - started
            print(f"\n  {added} actions added in {grown:.1f} s")
            _print(
                f"{options.actions} actions, {options.large_requests} requests per page",
                _measure(client, plan, options.large_requests),
            )
        met = demo[0][1] < GOAL_MS
        print(
            f"\n  goal: dashboard median under {GOAL_MS} ms on the demo plan: "
            f"{'met' if met else 'NOT MET'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
