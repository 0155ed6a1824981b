from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("alles-gelezen/", views.all_read, name="all_read"),
    path("voorkeuren/", views.preferences, name="preferences"),
    path("<id:pk>/", views.notification_open, name="open"),
    path("<id:pk>/gelezen/", views.notification_mark_read, name="mark_read"),
]
