from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    """Evaluation and plan revision: plan versions and governed revisions (``revisions/``),
    frozen snapshots (``snapshots/``), the interim and final evaluation reports, the impact
    analysis on context series (``impact/``) and the plan document for Parliament
    (``documents/``). It reads plans, monitoring and the learning network; only demo
    imports it."""

    name = "planmonitor.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self) -> None:
        # --- snapshots -------------------------------------------------------------
        from planmonitor.accounts import policy
        from planmonitor.core import registry

        registry.register(
            registry.NavEntry(
                key="evaluation", template="evaluation/snapshots/_nav_entry.html", order=85
            )
        )
        policy.register_history_kinds(
            [("evaluatiesectie", "evaluation.SnapshotSection", policy.can_view_evaluation)]
        )
        # --- end snapshots ---------------------------------------------------------
