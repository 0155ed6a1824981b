"""What an import will do (dry run) or did: creates, changes, rows left alone, problems.

The same report feeds the web page, the command's text output and its JSON
output, so all three always agree.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

Kind = Literal["action", "indicator", "budget_line"]
ALL_KINDS: tuple[Kind, ...] = ("action", "indicator", "budget_line")
KIND_NAMES = {
    "action": gettext_lazy("actions"),
    "indicator": gettext_lazy("indicators"),
    "budget_line": gettext_lazy("budget lines"),
}

# A hopeless file (wrong sheet pasted, 10,000 bad rows) must not produce a report nobody
# can read: keep the first problems, count the rest.
MAX_LISTED_PROBLEMS = 500


@dataclass(frozen=True)
class Problem:
    """Something in the file, with where to find it (sheet, row, column, cell)."""

    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""
    cell: str = ""

    def location(self) -> str:
        parts = [self.sheet] if self.sheet else []
        if self.cell:
            parts.append(self.cell)
        elif self.row is not None:
            parts.append(_("row %(row)s") % {"row": self.row})
        if self.column:
            parts.append(self.column)
        return ", ".join(parts)


@dataclass(frozen=True)
class FieldChange:
    column: str
    old: str
    new: str


@dataclass(frozen=True)
class Entry:
    """One row of the plan: its kind, its key (codes), a label and, for updates, what changes."""

    kind: Kind
    key: str
    label: str = ""
    row: int | None = None
    changes: tuple[FieldChange, ...] = ()


@dataclass
class ImportReport:
    plan: str
    created: list[Entry] = field(default_factory=list)
    updated: list[Entry] = field(default_factory=list)
    unchanged: list[Entry] = field(default_factory=list)
    not_in_file: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    applied: bool = False
    # Kinds the file manages: indicators and budget lines only when their sheet is present.
    managed: tuple[Kind, ...] = ("action",)
    # Files that could not be read at all (damaged, wrong type): path -> message, so the
    # upload form can refuse them at once. The messages are among the problems as well,
    # so they are not in to_dict().
    refused: dict[str, str] = field(default_factory=dict)

    def add_problem(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_LISTED_PROBLEMS:
            self.problems.append(problem)

    def warn(self, problem: Problem) -> None:
        if problem not in self.warnings:
            self.warnings.append(problem)

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    @property
    def unlisted_problems(self) -> int:
        return self.problem_count - len(self.problems)

    def summary(self) -> dict[str, dict[str, int]]:
        """Counts per kind: {"action": {"created": 3, "updated": 1, ...}, ...}."""
        result: dict[str, dict[str, int]] = {}
        for kind in self.managed:
            result[kind] = {}
            for name in ("created", "updated", "unchanged", "not_in_file"):
                counts = Counter(entry.kind for entry in getattr(self, name))
                result[kind][name] = counts[kind]
        return result

    def left_unchanged(self) -> list[tuple[Kind, dict[str, int] | None]]:
        """Per kind, what the import writes and what it leaves as it is, said once.

        ``{"created": .., "updated": .., "left": ..}``, where ``left`` counts the rows the
        file has unchanged plus the plan's rows it does not mention (an import never
        deletes: both stay as they are). None: the file has no rows of this kind (no
        sheet, or an empty one), so all of the plan's stay as they are.
        """
        summary = self.summary()
        result: list[tuple[Kind, dict[str, int] | None]] = []
        for kind in ALL_KINDS:
            counts = summary.get(kind)
            if counts is None:
                result.append((kind, None))
                continue
            left = counts["unchanged"] + counts["not_in_file"]
            result.append(
                (kind, {"created": counts["created"], "updated": counts["updated"], "left": left})
            )
        return result

    def fingerprint(self) -> str:
        """Identifies what applying would write, to refuse a confirm when the plan moved on."""
        payload = [asdict(entry) for entry in (*self.created, *self.updated)]
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()

    def headline(self) -> str:
        counts = self.summary()["action"]
        return (
            ngettext(
                "%(created)s action created, %(updated)s changed, %(unchanged)s unchanged.",
                "%(created)s actions created, %(updated)s changed, %(unchanged)s unchanged.",
                counts["created"],
            )
            % counts
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "plan": self.plan,
            "applied": self.applied,
            "ok": self.ok,
            "summary": self.summary(),
            "created": [asdict(entry) for entry in self.created],
            "updated": [asdict(entry) for entry in self.updated],
            "unchanged": [asdict(entry) for entry in self.unchanged],
            "not_in_file": [asdict(entry) for entry in self.not_in_file],
            "problem_count": self.problem_count,
            "problems": [asdict(problem) for problem in self.problems],
            "warnings": [asdict(problem) for problem in self.warnings],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ImportReport:
        """Rebuild a stored dry-run report (the web flow keeps it next to the upload)."""

        def entries(name: str) -> list[Entry]:
            return [
                Entry(**{**item, "changes": tuple(FieldChange(**c) for c in item["changes"])})
                for item in data[name]
            ]

        return cls(
            plan=data["plan"],
            created=entries("created"),
            updated=entries("updated"),
            unchanged=entries("unchanged"),
            not_in_file=entries("not_in_file"),
            problems=[Problem(**item) for item in data["problems"]],
            warnings=[Problem(**item) for item in data["warnings"]],
            problem_count=data["problem_count"],
            applied=data["applied"],
            managed=tuple(data["summary"]),
        )
