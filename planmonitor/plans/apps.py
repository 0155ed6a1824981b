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
