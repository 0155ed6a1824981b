"""The "Geschiedenis" page: one object's audit trail, read-only, for whoever the policy allows."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from simple_history.utils import get_history_model_for_model

from planmonitor.core import registry

from .parts import history_timeline_with_parts


def _kinds() -> dict[str, registry.HistoryKind]:
    return {kind.key: kind for kind in registry.registered(registry.HistoryKind)}


class _HistoryModels(Mapping[str, str]):
    """The kinds with a history page, by the (Dutch) word in their URL: model labels.

    The apps register them (core/registry.py), so this list names no app. Who may read
    one is the policy's business: the kind's read rule and the history rule (the
    ``audit.view_history`` permission), the same for every kind.
    """

    def __getitem__(self, key: str) -> str:
        return _kinds()[key].model

    def __iter__(self) -> Iterator[str]:
        return iter(_kinds())

    def __len__(self) -> int:
        return len(_kinds())


HISTORY_MODELS = _HistoryModels()


def history_url(obj: models.Model) -> str:
    """The history page of ``obj`` (for links from other pages)."""
    keys: dict[str, str] = {}
    for kind in registry.registered(registry.HistoryKind):
        keys.setdefault(kind.model, kind.key)  # a model of several kinds: the first
    return reverse("audit:history", args=[keys[obj._meta.label], obj.pk])


@login_required
@require_safe
def object_history(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    kind = _kinds().get(model)
    if kind is None:
        raise Http404
    model_class = apps.get_model(kind.model)
    obj, is_deleted = _live_or_last_recorded(model_class, pk)
    if not request.user.has_perm("audit.view_history", obj):
        # Refuse without revealing what the user may not even know exists.
        if not request.user.has_perm("audit.read_object", obj):
            raise Http404
        raise PermissionDenied
    return render(
        request,
        "audit/history.html",
        {
            "object_label": _label(obj),
            "verbose_name": model_class._meta.verbose_name,
            "is_deleted": is_deleted,
            # Where the object is shown, as its kind's app says.
            "back_url": None if is_deleted or kind.page is None else kind.page(obj),
            "entries": history_timeline_with_parts(model_class, pk),
        },
    )


def _live_or_last_recorded(model: type[models.Model], pk: int) -> tuple[models.Model, bool]:
    """The object, or for a deleted one its last recorded state; 404 when neither exists."""
    parents = [path for path in ("plan", "action__plan") if _has_path(model, path)]
    obj = model._default_manager.select_related(*parents).filter(pk=pk).first()
    if obj is not None:
        return obj, False
    obj = _last_recorded(model, pk)
    if obj is None:
        raise Http404
    return obj, True


def _has_path(model: type[models.Model], path: str) -> bool:
    """Whether ``model`` has the foreign keys ``path`` ("action__plan") follows."""
    for name in path.split("__"):
        try:
            model = model._meta.get_field(name).related_model
        except FieldDoesNotExist:
            return False
    return True


def _last_recorded(model: type[models.Model], pk) -> models.Model | None:
    history_model = get_history_model_for_model(model)
    record = (
        history_model.objects.filter(**{model._meta.pk.attname: pk})
        .order_by("-history_date", "-history_id")
        .first()
    )
    if record is None:
        return None
    obj = record.instance
    _attach_deleted_parents(obj)
    return obj


def _attach_deleted_parents(obj: models.Model) -> None:
    """Give a deleted object its action and plan, deleted or not: the policy asks for them."""
    for name in ("action", "plan"):
        try:
            field = obj._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        try:
            getattr(obj, name)
        except ObjectDoesNotExist:
            parent = _last_recorded(field.related_model, getattr(obj, field.attname))
            if parent is None:
                raise Http404 from None
            setattr(obj, name, parent)


def _label(obj: models.Model) -> str:
    try:
        return str(obj)
    except ObjectDoesNotExist:  # its label needs a row that is gone (a removed account)
        return f"{obj._meta.verbose_name} #{obj.pk}"
