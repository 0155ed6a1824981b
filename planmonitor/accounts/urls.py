"""Members pages (``beheer/<plan>/leden/``) and the password pages (``wachtwoord/``).

Django's password views are wired here with explicit ``success_url``s, so all
their names live in the ``accounts`` namespace.
"""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views
from .forms import PasswordResetRequestForm
from .two_factor import urls as two_factor_urls

app_name = "accounts"

MEMBERS = "beheer/<slug:short_name>/leden/"
MEMBER = MEMBERS + "<id:user_id>/"
ROLE = MEMBER + "rollen/<id:membership_id>/"

urlpatterns = [
    # --- members of a plan (coordinators) ---
    path(MEMBERS, views.member_list, name="member_list"),
    path(MEMBERS + "nieuw/", views.member_create, name="member_create"),
    path(MEMBER, views.member_detail, name="member_detail"),
    path(MEMBER + "uitnodiging/", views.member_invite, name="member_invite"),
    path(MEMBER + "deactiveren/", views.member_deactivate, name="member_deactivate"),
    path(MEMBER + "heractiveren/", views.member_reactivate, name="member_reactivate"),
    path(
        MEMBER + "tweestapsverificatie/resetten/",
        views.member_two_factor_reset,
        name="member_two_factor_reset",
    ),
    path(MEMBER + "rollen/nieuw/", views.membership_add, name="membership_add"),
    path(MEMBERS + "herverdelen/", views.member_reassign, name="member_reassign"),
    path(MEMBER + "vervanging/", views.stand_in_add, name="stand_in_add"),
    path(MEMBER + "vervanging/<id:pk>/beeindigen/", views.stand_in_end, name="stand_in_end"),
    path(ROLE, views.membership_edit, name="membership_edit"),
    path(ROLE + "verwijderen/", views.membership_remove, name="membership_remove"),
    # --- one's own stand-ins during leave ---
    path("vervanging/", views.own_stand_ins, name="own_stand_ins"),
    path("vervanging/<slug:short_name>/nieuw/", views.own_stand_in_add, name="own_stand_in_add"),
    path("vervanging/<id:pk>/beeindigen/", views.own_stand_in_end, name="own_stand_in_end"),
    # --- passwords: forgotten (by e-mail) and changed (logged in) ---
    path(
        "wachtwoord/vergeten/",
        auth_views.PasswordResetView.as_view(
            form_class=PasswordResetRequestForm,  # the mail leaves from the task queue
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "wachtwoord/vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord/nieuw/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord/nieuw/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "wachtwoord/wijzigen/",
        auth_views.PasswordChangeView.as_view(
            success_url=reverse_lazy("accounts:password_change_done")
        ),
        name="password_change",
    ),
    path(
        "wachtwoord/wijzigen/klaar/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # --- two-step login: one's own (set up, code at login, manage) ---
    *two_factor_urls.urlpatterns,
]
