from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "planmonitor.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from . import policy

        policy.register_history_kinds(
            [
                # Memberships are for the plan's coordinators.
                ("rol", "accounts.Membership", policy.can_view_members),
                ("vervanging", "accounts.StandIn", policy.can_view_members),
                # Accounts belong to no plan: the policy's rules are per plan, so superusers.
                ("gebruiker", "accounts.User", policy.is_superuser),
            ]
        )
        self.register_event_kinds()

    def register_event_kinds(self) -> None:
        """What the membership and account services record in the change log (audit/events.py)."""
        from planmonitor.core import registry

        registry.register(
            registry.EventKind(key="membership.save", label=_("Role given or changed"), order=80),
            registry.EventKind(key="membership.remove", label=_("Role removed"), order=81),
            registry.EventKind(key="account.deactivate", label=_("Account deactivated"), order=82),
            registry.EventKind(key="account.reactivate", label=_("Account reactivated"), order=83),
            registry.EventKind(key="stand_in.add", label=_("Stand-in arranged"), order=84),
            registry.EventKind(key="stand_in.end", label=_("Stand-in ended"), order=85),
        )
