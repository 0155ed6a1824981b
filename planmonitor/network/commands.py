"""What the network's management commands share: the ``--plan`` option and its lookup."""

from __future__ import annotations

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from planmonitor.plans.models import Plan
from planmonitor.plans.selectors import plan_get_default


def add_plan_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "--plan", metavar="SHORT_NAME", help="The plan (default: the most recent one)."
    )
    parser.add_argument("--format", choices=["text", "json"], default="text")


def plan_from_option(short_name: str | None) -> Plan:
    """The plan named by ``--plan``, or the default one; CommandError when there is none."""
    if short_name:
        plan = Plan.objects.filter(short_name=short_name).first()
        if plan is None:
            raise CommandError(_("No plan named %(name)r.") % {"name": short_name})
        return plan
    plan = plan_get_default()
    if plan is None:
        raise CommandError(_("There is no plan yet."))
    return plan
