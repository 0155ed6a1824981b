"""Search of a plan's actions: code, title, description and what other apps register.

One index (``SearchEntry``), one row per action and scope:

* ``internal``: every text, the action sheet's too (monitoring registers its texts as a
  ``registry.SearchSource``: plans names no app above it);
* ``public``: only the fields of sources marked ``public`` (the action's own code, title
  and description). A public search (the later public site) asks for this scope alone,
  so it can never find, or quote, an internal text.

Who writes keeps it current: the services that change an indexed text call
``index_actions`` in their transaction (``action_update``, ``sheet_update``, the import,
the demo loader, the admin); ``manage.py rebuild_search_index`` rebuilds it from scratch.

Dutch words are matched by their stem, so "gemeenten" finds "gemeente". PostgreSQL stems
with its ``dutch`` configuration; SQLite's FTS5 has no Dutch stemmer, so the texts are
stemmed here with Snowball's ``dutch_porter``, which gives PostgreSQL's stems (the
algorithm named ``dutch`` changed in Snowball 3.0: ``gemeenten`` → ``meen``). Every
word of the query must match (as a prefix of a stem, so "A00" finds A001); results
are ranked, code and title weighing most, then the description, then the rest.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from planmonitor.core import registry

from .models import Action, Plan, SearchEntry

Scope = SearchEntry.Scope

_STEMMER = snowballstemmer.stemmer("dutch_porter")  # not "dutch": see the module's note
_WORD = re.compile(r"\w+")
MAX_TERMS = 10  # a pasted paragraph is not a query
_BATCH = 500
# bm25 weights of the FTS5 columns (stems_head, stems_body, stems_extra), and the same
# order for PostgreSQL's weights A, B, C.
_SQLITE_WEIGHTS = (10.0, 4.0, 1.0)

OWN_FIELDS = {
    "code": _("code"),
    "title": _("title"),
    "description": _("description"),
}


def _fold(word: str) -> str:
    """Lower case without diacritics, as FTS5's tokenizer compares (remove_diacritics 2)."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def stem(word: str) -> str:
    return _fold(_STEMMER.stemWord(word.lower()))


def stemmed(text: str) -> str:
    return " ".join(stem(word) for word in words(text))


# --- writing the index ----------------------------------------------------------------


def _sources(action_ids: list[int]) -> list[tuple[registry.SearchSource, Any]]:
    return [
        (source, source.texts(action_ids)) for source in registry.registered(registry.SearchSource)
    ]


def _entry(action: Mapping[str, Any], scope: str, contributed: list) -> SearchEntry:
    fields = {name: action[name] for name in OWN_FIELDS if action[name]}
    for source, texts in contributed:
        if scope == Scope.PUBLIC and not source.public:
            continue
        for name, text in texts.get(action["pk"], {}).items():
            if text:
                fields[f"{source.key}.{name}"] = text
    head = f"{action['code']} {action['title']}"
    body = action["description"]
    extra = "\n".join(text for key, text in fields.items() if key not in OWN_FIELDS)
    return SearchEntry(
        plan_id=action["plan_id"],
        action_id=action["pk"],
        scope=scope,
        fields=fields,
        head=head,
        body=body,
        extra=extra,
        stems_head=stemmed(head),
        stems_body=stemmed(body),
        stems_extra=stemmed(extra),
    )


def index_actions(action_ids: Iterable[int]) -> None:
    """(Re)write the entries of these actions, in both scopes. Call it inside the write's
    transaction, after the texts changed; a deleted action's entries go with it (cascade)."""
    ids = sorted(set(action_ids))
    for start in range(0, len(ids), _BATCH):
        _index_batch(ids[start : start + _BATCH])


def _index_batch(ids: list[int]) -> None:
    actions = Action.objects.filter(pk__in=ids).values(
        "pk", "plan_id", "code", "title", "description"
    )
    contributed = _sources(ids)
    SearchEntry.objects.filter(action_id__in=ids).delete()
    SearchEntry.objects.bulk_create(
        _entry(action, scope, contributed) for action in actions for scope in Scope.values
    )
    if connection.vendor == "postgresql":
        SearchEntry.objects.filter(action_id__in=ids).update(
            vector=SearchVector("head", weight="A", config="dutch")
            + SearchVector("body", weight="B", config="dutch")
            + SearchVector("extra", weight="C", config="dutch")
        )


def index_plan(plan: Plan) -> int:
    """Rewrite the entries of all the plan's actions; returns how many actions."""
    ids = list(Action.objects.filter(plan=plan).values_list("pk", flat=True))
    index_actions(ids)
    return len(ids)


