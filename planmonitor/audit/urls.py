from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("<str:model>/<id:pk>/", views.object_history, name="history"),
]
