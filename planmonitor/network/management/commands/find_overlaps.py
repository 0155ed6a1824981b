"""Print the pairs of actions the overlap detector flags, then fragmentation apart."""

from __future__ import annotations

import json

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from planmonitor.core.commands import Command as BaseCommand
from planmonitor.network.commands import add_plan_arguments, plan_from_option
from planmonitor.network.overlap import detector, fragmentation
from planmonitor.network.overlap.selectors import overlap_items


class Command(BaseCommand):
    help = (
        "Score every pair of a plan's actions for overlap and print each flagged pair "
        "(whatever the ministers) with its score, proposed kind and reasons; then the "
        "fragmentation findings (clusters of several lead ministers) apart."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_plan_arguments(parser)
        parser.add_argument(
            "--include-dismissed",
            action="store_true",
            help="Also list pairs the coordinator dismissed (no classifications are stored yet).",
        )

    def handle(self, *args, **options) -> None:
        plan = plan_from_option(options["plan"])
        pairs = detector.find_pairs(overlap_items(plan))
        if options["format"] == "json":
            payload = {"pairs": [p.as_dict() for p in pairs]}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        for pair in pairs:
            self.stdout.write(
                f"{pair.a.code} ~ {pair.b.code} {pair.score:.2f} {pair.kind}"
                + (f" ({_('cross-minister')})" if pair.cross_minister else "")
            )
            for reason in pair.reasons():
                self.stdout.write(f"  {reason}")
        self.stdout.write("")
        self.stdout.write(_("Fragmentation"))
        for cluster in fragmentation.clusters(pairs):
            self.stdout.write(
                f"  {', '.join(i.code for i in cluster.actions)}: {'; '.join(cluster.ministers)}"
            )
