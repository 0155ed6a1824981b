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
        from planmonitor.accounts import policy
        from planmonitor.core import registry

        from .documents import views as documents_views
        from .impact.pages import series_page_of

        self._ready_revisions()
        # --- impact: the context series' history kinds ---
        policy.register_history_kinds(
            [
                ("contextreeks", "evaluation.ContextSeries", policy.can_view_evaluation),
                ("contextwaarde", "evaluation.ContextValue", policy.can_view_evaluation),
            ],
            page=series_page_of,
        )
        # --- documents: the plan document's links on the plan page ---
        registry.register(
            registry.PlanLink(key="plan_document_pdf", link=documents_views.plan_page_link_pdf),
            registry.PlanLink(
                key="plan_document_docx", link=documents_views.plan_page_link_docx, order=101
            ),
        )
        # --- snapshots: the evaluation's nav entry, the report sections' history ---
        registry.register(
            registry.NavEntry(
                key="evaluation", template="evaluation/snapshots/_nav_entry.html", order=85
            )
        )
        policy.register_history_kinds(
            [("evaluatiesectie", "evaluation.SnapshotSection", policy.can_view_evaluation)]
        )

    # --- revisions: plan versions and governed revisions ------------------------------
    @staticmethod
    def _ready_revisions() -> None:
        from planmonitor.accounts import policy
        from planmonitor.core import registry

        from .revisions import pages

        # Revisions and their changes are audited (history recorded and sealed); who reads
        # them is the policy's. A history page per revision (register_history_kinds) is left
        # for the merge: audit's role tables list every kind by hand.
        policy.register_read_rule("evaluation.Revision", policy.can_view_revisions)
        policy.register_read_rule("evaluation.RevisionChange", policy.can_view_revisions)
        registry.register(
            registry.ActionGuard(key="revisions", rule=pages.guard_rule),
            registry.PlanLink(key="versions", link=pages.plan_link, order=90),
            registry.ActionSection(
                key="revision-ending",
                template="evaluation/revisions/_ending.html",
                context=pages.ending_section,
                order=10,
            ),
            registry.EventKind(key="version.record", label=_("Plan version recorded")),
            registry.EventKind(key="revision.approve", label=_("Revision approved")),
        )
