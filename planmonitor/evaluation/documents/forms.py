"""The query string of the plan document's downloads."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PlanDocumentForm(forms.Form):
    """``?versie=N``: a plan version instead of the live plan."""

    versie = forms.IntegerField(label=_("Version"), min_value=1, required=False)
