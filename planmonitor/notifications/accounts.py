"""Who hears of what accounts does: a stand-in arranged tells the stand-in and the person
they stand in for (never whoever arranged it). The person's link opens their stand-ins
page; the stand-in's opens their home, where the lent work shows (the stand-ins page is
for people with work of their own to lend)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planmonitor.accounts import policy
from planmonitor.accounts.models import StandIn
from planmonitor.core import formatting, registry

from .services import notify

KINDS = [
    registry.NotificationKind(
        key="stand_in_arranged",
        label=gettext_lazy("A stand-in was arranged for you or with you"),
        order=90,
    ),
]


def stand_in_arranged(sender: Any, *, stand_in: StandIn, actor_id: int | None, **kwargs) -> None:
    person, stand_in_user = stand_in.person, stand_in.stand_in

    def message() -> tuple[str, str]:
        names = {
            "stand_in": stand_in_user.get_full_name() or stand_in_user.get_username(),
            "person": person.get_full_name() or person.get_username(),
            "plan": stand_in.plan.short_name,
            "starts": formatting.date(stand_in.starts_on),
            "ends": formatting.date(stand_in.ends_on),
        }
        title = _("%(stand_in)s stands in for %(person)s (%(plan)s)") % names
        summary = (
            _(
                "From %(starts)s to %(ends)s, %(stand_in)s can do the work of %(person)s's "
                "roles as action owner or contributor in %(plan)s."
            )
            % names
        )
        return title, summary

    for user in (stand_in_user, person):
        if user.pk == actor_id:
            continue
        own_page = user.pk == person.pk or policy.can_arrange_stand_ins(user)
        notify(
            kind="stand_in_arranged",
            recipients=[user],
            url=reverse("accounts:own_stand_ins" if own_page else "plans:my_actions"),
            message=message,
            plan=stand_in.plan,
        )
