"""The outbox in the admin: what left, what waits, what failed and why; retry from there."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import outbox
from .models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = ["key", "state", "to", "subject", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["state"]
    search_fields = ["key", "subject"]
    date_hierarchy = "queued_at"
    list_select_related = ["recipient"]
    actions = ["retry"]
    readonly_fields = [field.name for field in OutgoingMail._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False  # mails are queued by the application, rendered from its templates

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # the action below is the only change: a retry

    @admin.action(description=_("Retry the selected failed mails now"))
    def retry(self, request, queryset) -> None:
        count = outbox.mails_retry(mails=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d mail queued again; the task worker or send_outbox sends it.",
                "%(count)d mails queued again; the task worker or send_outbox sends them.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