def rebuild(plan: Plan | None = None) -> int:
    """The index from scratch (all plans, or one); returns the number of actions indexed."""
    entries = SearchEntry.objects.all() if plan is None else SearchEntry.objects.filter(plan=plan)
    entries.delete()
    plans = Plan.objects.all() if plan is None else [plan]
    return sum(index_plan(p) for p in plans)


def rebuild_if_missing() -> None:
    """After a migration: an installation with actions but no index gets one."""
    if Action.objects.exists() and not SearchEntry.objects.exists():
        rebuild()


# --- reading it -------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    action_id: int
    scope: str
    rank: float
    fields: dict[str, str]


def query_words(query: str) -> list[str]:
    """The words of a query, each once, at most ``MAX_TERMS``."""
    return list(dict.fromkeys(words(query)))[:MAX_TERMS]


def hits(*, plan: Plan, query: str, scopes: Iterable[str]) -> list[Hit]:
    """The entries of ``plan`` in ``scopes`` that match every word of ``query``: one query.

    Higher rank is better. Nothing matches an empty query.
    """
    terms = query_words(query)
    scopes = list(scopes)
    if not terms or not scopes:
        return []
    if connection.vendor == "postgresql":
        return _postgres_hits(plan, terms, scopes)
    return _sqlite_hits(plan, terms, scopes)


def _sqlite_hits(plan: Plan, terms: list[str], scopes: list[str]) -> list[Hit]:
    # Terms are \w+ words, stemmed, quoted: nothing of FTS5's query syntax gets through.
    match = " AND ".join(f'"{stem(term)}"*' for term in terms)
    in_scopes = ", ".join("%s" for _ in scopes)
    sql = (
        "SELECT e.action_id, e.scope, e.fields, bm25(plans_searchentry_fts, %s, %s, %s) "
        "FROM plans_searchentry_fts JOIN plans_searchentry e ON e.id = plans_searchentry_fts.rowid "
        f"WHERE plans_searchentry_fts MATCH %s AND e.plan_id = %s AND e.scope IN ({in_scopes})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*_SQLITE_WEIGHTS, match, plan.pk, *scopes])
        rows = cursor.fetchall()
    # bm25 is lower for better matches; SQLite keeps JSON as text.
    return [
        Hit(action_id, scope, -score, json.loads(fields))
        for action_id, scope, fields, score in rows
    ]


def _postgres_hits(plan: Plan, terms: list[str], scopes: list[str]) -> list[Hit]:
    # A raw tsquery of \w+ words: each a prefix (":*"), stemmed by the dutch configuration.
    search = SearchQuery(
        " & ".join(f"{term}:*" for term in terms), search_type="raw", config="dutch"
    )
    rows = (
        SearchEntry.objects.filter(plan=plan, scope__in=scopes, vector=search)
        .annotate(rank=SearchRank(F("vector"), search))
        .values_list("action_id", "scope", "rank", "fields")
    )
    return [Hit(*row) for row in rows]


# --- why a result matched ----------------------------------------------------------------


@dataclass(frozen=True)
class Excerpt:
    """Where a result matched, quoted: ``before`` + ``word`` (marked) + ``after``."""

    label: Any
    before: str
    word: str
    after: str


def labels() -> dict[str, Any]:
    found = dict(OWN_FIELDS)
    for source in registry.registered(registry.SearchSource):
        found.update({f"{source.key}.{name}": label for name, label in source.labels.items()})
    return found


def _matches(text: str, prefixes: list[str]) -> Iterator[re.Match[str]]:
    for word in _WORD.finditer(text):
        if any(
            stem(word.group()).startswith(p) or _fold(word.group()).startswith(p) for p in prefixes
        ):
            yield word


def _clip(text: str, *, keep_end: bool, length: int = 60) -> str:
    """About ``length`` characters of ``text`` next to the match, cut between words."""
    flat = re.sub(r"\s+", " ", text)
    if len(flat) <= length:
        return flat
    if keep_end:
        cut = flat[-length:]
        return "…" + (cut[cut.find(" ") :] if " " in cut else cut)
    cut = flat[:length]
    return (cut[: cut.rfind(" ")] if " " in cut else cut) + " …"


def excerpt(hit: Hit, query: str, *, skip: Iterable[str] = ("code", "title")) -> Excerpt | None:
    """The first field (other than ``skip``, which the page shows anyway) that holds a
    word of the query, with a few words around it; None when the shown fields matched."""
    prefixes = [stem(term) for term in query_words(query)]
    skip = set(skip)
    names = labels()
    for key, text in hit.fields.items():
        if key in skip:
            continue
        found = next(_matches(text, prefixes), None)
        if found is None:
            continue
        return Excerpt(
            label=names.get(key, key),
            before=_clip(text[: found.start()], keep_end=True),
            word=found.group(),
            after=_clip(text[found.end() :], keep_end=False),
        )
    return None
