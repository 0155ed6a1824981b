"""Public pages under gunicorn: `python -m planmonitor.portal.bench` (`make bench`).

Sets up a throwaway installation (SQLite in a temporary directory, or the DATABASE_URL
given), loads the plan and the demo data and publishes the demo plan with its latest
closed round (``planmonitor.demo.publication``), collects the static files, then serves
it as in production (README: gunicorn, DEBUG off, a SECRET_KEY, ALLOWED_HOSTS=127.0.0.1)
on a free port of 127.0.0.1. Each URL gets its own locust run (headless, FastHttpUser,
no wait between requests), one after the other on the same server: /healthz (the
baseline: no database, no session), the public overview, an action page and the
open-data JSON. Prints requests per second, p95 latency and the ratio to /healthz.

Goal (issue 12): every public page reaches at least half the baseline's throughput.
locust runs on the same machine and takes a core of its own: on 2 cores the figures are
the server's and the load generator's together, for comparison within the run.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from planmonitor.tests.processes import gunicorn, manage, production_env

BIN = Path(sys.executable).parent
GOAL = 0.5  # of the baseline's requests per second
STEP_TIMEOUT = 600

LOCUSTFILE = """
import os

from locust import FastHttpUser, constant, task

PATH = os.environ["BENCH_PATH"]


class Visitor(FastHttpUser):
    wait_time = constant(0)

    @task
    def load(self):
        self.client.get(PATH)
"""

PUBLISH = (
    "import json; from planmonitor.demo.publication import demo_publish; "
    "print(json.dumps(demo_publish()))"
)


@dataclass(frozen=True)
class Result:
    label: str
    path: str
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float


def _manage(env: dict[str, str], *args: str) -> str:
    try:
        return manage(env, *args, timeout=STEP_TIMEOUT)
    except RuntimeError as failed:
        raise SystemExit(str(failed)) from failed


def _install(env: dict[str, str]) -> dict[str, str]:
    started = time.perf_counter()
    _manage(env, "migrate", "--no-input")
    _manage(env, "collectstatic", "--no-input")
    _manage(env, "load_gbv_plan")
    _manage(env, "load_demo")
    made = json.loads(_manage(env, "shell", "-c", PUBLISH).strip().splitlines()[-1])
    print(f"installation ready in {time.perf_counter() - started:.0f} s: {made}")
    return made


def _warm(base: str, path: str) -> None:
    """One request first: the page is rendered into the shared cache (a publication's first
    visitor pays for it once), and a broken URL fails here, not as locust's failures."""
    with urllib.request.urlopen(f"{base}{path}", timeout=60) as response:
        if response.status != 200:
            raise SystemExit(f"{path}: {response.status}")


def _locust(
    base: str, label: str, path: str, *, users: int, seconds: int, directory: Path
) -> Result:
    locustfile = directory / "locustfile.py"
    locustfile.write_text(LOCUSTFILE)
    prefix = directory / f"locust-{label.replace(' ', '-')}"
    command = [
        str(BIN / "locust"),
        "-f",
        str(locustfile),
        "--headless",
        "-u",
        str(users),
        "-r",
        str(users),
        "-t",
        f"{seconds}s",
        "--host",
        base,
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    subprocess.run(
        command,
        env={**os.environ, "BENCH_PATH": path},
        capture_output=True,
        timeout=seconds + 120,
        check=False,  # locust exits 1 when a request failed: the failures column says so
    )
    with Path(f"{prefix}_stats.csv").open() as stats:
        row = next(r for r in csv.DictReader(stats) if r["Name"] == "Aggregated")
    return Result(
        label=label,
        path=path,
        requests=int(row["Request Count"]),
        failures=int(row["Failure Count"]),
        rps=float(row["Requests/s"]),
        p50=float(row["50%"]),
        p95=float(row["95%"]),
    )


def _table(results: list[Result]) -> str:
    baseline = results[0].rps or 1.0
    lines = [
        "| URL | requests | failures | requests/s | p50 ms | p95 ms | of /healthz |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.label} (`{r.path}`) | {r.requests:,} | {r.failures} | {r.rps:,.0f} "
            f"| {r.p50:.0f} | {r.p95:.0f} | {r.rps / baseline:.0%} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20, help="concurrent locust users")
    parser.add_argument("--seconds", type=int, default=20, help="length of each URL's run")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="planmonitor-portal-bench-") as name:
        directory = Path(name)
        env = production_env(directory)
        made = _install(env)
        plan = made["plan"]
        urls = [
            ("healthz", "/healthz"),
            ("overview", f"/nl/{plan}/"),
            ("action", f"/nl/{plan}/acties/{made['action']}/"),
            ("open data JSON", f"/opendata/{plan}/actions.json"),
        ]
        with gunicorn(env, directory / "gunicorn.log", workers=options.workers) as base:
            for _, path in urls:
                _warm(base, path)
            print(
                f"locust: FastHttpUser, -u {options.users} -r {options.users} "
                f"-t {options.seconds}s, one run per URL"
            )
            results = []
            for label, path in urls:
                result = _locust(
                    base,
                    label,
                    path,
                    users=options.users,
                    seconds=options.seconds,
                    directory=directory,
                )
                print(f"  {label:<16} {result.rps:8.0f} req/s   p95 {result.p95:5.0f} ms")
                sys.stdout.flush()
                results.append(result)
    print()
    print(_table(results))
    baseline = results[0].rps
    missed = [r.label for r in results[1:] if r.rps < GOAL * baseline]
    print()
    if missed:
        print(f"below half the baseline's throughput: {', '.join(missed)}")
        return 1
    print("every public page reaches at least half the baseline's throughput")
    return 0


if __name__ == "__main__":
    sys.exit(main())
