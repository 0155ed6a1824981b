from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The public site (no login), its open data and the publication steps behind them.
    What is public is decided in one place, ``public.py``; the API reads it too."""

    name = "planmonitor.portal"
    label = "portal"
    verbose_name = _("Public site")

    def ready(self) -> None:
        from planmonitor.core import registry

        from . import invalidation
        from .publication import services
        from .publication.views import plan_page_link
        from .site.internal import public_page

        # Public content of a published plan changed: a new cache generation.
        invalidation.connect()
        # A deployment (its migrate) may bring new templates and code: the pages cached by
        # the old ones must not outlive it.
        post_migrate.connect(invalidation.deployed, sender=self, dispatch_uid="portal-deployed")
        # A new version of a published plan is a published update: the feed says so.
        from planmonitor.evaluation.models import PlanVersion

        post_save.connect(
            services.version_recorded, sender=PlanVersion, dispatch_uid="portal-version-feed"
        )
        registry.register(
            registry.EventKind(
                key="round.publish", label=_("Round published or unpublished"), order=4
            ),
            registry.EventKind(
                key="report.withhold", label=_("Report held back from the public"), order=5
            ),
            registry.EventKind(key="report.release", label=_("Held-back report released"), order=6),
            registry.EventKind(
                key="evaluation.publish",
                label=_("Evaluation report published or unpublished"),
                order=7,
            ),
            registry.PlanLink(key="publication", link=plan_page_link, order=5),
            registry.PublicSite(
                key="portal",
                published=services.plan_published,
                unpublished=services.plan_unpublished,
                changed=invalidation.bulk_changed,
                page=public_page,
            ),
        )
