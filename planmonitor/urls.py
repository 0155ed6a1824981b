from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from planmonitor.core.views import healthz
from planmonitor.portal.opendata.urls import download_patterns

urlpatterns = [
    path("", include("planmonitor.plans.urls")),
    path("", include("planmonitor.accounts.urls")),
    path("", include("planmonitor.monitoring.urls")),
    path("", include("planmonitor.network.urls")),
    path("", include("planmonitor.evaluation.urls")),
    path("geschiedenis/", include("planmonitor.audit.urls")),
    path("meldingen/", include("planmonitor.notifications.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    # The coordinator's publication pages, the REST API and the open-data downloads.
    path("", include("planmonitor.portal.publication.urls")),
    path("api/", include("planmonitor.api.urls")),
    path("", include("planmonitor.api.tokens.urls")),  # the API token pages (internal)
    path("opendata/", include((download_patterns, "opendata"))),
    path("healthz", healthz, name="healthz"),  # the probe (and the benchmark's baseline)
]
# The public site, under its language: /nl/… and /en/… (cached per language).
urlpatterns += i18n_patterns(
    path("", include("planmonitor.portal.urls")), prefix_default_language=True
)

# The error pages in the site's layout (planmonitor/core/views.py); 429 is django-axes'
# lockout page (AXES_LOCKOUT_TEMPLATE in settings).
handler400 = "planmonitor.core.views.bad_request"
handler403 = "planmonitor.core.views.permission_denied"
handler404 = "planmonitor.core.views.page_not_found"
handler500 = "planmonitor.core.views.server_error"
