"""The base of the reassignment commands (``reassign_minister``, ``reassign_organisation``):
the same arguments, the same listing, one transaction; the subclasses say what moves."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import CommandError

from planmonitor.accounts import services as account_services
from planmonitor.audit.history import as_command
from planmonitor.core.commands import Command as PlanmonitorCommand

from ..models import Action, Plan


class ReassignCommand(PlanmonitorCommand):
    """``FROM TO [--plan SHORT_NAME] [--dry-run]``: list what names FROM, then move it to TO."""

    what: str  # "minister", "organisation": the arguments' help names it

    def add_arguments(self, parser):
        parser.add_argument("source", help=f"The key of the {self.what} whose work moves.")
        parser.add_argument("target", help=f"The key of the {self.what} that takes it over.")
        parser.add_argument("--plan", help="The plan's short name (default: the only plan).")
        parser.add_argument("--dry-run", action="store_true", help="List what would move.")

    def lookup(self, key: str, plan: Plan) -> Any:
        """The minister or organisation named ``key`` (``DoesNotExist`` if none)."""
        raise NotImplementedError

    def candidates(self, plan: Plan, source: Any) -> tuple[list[Action], list]:
        raise NotImplementedError

    def move(
        self, plan: Plan, source: Any, target: Any, actions: dict[int, int], roles: dict[int, str]
    ) -> str:
        """Move everything listed, in one transaction; returns the line that says so."""
        raise NotImplementedError

    @as_command
    def handle(self, *args, source, target, plan=None, dry_run=False, **options):
        try:
            chosen = Plan.objects.get(short_name=plan) if plan else Plan.objects.get()
            source, target = self.lookup(source, chosen), self.lookup(target, chosen)
        except (ObjectDoesNotExist, Plan.MultipleObjectsReturned) as e:
            raise CommandError(str(e)) from e  # Django's own message names what is missing
        actions, memberships = self.candidates(chosen, source)
        for row in [*actions, *memberships]:
            self.stdout.write(f"  ~ {row}")
        if dry_run:
            return
        done = self.move(
            chosen,
            source,
            target,
            {a.pk: a.version for a in actions},
            {m.pk: account_services.membership_fingerprint(m) for m in memberships},
        )
        self.stdout.write(self.style.SUCCESS(done))
