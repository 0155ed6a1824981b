"""What each app contributes to pages and commands it does not own.

``core`` knows no domain app. An app describes its contributions here from its own
``AppConfig.ready()`` (a panel on the action page, a nav entry, the kinds of object
whose history audit serves, ...); the page that shows them reads them from here,
without naming the app. A new app plugs in without editing ``plans``, ``audit`` or
``base.html`` (see docs/architecture.md).

Each kind of contribution is a frozen dataclass with a ``key`` (unique per kind) and
an ``order`` (lower first; equal orders keep the order of registration).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class ActionSection:
    """A section on the action page, between the action's facts and its indicators.

    ``context(request, action)`` returns what the template reads as ``section``, or
    None to leave the section out for this visitor (the app asks the policy).
    ``stylesheet`` (a static path) is linked in the page's head.
    """

    key: str
    template: str
    context: Callable[[Any, Any], Any]
    stylesheet: str = ""
    order: int = 100


@dataclass(frozen=True)
class HomePanel:
    """A part of the "My actions" page, above the list of the person's actions.

    ``context(request)`` returns what the template reads as ``panel``, or None to
    leave the panel out (nothing for this person to do). ``roles`` (role values of
    ``accounts.Role``) limits the panel to people holding one of them in some plan
    (superusers get every panel); empty: anyone signed in.
    """

    key: str
    template: str
    context: Callable[[Any], Any]
    stylesheet: str = ""
    roles: frozenset[str] = frozenset()
    order: int = 100


@dataclass(frozen=True)
class NavEntry:
    """An entry of the main navigation for signed-in people, after "My actions".

    The template renders with the page's context and decides itself whether to show
    (it usually asks a template tag of its app whether the person may follow the link).
    """

    key: str
    template: str
    order: int = 100


@dataclass(frozen=True)
class HistoryKind:
    """A kind of object whose audit trail ``/geschiedenis/<key>/<pk>/`` serves.

    ``model`` is the model label ("plans.Action"). Who may read it is the policy's
    business: ``policy.register_history_kinds`` registers the kind with its read rule;
    a kind without a read rule is readable by nobody.
    ``page(obj)`` is the page the history links back to (None: no link).
    """

    key: str
    model: str
    page: Callable[[Any], str | None] | None = None
    order: int = 100


@dataclass(frozen=True)
class NotificationKind:
    """A kind of message the application sends (``notifications.services.notify``).

    ``label`` names it for the people who receive it, in their settings;
    ``default_delivery`` is how they receive it until they choose ("immediate",
    "digest" or "none", see ``notifications.models.Delivery``).
    """

    key: str
    label: StrOrPromise
    default_delivery: str = "immediate"
    order: int = 100


@dataclass(frozen=True)
class ImportCheck:
    """A check on the review page of a plan import (``plans/transfer/views.py``).

    ``check(plan=, report=, source=)`` receives the plan, the dry run's ``ImportReport``
    and the upload's ``ImportSource``, and returns the messages to list under "Checks".
    """

    key: str
    check: Callable[..., Iterable[str]]
    order: int = 100


@dataclass(frozen=True)
class PublicSection:
    """A section of the public (not signed-in) pages (no app contributes one yet)."""

    key: str
    template: str
    order: int = 100


@dataclass(frozen=True)
class DemoLoader:
    """Example data of one app, loaded and removed by ``load_demo`` / ``remove_demo``.

    ``load(plan)`` runs after the example actions exist and returns what it created
    per kind; ``remove()`` runs before they are removed (in reverse order) and returns
    what it deleted per kind.
    """

    key: str
    load: Callable[[Any], Mapping[str, int]]
    remove: Callable[[], Mapping[str, int]]
    order: int = 100


@dataclass(frozen=True)
class EventKind:
    """A kind of event in the plan-wide change log (``audit.events.record_event``).

    ``key`` is what the services record ("report.submit"); ``label`` names it for
    readers of the log, in their language (a lazy translation).
    """

    key: str
    label: Any
    order: int = 100


@dataclass(frozen=True)
class HistoryPart:
    """Objects whose history belongs in another object's history page.

    The history of a ``parent`` (model label, "monitoring.ProgressReport") also shows
    that of its ``part`` rows ("monitoring.IndicatorValue") whose ``parent_field``
    ("report") points to it, deleted ones included; each entry is named by the
    part's ``name_field`` (a relation's label, or a text column).
    """

    key: str
    parent: str
    part: str
    parent_field: str
    name_field: str
    order: int = 100


@dataclass(frozen=True)
class SearchSource:
    """Texts an app adds to each action's entry in the search index (``plans/search.py``).

    ``texts(action_ids)`` returns ``{action_id: {field: text}}`` for those actions (one
    query); ``labels`` names each field for the "found in" line. Only a ``public`` source
    feeds the public index, which holds published fields alone.
    """

    key: str
    texts: Callable[[list[int]], Mapping[int, Mapping[str, str]]]
    labels: Mapping[str, Any]
    public: bool = False
    order: int = 100


@dataclass(frozen=True)
class CalendarDate:
    """One row of a plan's calendar: a date, what happens then, and a page about it."""

    date: Any  # datetime.date
    label: Any
    url: str = ""


