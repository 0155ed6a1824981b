"""Report benchmark of the evaluation: `python -m planmonitor.evaluation.snapshots.bench`
(`make bench`).

Like ``planmonitor.network.bench``: a throwaway SQLite database, the demo plan (115
actions) with 8 rounds (closed ones of accepted reports added by ``past_rounds_add``),
then: taking the snapshot, drawing its charts (once per snapshot), building the interim
report's Document,
and rendering it as DOCX and as PDF (the charts already drawn: a snapshot's first report
pays for them once, see the charts line), each with its time and peak memory (tracemalloc's
Python heap peak, and the process's peak RSS). Targets: DOCX under 5 s, PDF under 15 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from planmonitor.monitoring.bench import _setup, past_rounds_add

ROUNDS = 8
HEAP = False  # --heap
GOALS = {"DOCX": 5.0, "PDF": 15.0}


def _timed(label: str, work: Callable[[], Any], *, repeatable: bool = True) -> tuple[Any, float]:
    """Time ``work`` untraced (tracemalloc slows WeasyPrint several times over), then
    report the process's peak RSS so far; ``--heap`` runs it once more under tracemalloc
    for the Python heap's peak."""
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    heap = ""
    if HEAP and repeatable:
        tracemalloc.start()
        work()
        heap = f"   heap peak {tracemalloc.get_traced_memory()[1] / 2**20:7.1f} MB"
        tracemalloc.stop()
    print(f"  {label:<28} {seconds:7.2f} s   peak RSS so far {rss:7.1f} MB{heap}")
    return result, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heap", action="store_true", help="also measure the Python heap")
    global HEAP
    HEAP = parser.parse_args(argv).heap
    with tempfile.TemporaryDirectory(prefix="planmonitor-bench-") as name:
        _setup(Path(name))
        from django.test.utils import override_settings

        from planmonitor.demo.plan import demo_load
        from planmonitor.evaluation.snapshots import rendering, report, services
        from planmonitor.monitoring.models import ReportingRound
        from planmonitor.plans.data.gbv_plan import SHORT_NAME
        from planmonitor.plans.models import Plan

        result = demo_load()
        assert not result.refused, result.refused
        plan = Plan.objects.get(short_name=SHORT_NAME)
        # 8 rounds in all: the demo's open round and closed ones before it.
        open_rounds = ReportingRound.objects.filter(plan=plan).exclude(status="closed").count()
        past_rounds_add(plan=plan, past_rounds=ROUNDS - open_rounds)
        python = sys.version.split()[0]
        print(
            f"planmonitor evaluation report benchmark: SQLite, {os.cpu_count()} CPUs, "
            f"Python {python}; {plan.actions.count()} actions, "
            f"{ReportingRound.objects.filter(plan=plan).count()} rounds"
        )
        snapshot, _ = _timed(
            "snapshot",
            lambda: services.snapshot_take(plan=plan, name="Benchmark"),
            repeatable=False,
        )
        charts, _ = _timed(
            "charts (once per snapshot)",
            lambda: services.snapshot_charts(snapshot),
            repeatable=False,
        )
        document, _ = _timed("document (blocks)", lambda: report.build_report(snapshot, "interim"))
        print(f"  {len(charts)} charts, {len(document.blocks)} blocks")
        times = {}
        # No collectstatic for a benchmark: the PDF's stylesheet is read from the app.
        storages = {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        with override_settings(STORAGES=storages):
            for label, fmt in (("DOCX", "docx"), ("PDF", "pdf")):

                def work(fmt: str = fmt) -> bytes:
                    return rendering.render(snapshot, kind="interim", format=fmt)

                data, times[label] = _timed(f"interim report {label}", work)
                print(f"  {label}: {len(data) / 2**20:.1f} MB")
        for label, goal in GOALS.items():
            if label in times:
                met = "met" if times[label] < goal else "NOT MET"
                print(f"  goal: {label} under {goal:.0f} s: {met}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
