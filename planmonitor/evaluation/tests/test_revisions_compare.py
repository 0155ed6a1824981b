"""The version diff on a constructed change set: added, changed field by field (with the
in-field diff of a long text), discontinued, merged, each with its reasons."""

from __future__ import annotations

import copy
from types import SimpleNamespace

from planmonitor.evaluation.revisions.comparing import compare


def _action(code, **values):
    action = {
        "code": code,
        "title": f"Actie {code}",
        "description": "Kort.",
        "operational_goal": "1.1",
        "lead_minister": {"key": "gennez", "name": "Gennez"},
        "co_ministers": [],
        "start_date": "2026-01-01",
        "end_date": "2027-12-31",
        "status": "running",
    }
    return action | values


def _change(kind, code, reason, target=None):
    action = SimpleNamespace(code=code)
    return SimpleNamespace(
        kind=kind,
        action=action,
        action_id=1,
        values={"code": code},
        created_action_id=None,
        reason=reason,
        merge_target=SimpleNamespace(code=target) if target else None,
    )


LONG = "Het plan zet in op preventie. " * 8


def test_it_lists_what_changed_between_two_versions():
    old = {
        "actions": [
            _action("A001", description=LONG),
            _action("A002"),
            _action("A003"),
            _action("A004"),
        ]
    }
    new = copy.deepcopy(old)
    changed = new["actions"][0]
    changed["end_date"] = "2028-06-30"
    changed["description"] = LONG + "En op bescherming."
    changed["co_ministers"] = [{"key": "crevits", "name": "Crevits"}]
    new["actions"][1]["status"] = "stopped"
    new["actions"][2]["status"] = "stopped"
    new["actions"].append(_action("A010", title="Nieuw"))
    changes = [
        _change("change", "A001", "Meer tijd"),
        _change("discontinue", "A002", "Doel bereikt"),
        _change("merge", "A003", "Overlap met A004", target="A004"),
        _change("add", "A010", "Lacune"),
    ]

    result = compare(old, new, changes)

    assert [e.code for e in result.added] == ["A010"]
    assert result.added[0].reasons == ["Lacune"]
    assert [e.code for e in result.changed] == ["A001"]
    rows = {row.name: row for row in result.changed[0].fields}
    assert set(rows) == {"description", "co_ministers", "end_date"}
    assert (rows["end_date"].old, rows["end_date"].new) == ("31/12/2027", "30/06/2028")
    assert rows["co_ministers"].new == "Crevits"
    # The long text: what changed inside it, not the two whole texts.
    added = [
        p.text
        for passage in rows["description"].diff.inline
        for p in passage.parts
        if p.kind == "added"
    ]
    assert "".join(added).strip() == "En op bescherming."
    assert [e.code for e in result.discontinued] == ["A002"]
    assert result.discontinued[0].reasons == ["Doel bereikt"]
    assert [(e.code, e.merged_into) for e in result.merged] == [("A003", "A004")]
    assert not result.empty


def test_equal_versions_have_no_changes():
    content = {"actions": [_action("A001")]}
    assert compare(content, copy.deepcopy(content)).empty