@dataclass(frozen=True)
class CalendarSource:
    """Dates an app adds to a plan's calendar on the plan page (the plan's own period and
    evaluation dates are the plan's).

    ``dates(request, plan)`` returns the ``CalendarDate`` rows this visitor may see (one
    query at most; empty when the visitor may see none).
    """

    key: str
    dates: Callable[[Any, Any], Iterable[CalendarDate]]
    order: int = 100


@dataclass(frozen=True)
class PlanLink:
    """A link among the plan page's actions (``plans/plan/views.py:plan_detail``).

    ``link(request, plan)`` returns ``(label, url)``, or None to leave the link out for
    this visitor (the app asks the policy). No query: the plan page's query count is fixed.
    """

    key: str
    link: Callable[[Any, Any], tuple[Any, str] | None]
    order: int = 100


@dataclass(frozen=True)
class GuardRule:
    """What an ``ActionGuard`` holds for a plan: the action fields only its own process
    changes, the status values only it sets or leaves, whether it alone adds actions, and
    why (``message``, with the page where that process runs, ``url``)."""

    fields: frozenset[str]
    message: Any
    url: str = ""
    statuses: frozenset[str] = frozenset()
    creates: bool = True


@dataclass(frozen=True)
class ActionGuard:
    """Action fields another app governs (evaluation: after version 1, only an approved
    revision changes them). ``rule(plan)`` returns a ``GuardRule`` or None while the
    fields are free; the action form, ``action_update``/``action_create`` and the
    spreadsheet import read it (``plans/guards.py``)."""

    key: str
    rule: Callable[[Any], GuardRule | None]
    order: int = 100


@dataclass(frozen=True)
class PublicSite:
    """The public site's side of a plan's publication (the portal registers it).

    ``published(plan)`` / ``unpublished(plan)`` run inside ``plans.services.plan_publish``
    / ``plan_unpublish`` (the feed's entry, the pages' cache); ``changed(plan)`` after a
    bulk write to a published plan's content, which sends no signal (the import);
    ``page(short_name, code)`` is the public page of a published plan (``code``: of its
    action) for an anonymous visitor of the internal pages, or None.
    """

    key: str
    published: Callable[[Any], None]
    unpublished: Callable[[Any], None]
    changed: Callable[[Any], None]
    page: Callable[[str, str | None], str | None]
    order: int = 100


Contribution = (
    ActionSection
    | HomePanel
    | NavEntry
    | HistoryKind
    | NotificationKind
    | ImportCheck
    | PublicSection
    | DemoLoader
    | EventKind
    | HistoryPart
    | SearchSource
    | CalendarSource
    | ActionGuard
    | PlanLink
    | PublicSite
)
C = TypeVar("C", bound=Contribution)

_registered: dict[type, dict[str, Any]] = {}


def register(*contributions: Contribution) -> None:
    """Add contributions. Registering the same one again changes nothing (``ready()``
    may run twice); another one under a taken key is a configuration error."""
    for contribution in contributions:
        of_kind = _registered.setdefault(type(contribution), {})
        taken = of_kind.get(contribution.key)
        if taken is not None and taken != contribution:
            raise ImproperlyConfigured(
                f"{type(contribution).__name__} {contribution.key!r} is registered twice."
            )
        of_kind[contribution.key] = contribution


def unregister(*contributions: Contribution) -> None:
    for contribution in contributions:
        _registered.get(type(contribution), {}).pop(contribution.key, None)


def registered(kind: type[C]) -> list[C]:
    """The contributions of one kind, in their order."""
    return sorted(_registered.get(kind, {}).values(), key=lambda c: c.order)


@contextlib.contextmanager
def contributed(*contributions: Contribution) -> Iterator[None]:
    """Register contributions for the duration of a block (tests)."""
    register(*contributions)
    try:
        yield
    finally:
        unregister(*contributions)
