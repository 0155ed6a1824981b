"""Fragmentation (GAO-15-49SP): several lead ministers active in one narrow area.

A finding about a cluster, not a pair: the connected components of the strongly similar
pairs (score at least STRONG) that hold at least MIN_ACTIONS actions of at least
MIN_MINISTERS distinct lead ministers. Every flagged pair would chain a whole plan into one
component: the area must be narrow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .detector import Item, Pair

MIN_ACTIONS = 3
MIN_MINISTERS = 2
STRONG = 0.5


@dataclass(frozen=True)
class Cluster:
    actions: tuple[Item, ...]
    ministers: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {"actions": [i.code for i in self.actions], "ministers": list(self.ministers)}


def clusters(pairs: Sequence[Pair]) -> list[Cluster]:
    parent: dict[str, str] = {}
    items: dict[str, Item] = {}

    def root(code: str) -> str:
        while parent[code] != code:
            parent[code] = parent[parent[code]]
            code = parent[code]
        return code

    for pair in pairs:
        if pair.score < STRONG:
            continue
        for item in (pair.a, pair.b):
            items.setdefault(item.code, item)
            parent.setdefault(item.code, item.code)
        parent[root(pair.a.code)] = root(pair.b.code)
    groups: dict[str, list[Item]] = {}
    for code, item in items.items():
        groups.setdefault(root(code), []).append(item)
    found = []
    for members in groups.values():
        ministers = sorted({m.lead_minister for m in members})
        if len(members) >= MIN_ACTIONS and len(ministers) >= MIN_MINISTERS:
            found.append(Cluster(tuple(sorted(members, key=lambda i: i.code)), tuple(ministers)))
    found.sort(key=lambda c: (-len(c.ministers), -len(c.actions), c.actions[0].code))
    return found
