"""schemathesis against /api/openapi.json, in the Django app (WSGI, no server): no 5xx,
and every answer is one the schema documents (status code, content type, headers, body).

Bounded for CI: a few examples per operation and phase, a fixed seed, no deadline. Run
twice: without a token (the public) and with a personal token of the demo owner. The
path parameters are mostly mapped onto the demo plan, its actions and rounds, so the
fuzzing reaches real rows and not only 404s.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from planmonitor.accounts.models import User
from planmonitor.api.tokens import services
from planmonitor.monitoring.models import ProgressReport, ReportingRound
from planmonitor.plans.models import Plan

MAX_EXAMPLES = 5
CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": 20261203,
        "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True},
        "phases": {"stateful": {"enabled": False}},
        # A write the schema allows may still be refused as the web form refuses it: an
        # unknown indicator code or a value that is not a number (422), a stale or missing
        # If-Match (412, 428). Those are documented answers, not rejected valid data.
        "operations": [
            {
                "include-method": ["PATCH", "PUT", "POST"],
                "checks": {
                    "positive_data_acceptance": {
                        "expected-statuses": ["2xx", 401, 403, 404, 409, 412, 422, 428]
                    }
                },
            }
        ],
    }
)
# The database fixtures live for the whole test (each example sees the last one's writes:
# harmless here); no deadline: a first request warms caches and is slow.
BOUNDED = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# What the hook maps generated path parameters onto (filled per test by ``demo_rows``).
ROWS: dict[str, list[Any]] = {"short_name": [], "code": [], "round_id": []}


@pytest.fixture(autouse=True)
def the_test_s_connection_stays_open():
    """schemathesis calls the WSGI application itself, whose request signals close a
    connection that is inside a transaction: the test's own (on PostgreSQL its next query
    fails). Django's test client disconnects them the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def demo_rows(demo_shared: Plan) -> dict[str, list[Any]]:
    Plan.objects.filter(pk=demo_shared.pk).update(is_published=True)  # the public reads rows
    ROWS["short_name"] = [demo_shared.short_name]
    ROWS["code"] = list(demo_shared.actions.order_by("code").values_list("code", flat=True)[:5])
    ROWS["round_id"] = list(
        ReportingRound.objects.filter(plan=demo_shared).values_list("pk", flat=True)
    )
    return ROWS


# Loaded when the module is imported (the schema needs no database). Not through
# ``schemathesis.pytest.from_fixture``: its lazy loader breaks on pytest 9 (node._nodeid).
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application(), config=CONFIG)


@schema.hook
def map_path_parameters(context, path_parameters: dict[str, Any] | None) -> Any:
    """Three in four onto rows that exist (chosen from what was generated: deterministic)."""
    if not path_parameters:
        return path_parameters
    mapped = dict(path_parameters)
    for name, value in path_parameters.items():
        known = ROWS.get(name)
        if known and len(str(value)) % 4 != 3:
            mapped[name] = known[len(str(value)) % len(known)]
    return mapped


@schemathesis.hook  # global: schemathesis offers before_call on no narrower scope
def before_call(context, case, kwargs) -> None:
    """Half the writes send the report's current ETag, so the fuzzing gets past the
    optimistic lock (412) into the form's validation and the services. A hook, not an edit
    in the test: schemathesis re-validates what a before_call hook changed."""
    if case.operation.schema is not schema:
        return
    tag = (case.headers or {}).get("If-Match")
    if case.method.upper() == "GET" or not isinstance(tag, str) or len(tag) % 2:
        return
    parameters = case.path_parameters or {}
    version = (
        ProgressReport.objects.filter(
            round__plan__short_name=parameters.get("short_name"),
            round_id=parameters.get("round_id") if str(parameters.get("round_id")).isdigit() else 0,
            action__code__iexact=str(parameters.get("code")),
        )
        .values_list("version", flat=True)
        .first()
    )
    if version is not None:
        case.headers["If-Match"] = f'"{version}"'


@pytest.fixture
def owner_token(demo_rows) -> str:
    _token, plain = services.personal_token_create(
        user=User.objects.get(username="demo-owner"), name="schemathesis"
    )
    return plain


@schema.parametrize()
@BOUNDED
def test_the_public_gets_documented_answers_only(case, demo_rows):
    case.call_and_validate()


@schema.parametrize()
@BOUNDED
def test_the_demo_owner_s_token_gets_documented_answers_only(case, owner_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {owner_token}"})
