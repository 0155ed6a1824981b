"""Fixtures of the plans tests."""

import pytest

from planmonitor.plans.models import Partner


@pytest.fixture
def terms(plan):
    """The plan with two partners, the terms an imported file may name."""
    Partner.objects.create(plan=plan, code="sensoa", label="Sensoa")
    Partner.objects.create(plan=plan, code="childfocus", label="Child Focus")
    return plan
