from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "planmonitor.plans"
    label = "plans"
    verbose_name = _("Action plan")

    def ready(self) -> None:
        import rules
        from django.db.models.signals import post_migrate

        from . import search

        # An installation upgraded to the search index gets it built once.
        post_migrate.connect(lambda **kwargs: search.rebuild_if_missing(), sender=self, weak=False)

        from planmonitor.accounts import policy

        from .views import action_page_of

        # The URL word of each kind's history page, its model and who may read it.
        kinds = [
            ("actie", "plans.Action", policy.can_view_action),
            ("indicator", "plans.Indicator", policy.can_view_action),
            ("begroting", "plans.BudgetLine", policy.can_view_action),
            ("opmerking", "plans.ActionComment", policy.can_read_comments),
            ("plan", "plans.Plan", policy.can_view_plan),
            ("beslissing", "plans.PlanDecision", policy.can_view_plan),
            ("sd", "plans.StrategicGoal", policy.can_view_plan),
            ("od", "plans.OperationalGoal", policy.can_view_plan),
            ("vorm", "plans.ViolenceForm", policy.can_view_plan),
            ("doelgroep", "plans.TargetGroup", policy.can_view_plan),
            ("beleidsdomein", "plans.PolicyDomain", policy.can_view_plan),
            ("organisatie", "plans.Organisation", policy.can_view_plan),
            ("partner", "plans.Partner", policy.can_view_plan),
            # Ministers belong to no plan; they are named on every (public) action page.
            ("minister", "plans.Minister", rules.always_allow),
        ]
        policy.register_history_kinds(kinds, page=action_page_of)

        from planmonitor.core import registry

        from .people.panels import home_without_owner

        registry.register(
            registry.HomePanel(
                key="without_owner",
                template="plans/people/_home_without_owner.html",
                context=home_without_owner,
            )
        )
        self.register_event_kinds()

    def register_event_kinds(self) -> None:
        """What the plan's services record in the change log (audit/events.py)."""
        from planmonitor.core import registry

        registry.register(
            registry.EventKind(key="action.change", label=_("Action changed"), order=10),
            registry.EventKind(key="action.comment", label=_("Comment added"), order=11),
            registry.EventKind(key="actions.import", label=_("Actions imported"), order=12),
            registry.EventKind(key="action.create", label=_("Action created"), order=13),
            registry.EventKind(
                key="actions.reassign", label=_("Action moved to another minister"), order=14
            ),
            registry.EventKind(
                key="organisations.reassign",
                label=_("Organisation's actions and roles moved"),
                order=15,
            ),
            registry.EventKind(key="plan.change", label=_("Plan changed"), order=1),
            registry.EventKind(key="plan.decision", label=_("Plan decision"), order=2),
            registry.EventKind(
                key="plan.publish", label=_("Plan published or unpublished"), order=3
            ),
            registry.NavEntry(key="change_log", template="plans/changes/_nav_entry.html", order=90),
        )
