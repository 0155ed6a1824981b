"""A plan version is what was decided: the database refuses to change or delete it."""

import pytest
from django.db import DatabaseError, connection, transaction

from planmonitor.evaluation.models import PlanVersion

from .revisions_data import first_version

pytestmark = pytest.mark.django_db


def test_the_database_refuses_to_update_a_version(plan, action, coordinator):
    version = first_version(plan, coordinator)
    with pytest.raises(DatabaseError), transaction.atomic():
        PlanVersion.objects.filter(pk=version.pk).update(decision_reference="vervalst")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE evaluation_planversion SET content = '{}'")
    assert PlanVersion.objects.get().decision_reference == "VR 2024 1234"


def test_the_database_refuses_to_delete_a_version(plan, action, coordinator):
    first_version(plan, coordinator)
    with pytest.raises(DatabaseError), transaction.atomic():
        PlanVersion.objects.all().delete()
    assert PlanVersion.objects.count() == 1


def test_only_the_demos_example_version_can_be_removed(plan, action, coordinator):
    version = first_version(plan, coordinator)
    # A real version cannot be turned into an example one to be removed.
    with pytest.raises(DatabaseError), transaction.atomic():
        PlanVersion.objects.filter(pk=version.pk).update(is_example=True)
    example = PlanVersion.objects.create(
        plan=action.plan.__class__.objects.create(
            short_name="voorbeeld",
            title="Voorbeeld",
            period_start=plan.period_start,
            period_end=plan.period_end,
        ),
        number=1,
        effective_date=version.effective_date,
        content={},
        is_example=True,
    )
    example.delete()
    assert not PlanVersion.objects.filter(pk=example.pk).exists()
