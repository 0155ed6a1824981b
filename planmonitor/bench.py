"""Import benchmark: `python -m planmonitor.bench` (or `make bench`).

Builds a throwaway SQLite database in a temporary directory (the real one is
never touched), loads the plan, then times the dry run and the real import of a
generated 115-action workbook (the plan's size) and of a 10,000-action workbook
with 30,000 indicators, plus a re-import (nothing changes) and the export.
Goals: 115 actions well under 1 s; 10,000 actions under 20 s.
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

SIZES = (115, 10_000)


def _setup(directory: Path) -> None:
    # Before Django reads its settings: a private SQLite file, production-like settings.
    os.environ["DATABASE_URL"] = f"sqlite:///{directory / 'bench.sqlite3'}"
    os.environ["PLANMONITOR_VAR_DIR"] = str(directory)
    os.environ["DEBUG"] = "false"  # no query log, as in production
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planmonitor.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_gbv_plan", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux: the process's peak so far.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(label: str, work: Callable[[], Any], *, trace: bool) -> Any:
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    heap = ""
    if trace:
        heap = f"  python heap peak {tracemalloc.get_traced_memory()[1] / 2**20:7.1f} MB"
        tracemalloc.stop()
    print(f"  {label:<28} {seconds:7.2f} s   process peak {_peak_rss_mb():7.1f} MB{heap}")
    sys.stdout.flush()
    return result


def _bench(size: int, directory: Path, *, trace: bool) -> None:
    from planmonitor.plans.models import Action, Indicator, Plan
    from planmonitor.plans.transfer.exporting import export_xlsx_file, write_xlsx
    from planmonitor.plans.transfer.importing import ImportFile, ImportSource, import_actions
    from planmonitor.plans.transfer.samples import generated_tables

    plan = Plan.objects.get()
    Action.objects.filter(plan=plan).delete()
    path = directory / f"bench-{size}.xlsx"
    tables = generated_tables(plan, size, indicators_per_action=3)
    with path.open("wb") as out:
        write_xlsx(out, tables)
    source = ImportSource(ImportFile(path, path.name))
    rows = sum(len(table.rows) for table in tables)  # type: ignore[arg-type]
    print(f"\n{size:,} actions ({rows:,} rows, {path.stat().st_size / 2**20:.1f} MB workbook)")

    def run(commit: bool) -> Any:
        return import_actions(plan=plan, source=source, commit=commit)

    dry = _timed("dry run", lambda: run(False), trace=trace)
    assert dry.ok, dry.problems[:5]
    real = _timed("import", lambda: run(True), trace=trace)
    assert real.applied and real.summary()["action"]["created"] == size
    again = _timed("re-import (no changes)", lambda: run(True), trace=trace)
    assert not again.created and not again.updated
    _timed("export", lambda: export_xlsx_file(plan, directory / "export.xlsx"), trace=trace)
    print(
        f"  in the database: {Action.objects.filter(plan=plan).count():,} actions, "
        f"{Indicator.objects.filter(action__plan=plan).count():,} indicators"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--trace-memory",
        action="store_true",
        help="Also measure the Python heap peak with tracemalloc (slows everything down ~2x).",
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="planmonitor-bench-") as name:
        directory = Path(name)
        _setup(directory)
        from planmonitor.plans.models import Partner, Plan

        plan = Plan.objects.get()
        for code, label in (("sensoa", "Sensoa"), ("childfocus", "Child Focus"), ("vvsg", "VVSG")):
            Partner.objects.get_or_create(plan=plan, code=code, defaults={"label": label})
        python = sys.version.split()[0]
        print(f"planmonitor import benchmark: SQLite, {os.cpu_count()} CPUs, Python {python}")
        for size in options.sizes:
            _bench(size, directory, trace=options.trace_memory)


if __name__ == "__main__":
    main()
