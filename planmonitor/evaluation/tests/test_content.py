import json

import pytest

from planmonitor.evaluation.content import plan_content
from planmonitor.plans.models import Action


@pytest.mark.django_db
def test_plan_content_is_json_and_in_reading_order(demo_shared, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        content = plan_content(demo_shared)
    assert json.loads(json.dumps(content)) == content
    assert len(content["actions"]) == Action.objects.filter(plan=demo_shared).count() == 115
    assert [goal["code"] for goal in content["strategic_goals"]] == ["1", "2", "3"]
    assert sum(len(g["operational_goals"]) for g in content["strategic_goals"]) == 11
    assert {form["code"] for form in content["violence_forms"]} == {
        "SG",
        "SGG",
        "IFG",
        "EGG",
        "VGV",
    }
    first = content["actions"][0]
    assert first["strategic_goal"] == "1"
    assert first["lead_minister"]["name"]
    order = [(a["strategic_goal"], a["operational_goal"]) for a in content["actions"]]
    assert order == sorted(
        order, key=lambda pair: (int(pair[0]), [int(p) for p in pair[1].split(".")])
    )
