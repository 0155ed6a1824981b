"""Fixtures of the monitoring tests: files, indicators and milestones of ``action``."""

import datetime as dt
from decimal import Decimal

import pytest

from planmonitor.monitoring.models import Milestone
from planmonitor.plans.models import Indicator


@pytest.fixture(name="media")
def media_fixture(settings, tmp_path):
    """Uploaded files go to a temporary MEDIA_ROOT, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(name="indicators")
def indicators_fixture(action) -> list[Indicator]:
    return [
        action.indicators.create(
            code="I1",
            name="Aantal opgeleide hulpverleners",
            kind="quantitative",
            unit="personen",
            baseline_value=Decimal(0),
            target_value=Decimal(500),
            direction="increase",
        ),
        action.indicators.create(code="I2", name="Opleidingskader goedgekeurd", kind="qualitative"),
    ]


@pytest.fixture(name="milestones")
def milestones_fixture(action) -> list[Milestone]:
    return [
        Milestone.objects.create(
            action=action, name="Opleiding ontworpen", planned_date=dt.date(2026, 9, 30)
        ),
        Milestone.objects.create(
            action=action, name="Eerste sessie gegeven", planned_date=dt.date(2026, 12, 15)
        ),
    ]
