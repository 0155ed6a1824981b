"""The parts joined: a stored version prints as it froze, and snapshots list the versions."""

import io

import docx
from django.core.management import call_command

from planmonitor.evaluation.documents.sources import content_for, version_label_for
from planmonitor.evaluation.snapshots.services import snapshot_take
from planmonitor.plans.models import Action


def test_a_version_prints_what_it_froze_not_the_live_plan(demo_shared, tmp_path):
    action = Action.objects.filter(plan=demo_shared).order_by("code").first()
    frozen_title = action.title
    Action.objects.filter(pk=action.pk).update(title="Een titel van na versie 1")

    content = content_for(demo_shared, 1)
    assert [a["title"] for a in content["actions"] if a["code"] == action.code] == [frozen_title]
    assert version_label_for(demo_shared, 1).number == 1

    output = tmp_path / "plan-v1.docx"
    call_command(
        "plan_document",
        "--version",
        "1",
        "--format",
        "docx",
        "--output",
        str(output),
        stdout=io.StringIO(),
    )
    text = "\n".join(p.text for p in docx.Document(str(output)).paragraphs)
    assert frozen_title in text
    assert "Een titel van na versie 1" not in text


def test_a_snapshot_lists_the_plans_versions(demo_shared):
    snapshot = snapshot_take(plan=demo_shared, name="Met versies")
    assert [v["number"] for v in snapshot.payload["versions"]] == [1]
    assert snapshot.payload["versions"][0]["effective_date"]
