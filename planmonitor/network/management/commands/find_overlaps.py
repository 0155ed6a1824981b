"""Print the pairs of actions the overlap detector flags, then fragmentation apart."""

from __future__ import annotations

import json

from django.core.management.base import CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from planmonitor.core.commands import Command as BaseCommand
from planmonitor.network.commands import add_plan_arguments, plan_from_option
from planmonitor.network.overlap import reviews


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
            help=(
                "Also list the pairs the coordinator dismissed (classified complementary or "
                "not related) whose texts have not changed since."
            ),
        )

    def handle(self, *args, **options) -> None:
        plan = plan_from_option(options["plan"])
        analysis = reviews.analyse(plan, include_dismissed=options["include_dismissed"])
        if options["format"] == "json":
            payload = {"pairs": [_as_dict(row) for row in analysis.pairs]}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        for pair in (row.pair for row in analysis.pairs):
            self.stdout.write(
                f"{pair.a.code} ~ {pair.b.code} {pair.score:.2f} {pair.kind}"
                + (f" ({_('cross-minister')})" if pair.cross_minister else "")
            )
            for reason in pair.reasons():
                self.stdout.write(f"  {reason}")
        self.stdout.write("")
        self.stdout.write(_("Fragmentation"))
        for cluster in analysis.clusters:
            self.stdout.write(
                f"  {', '.join(i.code for i in cluster.actions)}: {'; '.join(cluster.ministers)}"
            )


def _as_dict(row: reviews.ReviewedPair) -> dict[str, object]:
    """The detector's pair; with "classification" only when the coordinator classified it."""
    out = row.pair.as_dict()
    if (review := row.review) is not None:
        by = review.classified_by
        out["classification"] = {
            "kind": review.classification,
            "note": review.note,
            "by": by.get_full_name() or by.get_username() if by else "",
            "on": timezone.localtime(review.classified_at).date().isoformat(),
            "text_changed": row.text_changed,
        }
    return out
