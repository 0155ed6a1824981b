"""The evaluation pages: each part keeps its own patterns, under one namespace."""

from .documents import urls as documents
from .impact import urls as impact
from .revisions import urls as revisions
from .snapshots import urls as snapshots

app_name = "evaluation"
urlpatterns = [
    *revisions.urlpatterns,
    *snapshots.urlpatterns,
    *impact.urlpatterns,
    *documents.urlpatterns,
]
