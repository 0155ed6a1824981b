"""The context series pages in the authorization matrix (tests/test_authorization_matrix.py)."""

from decimal import Decimal

from planmonitor.tests.matrix import (
    FORBIDDEN,
    LOGIN,
    NO_POST_LOGGED_IN,
    Entry,
    answers,
    plan_kwargs,
)


def _series(objects: dict):
    from planmonitor.evaluation.models import ContextSeries, ContextValue

    plan = objects["action"].plan
    series, _ = ContextSeries.objects.get_or_create(
        plan=plan, key="matrix", defaults={"name": "Matrix"}
    )
    value, _ = ContextValue.objects.get_or_create(
        series=series, year=2020, defaults={"value": Decimal(1)}
    )
    return series, value


def series_kwargs(objects: dict) -> dict:
    series, _value = _series(objects)
    return {"short_name": series.plan.short_name, "pk": series.pk}


def value_kwargs(objects: dict) -> dict:
    series, value = _series(objects)
    return {"short_name": series.plan.short_name, "pk": series.pk, "value": value.pk}


# Whoever reads the evaluation: the plan's whole-plan readers.
READERS = answers(FORBIDDEN, anonymous=LOGIN, coordinator=200, network_member=200, evaluator=200)
# The coordinator manages the series: an empty form comes back with its errors (400).
MANAGER_GET = answers(FORBIDDEN, anonymous=LOGIN, coordinator=200)
MANAGER_EMPTY_POST = answers(FORBIDDEN, anonymous=LOGIN, coordinator=400)

ENTRIES = {
    "evaluation:context_list": Entry(kwargs=plan_kwargs, get=READERS, post=NO_POST_LOGGED_IN),
    "evaluation:context_series": Entry(kwargs=series_kwargs, get=READERS, post=NO_POST_LOGGED_IN),
    "evaluation:context_series_create": Entry(
        kwargs=plan_kwargs, get=MANAGER_GET, post=MANAGER_EMPTY_POST
    ),
    "evaluation:context_import": Entry(
        kwargs=plan_kwargs, get=MANAGER_GET, post=MANAGER_EMPTY_POST
    ),
    "evaluation:context_value_add": Entry(
        kwargs=series_kwargs, get=MANAGER_GET, post=MANAGER_EMPTY_POST
    ),
    "evaluation:context_value_edit": Entry(
        kwargs=value_kwargs, get=MANAGER_GET, post=MANAGER_EMPTY_POST
    ),
    "evaluation:context_value_delete": Entry(
        kwargs=value_kwargs,
        get=answers(405, anonymous=LOGIN),
        post=MANAGER_EMPTY_POST,
    ),
}
