"""A planmonitor in its own processes, for the browser tests and the benchmarks: a free
port on 127.0.0.1 and ``manage.py`` commands run with a given environment."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MANAGE = [sys.executable, str(ROOT / "manage.py")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def manage(env: dict[str, str], *args: str, timeout: int = 300) -> str:
    """Run ``manage.py <args>`` with ``env``; its output, or RuntimeError with it."""
    done = subprocess.run(
        [*MANAGE, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def production_env(directory: Path, **extra: str) -> dict[str, str]:
    """The environment of an installation in ``directory`` run as in production (README:
    DEBUG off, a SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, plain HTTP: no proxy in front).
    SQLite in ``directory`` unless ``DATABASE_URL`` is given (in ``extra`` or the caller's
    environment)."""
    env = {
        **os.environ,
        "PLANMONITOR_VAR_DIR": str(directory),
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "test-only-" + "x" * 50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DJANGO_SETTINGS_MODULE": "planmonitor.settings",
        **extra,
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{directory / 'planmonitor.sqlite3'}")
    return env


@contextmanager
def gunicorn(
    env: dict[str, str], log: Path, *, workers: int = 2, threads: int = 1
) -> Iterator[str]:
    """gunicorn serving planmonitor with ``env`` on a free port; yields its base URL once
    /healthz answers, stops it on leaving. Its output goes to ``log``."""
    port = free_port()
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "planmonitor.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
    ]
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn stopped:\n{log.read_text()}")
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=5):
                    break
            except OSError:
                time.sleep(0.25)
        else:
            raise RuntimeError(f"gunicorn did not answer:\n{log.read_text()}")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def install_demo(env: dict[str, str]) -> None:
    """A fresh installation with ``env``: the schema, the plan and the demo data."""
    manage(env, "migrate", "--no-input")
    manage(env, "load_gbv_plan")
    manage(env, "load_demo")
