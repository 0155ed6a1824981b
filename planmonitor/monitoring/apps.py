from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "planmonitor.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from planmonitor.accounts import policy
        from planmonitor.core import registry
        from planmonitor.plans.views import action_page_of

        from . import panels
        from .sheets import selectors as sheet_selectors

        registry.register(
            registry.ActionSection(
                key="progress",
                template="monitoring/reports/_action_progress.html",
                context=panels.action_progress,
                stylesheet="planmonitor/monitoring-progress.css",
            ),
            registry.HomePanel(
                key="open_reports",
                template="monitoring/rounds/_home_open_reports.html",
                context=panels.home_open_reports,
                stylesheet="planmonitor/monitoring-rounds.css",
            ),
            registry.NavEntry(key="rounds", template="monitoring/rounds/_nav_entry.html"),
            # Internal only (public=False): sheets are for the people who work on the action.
            registry.SearchSource(
                key="sheet",
                texts=sheet_selectors.sheet_search_texts,
                labels=sheet_selectors.SHEET_SEARCH_FIELDS,
            ),
        )
        # The URL word of each kind's history page, its model and who may read it.
        kinds = [
            ("fiche", "monitoring.ActionSheet", policy.can_view_monitoring),
            ("mijlpaal", "monitoring.Milestone", policy.can_view_monitoring),
            ("ronde", "monitoring.ReportingRound", policy.can_view_rounds),
            ("rapport", "monitoring.ProgressReport", policy.can_view_monitoring),
            ("indicatorwaarde", "monitoring.IndicatorValue", policy.can_view_monitoring),
            ("bewijsstuk", "monitoring.Evidence", policy.can_view_monitoring),
            ("bijdrage", "monitoring.Contribution", policy.can_view_monitoring),
        ]
        policy.register_history_kinds(kinds, page=action_page_of)
        self.register_transition_rules()

    def register_transition_rules(self) -> None:
        from planmonitor.monitoring import workflow

        workflow.register_transition_rules()
