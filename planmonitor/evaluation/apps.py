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
        # --- impact: the context series' history kinds -----------------------------------
        from planmonitor.accounts import policy

        from .impact.pages import series_page_of

        policy.register_history_kinds(
            [
                ("contextreeks", "evaluation.ContextSeries", policy.can_view_evaluation),
                ("contextwaarde", "evaluation.ContextValue", policy.can_view_evaluation),
            ],
            page=series_page_of,
        )
        # --- end impact -------------------------------------------------------------------
