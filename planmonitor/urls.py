from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

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
]

# The error pages in the site's layout (planmonitor/core/views.py); 429 is django-axes'
# lockout page (AXES_LOCKOUT_TEMPLATE in settings).
handler400 = "planmonitor.core.views.bad_request"
handler403 = "planmonitor.core.views.permission_denied"
handler404 = "planmonitor.core.views.page_not_found"
handler500 = "planmonitor.core.views.server_error"
