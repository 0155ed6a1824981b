"""The project's URLs with an admin whose Action admin has simple-history pages.

The project's own admin registers no ``ReadOnlyHistoryAdmin`` yet; this one lets the
tests check its pages over HTTP, as a superuser would use them.
"""

from django.urls import path

from planmonitor import urls as project_urls
from planmonitor.accounts.admin_site import PlanmonitorAdminSite
from planmonitor.audit.admin import ReadOnlyHistoryAdmin
from planmonitor.plans.models import Action

site = PlanmonitorAdminSite(name="admin")
site.register(Action, ReadOnlyHistoryAdmin)

urlpatterns = [
    path("admin/", site.urls),
    *(p for p in project_urls.urlpatterns if str(p.pattern) != "admin/"),
]
