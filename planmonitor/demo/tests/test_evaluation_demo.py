"""The example data of plan versions and revisions: version 1 of the example plan with its
government decision, and a labelled draft revision with four proposed changes; loaded
once, removed with the other example data."""

from __future__ import annotations

import pytest
from django.urls import reverse

from planmonitor.demo.evaluation import REVISION_NAME, evaluation_demo_load
from planmonitor.demo.plan import demo_remove
from planmonitor.evaluation.models import PlanVersion, Revision, RevisionChange

pytestmark = pytest.mark.django_db


def test_the_example_version_and_revision(client, demo_shared):
    plan = demo_shared
    version = PlanVersion.objects.get(plan=plan)
    decision = plan.decisions.filter(kind="government").order_by("date").first()
    assert version.number == 1 and version.is_example
    assert version.decision_reference == decision.reference
    assert len(version.content["actions"]) == plan.actions.count()
    revision = Revision.objects.get(plan=plan)
    assert revision.name == REVISION_NAME and revision.is_example and revision.is_draft
    kinds = sorted(revision.changes.values_list("kind", flat=True))
    assert kinds == ["add", "change", "discontinue", "merge"]
    assert all(
        reason.startswith("Voorbeeld")
        for reason in revision.changes.values_list("reason", flat=True)
    )
    assert evaluation_demo_load(plan) == {}  # loaded once
    client.force_login(revision.created_by)
    url = reverse("evaluation:revision_detail", args=[plan.short_name, revision.pk])
    assert client.get(url).status_code == 200


def test_remove_demo_removes_them(demo):
    demo_remove()
    assert not Revision.objects.exists()
    assert not RevisionChange.objects.exists()
    assert not PlanVersion.objects.exists()
