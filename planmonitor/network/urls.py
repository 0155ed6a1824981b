"""The learning network's pages (coordinators, network members, evaluators)."""

from django.urls import path

from . import views
from .overlap import views as overlap_views

app_name = "network"
urlpatterns = [
    path("netwerk/", views.network_default, name="network_default"),
    path("plans/<slug:short_name>/netwerk/", views.dashboard, name="dashboard"),
    path(
        "plans/<slug:short_name>/netwerk/dashboard.xlsx",
        views.dashboard_xlsx,
        name="dashboard_xlsx",
    ),
    path("plans/<slug:short_name>/netwerk/smart/", views.smart_list, name="smart_list"),
    path("plans/<slug:short_name>/netwerk/smart.xlsx", views.smart_xlsx, name="smart_xlsx"),
    path("plans/<slug:short_name>/netwerk/dekking/", views.coverage_matrices, name="coverage"),
    path("plans/<slug:short_name>/netwerk/dekking.xlsx", views.coverage_xlsx, name="coverage_xlsx"),
    path("plans/<slug:short_name>/netwerk/gaten/", views.data_gaps, name="gaps"),
    path("plans/<slug:short_name>/netwerk/gaten.xlsx", views.data_gaps_xlsx, name="gaps_xlsx"),
    path("plans/<slug:short_name>/netwerk/signalen/", views.signal_list, name="signal_list"),
    path(
        "plans/<slug:short_name>/netwerk/signalen/analyseren/",
        views.signal_sync,
        name="signal_sync",
    ),
    path(
        "plans/<slug:short_name>/netwerk/signalen/nieuw/",
        views.signal_create,
        name="signal_create",
    ),
    path(
        "plans/<slug:short_name>/netwerk/signalen/<id:pk>/",
        views.signal_detail,
        name="signal_detail",
    ),
    path("plans/<slug:short_name>/netwerk/overlap/", overlap_views.overlap, name="overlap"),
    path(
        "plans/<slug:short_name>/netwerk/overlap.xlsx",
        overlap_views.overlap_xlsx,
        name="overlap_xlsx",
    ),
    path("plans/<slug:short_name>/netwerk/thesaurus/", overlap_views.thesaurus, name="thesaurus"),
]

# --- Meetings (network/meetings/views.py) -----------------------------------------------------
from .meetings import views as meeting_views  # noqa: E402  (appended: the other parts stay as they are)

_MEETINGS = "plans/<slug:short_name>/netwerk/overleg/"
_MEETING = _MEETINGS + "<id:pk>/"
urlpatterns += [
    path(_MEETINGS, meeting_views.meeting_list, name="meeting_list"),
    path(_MEETINGS + "nieuw/", meeting_views.meeting_create, name="meeting_create"),
    path(_MEETING, meeting_views.meeting_detail, name="meeting_detail"),
    path(_MEETING + "bewerken/", meeting_views.meeting_edit, name="meeting_edit"),
    path(
        _MEETING + "agenda/genereren/",
        meeting_views.meeting_agenda_generate,
        name="meeting_agenda_generate",
    ),
    path(_MEETING + "agenda/nieuw/", meeting_views.agenda_item_add, name="agenda_item_add"),
    path(_MEETING + "agenda/<id:item>/", meeting_views.agenda_item_edit, name="agenda_item_edit"),
    path(
        _MEETING + "agenda/<id:item>/verwijderen/",
        meeting_views.agenda_item_delete,
        name="agenda_item_delete",
    ),
    path(
        _MEETING + "agenda/<id:item>/verplaatsen/",
        meeting_views.agenda_item_move,
        name="agenda_item_move",
    ),
    path(_MEETING + "besluiten/nieuw/", meeting_views.decision_add, name="decision_add"),
    path(_MEETING + "besluiten/<id:decision>/", meeting_views.decision_edit, name="decision_edit"),
    path(
        _MEETING + "besluiten/<id:decision>/uitgevoerd/",
        meeting_views.decision_done,
        name="decision_done",
    ),
    path(_MEETING + "agenda.docx", meeting_views.meeting_agenda_docx, name="meeting_agenda_docx"),
    path(
        _MEETING + "verslag.docx", meeting_views.meeting_minutes_docx, name="meeting_minutes_docx"
    ),
]
