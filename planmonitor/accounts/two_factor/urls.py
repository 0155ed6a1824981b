"""``tweestapsverificatie/``: the person's own two-step login (in the ``accounts`` namespace)."""

from django.urls import path

from . import views

ROOT = "tweestapsverificatie/"

urlpatterns = [
    path(ROOT, views.manage, name="two_factor_manage"),
    path(ROOT + "code/", views.verify, name="two_factor_verify"),
    path(ROOT + "instellen/", views.enrol, name="two_factor_enrol"),
    path(ROOT + "reservecodes/", views.backup_codes, name="two_factor_backup_codes"),
    path(
        ROOT + "reservecodes/nieuw/", views.backup_codes_renew, name="two_factor_backup_codes_renew"
    ),
    path(ROOT + "uitzetten/", views.remove, name="two_factor_remove"),
]
