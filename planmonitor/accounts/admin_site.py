from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class PlanmonitorAdminSite(admin.AdminSite):
    """The Django admin as a technical back office: the permission policy decides who enters."""

    site_header = _("planmonitor administration")
    site_title = "planmonitor"

    def has_permission(self, request) -> bool:
        from .policy import can_use_admin

        return can_use_admin(request.user)


class PlanmonitorAdminConfig(AdminConfig):
    default_site = "planmonitor.accounts.admin_site.PlanmonitorAdminSite"
