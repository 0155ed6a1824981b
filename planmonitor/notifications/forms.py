from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from planmonitor.core import registry

from .models import Delivery


class PreferencesForm(forms.Form):
    """The person's language of mails and, per kind, how they receive it."""

    language = forms.ChoiceField(
        label=_("Language of notifications and mails"),
        required=False,
        help_text=_("Empty: the site's language."),
    )

    def __init__(self, *args, current: dict[str, str], language: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        language_field = self.fields["language"]
        assert isinstance(language_field, forms.ChoiceField)
        language_field.choices = [("", _("The site's language")), *settings.LANGUAGES]
        self.initial["language"] = language
        for kind in registry.registered(registry.NotificationKind):
            self.fields[f"kind_{kind.key}"] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                widget=forms.RadioSelect,
                initial=current.get(kind.key, kind.default_delivery),
            )

    def kind_fields(self) -> list:
        return [self[name] for name in self.fields if name.startswith("kind_")]

    def deliveries(self) -> dict[str, str]:
        return {
            name.removeprefix("kind_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("kind_")
        }
