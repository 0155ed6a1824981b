"""The plan's published updates as Atom and RSS feeds (``PublicationEvent`` rows, newest
first), in the visitor's language (the URL's prefix)."""

from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.translation import gettext as _

from planmonitor.plans.models import Plan

from .. import public

FEED_LENGTH = 50


class RssFeed(Feed):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def get_object(self, request: HttpRequest, short_name: str) -> Plan:
        plan = public.plan(short_name)  # the public only: a feed is never a preview
        if plan is None:
            raise Http404(_("No such plan."))
        return plan

    def title(self, obj: Plan) -> str:
        return _("%(plan)s: published updates") % {
            "plan": public.localized(obj.title, obj.title_en)
        }

    def link(self, obj: Plan) -> str:
        try:
            return reverse("portal:plan", args=[obj.short_name])
        except NoReverseMatch:  # the framework half of the site is not there (yet)
            return reverse("portal:decisions", args=[obj.short_name])

    def description(self, obj: Plan) -> str:
        return _(
            "Progress reports, plan versions and evaluation reports as the coordinator "
            "publishes them."
        )

    def items(self, obj: Plan) -> list[Any]:
        return list(public.publication_events(obj, FEED_LENGTH))

    def item_title(self, item: Any) -> str:
        return public.localized(item.title, item.title_en)

    def item_description(self, item: Any) -> str:
        return str(item.get_kind_display())

    def item_link(self, item: Any) -> str:
        try:
            return reverse(item.url_name, args=item.url_args)
        except NoReverseMatch:
            return self.link(item.plan)

    def item_guid(self, item: Any) -> str:
        return f"planmonitor-publication-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Any) -> Any:
        return item.published_at

    def item_updateddate(self, item: Any) -> Any:
        return item.published_at


class AtomFeed(RssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: Plan) -> str:
        return self.description(obj)
