"""Writes of the overlap pages: the coordinator's classification of a pair, the thesaurus."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from planmonitor.accounts.models import User
from planmonitor.core.errors import ApplicationError, Conflict
from planmonitor.core.locking import EditConflict, locked_current
from planmonitor.plans.models import Action, Plan

from ..models import OverlapReview, ThesaurusTerm
from .reviews import text_fingerprint
from .selectors import overlap_items
from .text import fold


class TextsChanged(Conflict):
    """One of the two texts changed after the page showed the pair: the classification
    would be kept for texts the person did not read."""


class ThesaurusRefused(ApplicationError):
    pass


@transaction.atomic
def overlap_classify(
    *,
    plan: Plan,
    action_a: Action,
    action_b: Action,
    classification: str,
    note: str = "",
    by: User | None,
    version: int | None = None,
    seen: Mapping[str, str] | None = None,
) -> OverlapReview:
    """Keep (or change) the classification of the pair, with the fingerprints of both texts
    as the detector reads them now.

    ``version``: None for a first classification (refused with ``EditConflict`` when someone
    classified the pair meanwhile), else the version the re-classification started from.
    ``seen``: code -> fingerprint of the texts the person was shown; refused with
    ``TextsChanged`` when a text changed since."""
    if action_a.pk == action_b.pk or {action_a.plan_id, action_b.plan_id} != {plan.pk}:
        raise ApplicationError(_("A classification needs two different actions of the plan."))
    first, second = sorted((action_a, action_b), key=lambda action: action.pk)
    texts = {item.code: item.text for item in overlap_items(plan, codes=[first.code, second.code])}
    now = {code: text_fingerprint(text) for code, text in texts.items()}
    if seen is not None and dict(seen) != now:
        raise TextsChanged(
            _("One of the two actions changed since the page was shown: read them again.")
        )
    values = {
        "classification": classification,
        "note": note,
        "fingerprint_a": now[first.code],
        "fingerprint_b": now[second.code],
        "classified_by": by,
        "classified_at": timezone.now(),
    }
    existing = OverlapReview.objects.filter(action_a=first, action_b=second).first()
    if version is None:
        if existing is not None:
            raise EditConflict(existing)
        try:
            with transaction.atomic():
                return OverlapReview.objects.create(
                    plan=plan, action_a=first, action_b=second, **values
                )
        except IntegrityError:  # classified by someone else between our check and insert
            raise EditConflict(OverlapReview.objects.get(action_a=first, action_b=second)) from None
    if existing is None:
        raise Conflict()
    review = locked_current(OverlapReview, existing.pk, version)
    for name, value in values.items():
        setattr(review, name, value)
    review.version += 1
    review.save()
    return review


def _clean_term(term: str) -> str:
    return " ".join(term.split())


@transaction.atomic
def thesaurus_term_add(*, concept: str, language: str, term: str) -> ThesaurusTerm:
    """Add ``term`` to ``concept`` (a new concept when no term has it yet). Refused when the
    term has no letters (the detector would never find it) or the concept has it already
    (the detector compares folded terms: "IFG" is "ifg")."""
    term = _clean_term(term)
    folded = fold(term)
    if not folded:
        raise ThesaurusRefused(_("A term needs letters: the detector ignores digits and signs."))
    taken = ThesaurusTerm.objects.filter(concept=concept).values_list("term", flat=True)
    if any(fold(other) == folded for other in taken):
        raise ThesaurusRefused(
            _("“%(term)s” is already a term of %(concept)s.") % {"term": term, "concept": concept}
        )
    return ThesaurusTerm.objects.create(concept=concept, language=language, term=term)


@transaction.atomic
def thesaurus_term_remove(*, term: ThesaurusTerm) -> None:
    term.delete()
