from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "planmonitor.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from planmonitor.accounts import policy
        from planmonitor.accounts.models import Role
        from planmonitor.core import registry
        from planmonitor.plans.views import action_page_of

        from . import notifying, panels
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
                roles=frozenset({Role.COORDINATOR, Role.ACTION_OWNER}),
            ),
            registry.HomePanel(
                key="contributions",
                template="monitoring/rounds/_home_contributions.html",
                context=panels.home_contributions,
                stylesheet="planmonitor/monitoring-rounds.css",
                roles=frozenset({Role.CONTRIBUTOR}),
                order=110,
            ),
            registry.HomePanel(
                key="network",
                template="monitoring/rounds/_home_network.html",
                context=panels.home_network,
                stylesheet="planmonitor/monitoring-rounds.css",
                roles=frozenset({Role.NETWORK_MEMBER}),
                order=120,
            ),
            registry.HomePanel(
                key="evaluation",
                template="monitoring/rounds/_home_evaluation.html",
                context=panels.home_evaluation,
                stylesheet="planmonitor/monitoring-rounds.css",
                roles=frozenset({Role.EVALUATOR}),
                order=130,
            ),
            registry.CalendarSource(key="rounds", dates=panels.plan_calendar),
            *notifying.KINDS,
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
        self.register_history_parts_and_events()

    def register_history_parts_and_events(self) -> None:
        """A report's history shows its values and evidence; what the services log."""
        from planmonitor.core import registry

        registry.register(
            registry.HistoryPart(
                key="report_values",
                parent="monitoring.ProgressReport",
                part="monitoring.IndicatorValue",
                parent_field="report",
                name_field="indicator",
            ),
            registry.HistoryPart(
                key="report_evidence",
                parent="monitoring.ProgressReport",
                part="monitoring.Evidence",
                parent_field="report",
                name_field="title",
            ),
        )
        kinds = [
            ("sheet.change", _("Action sheet edited")),
            ("sheet.submit", _("Action sheet submitted")),
            ("sheet.approve", _("Action sheet approved")),
            ("sheet.return", _("Action sheet returned")),
            ("sheet.revise", _("Action sheet revision started")),
            ("milestone.add", _("Milestone added")),
            ("milestone.change", _("Milestone changed")),
            ("milestone.remove", _("Milestone removed")),
            ("indicator.add", _("Indicator added")),
            ("indicator.change", _("Indicator changed")),
            ("budget_line.add", _("Budget line added")),
            ("budget_line.change", _("Budget line changed")),
            ("round.open", _("Reporting round opened")),
            ("round.closed", _("Reporting round closed")),
            ("round.reopened", _("Reporting round re-opened")),
            ("report.change", _("Report edited")),
            ("report.submit", _("Report submitted")),
            ("report.accept", _("Report accepted")),
            ("report.return", _("Report returned")),
            ("report.reopen", _("Report re-opened")),
            ("contribution.add", _("Contribution added")),
            ("evidence.add", _("Evidence added")),
            ("evidence.remove", _("Evidence removed")),
        ]
        registry.register(
            *(
                registry.EventKind(key=key, label=label, order=20 + n)
                for n, (key, label) in enumerate(kinds)
            )
        )

    def register_transition_rules(self) -> None:
        from planmonitor.monitoring import workflow

        workflow.register_transition_rules()
