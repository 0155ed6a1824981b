"""Forms of the members pages. Every input, the list's filters included, goes through one."""

from __future__ import annotations

from collections.abc import Collection

from django import forms
from django.contrib.auth.forms import PasswordResetForm, UsernameField
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from planmonitor.plans.models import Minister, Organisation, Plan

from .models import Membership, Role, User
from .selectors import MemberStatus
from .services import membership_links_validate
from .tasks import password_reset_mail_send


class MemberFilterForm(forms.Form):
    """Filters of the members list (GET). Field names are the selector's keyword arguments."""

    role = forms.ChoiceField(
        label=_("Role"), choices=[("", _("All roles")), *Role.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("", _("Active and inactive")),
            (MemberStatus.ACTIVE, _("Active")),
            (MemberStatus.INACTIVE, _("Inactive")),
        ],
        required=False,
    )


class MinisterChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Minister) -> str:
        return (
            obj.name
            if obj.in_office_to is None
            else _("%(name)s (until %(date)s)")
            % {
                "name": obj.name,
                "date": obj.in_office_to.strftime("%d/%m/%Y"),
            }
        )


class MembershipForm(forms.Form):
    """A role in a plan with the organisation and ministers the person works for."""

    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("(none)"),
        help_text=_("For an action owner: the lead organisation they represent, if any."),
    )
    ministers = MinisterChoiceField(
        label=_("Works for ministers"),
        queryset=Minister.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Required for action owners (unless an organisation is chosen) and contributors."
        ),
    )

    def __init__(self, *args, plan: Plan, taken_roles: Collection[str] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        # Roles the person already holds in the plan: a role is held once.
        self.taken_roles = set(taken_roles)
        # Only this plan's organisations can be chosen; another plan's id is "not a valid choice".
        self.fields["organisation"].queryset = Organisation.objects.filter(plan=plan)
        self.fields["ministers"].queryset = Minister.objects.order_by("family_name", "name")

    def clean_role(self) -> str:
        role = self.cleaned_data["role"]
        if role in self.taken_roles:
            raise ValidationError(_("This person already has this role in this plan."))
        return role

    def clean(self) -> dict:
        cleaned = super().clean()
        if "role" in cleaned and "organisation" in cleaned and "ministers" in cleaned:
            try:
                membership_links_validate(
                    plan=self.plan,
                    role=cleaned["role"],
                    organisation=cleaned["organisation"],
                    ministers=cleaned["ministers"],
                )
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned

    def membership_values(self) -> dict:
        """The keyword arguments of ``services.membership_save``."""
        data = self.cleaned_data
        return {
            "role": data["role"],
            "organisation": data["organisation"],
            "ministers": list(data["ministers"]),
        }


class MemberCreateForm(MembershipForm):
    """A new person and their first role. No password: they choose it themselves by e-mail."""

    username = UsernameField(
        label=_("Username"),
        max_length=150,
        validators=[User.username_validator],
        help_text=_("What they type to log in: letters, digits and @ . + - _ only."),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("They receive a link here to choose their password."),
    )

    field_order = ["username", "first_name", "last_name", "email", "role"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(_("A person with this username already exists."))
        return username

    def clean_email(self) -> str:
        # Password-reset mails go to every account with the address: keep addresses unique.
        email = self.cleaned_data["email"]
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("A person with this e-mail address already exists."))
        return email

    def member_values(self) -> dict:
        """The keyword arguments of ``services.member_create`` (without plan and site)."""
        data = self.cleaned_data
        return {
            "username": data["username"],
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "email": data["email"],
            **self.membership_values(),
        }


class PasswordResetRequestForm(PasswordResetForm):
    """The "forgot your password" form: it queues the mail, the same for any address.

    Django's form looks the address up and sends the mail in the request, so a known
    address answers later than an unknown one (the more so with SMTP). This one
    only enqueues one task with the address; the task looks it up (see tasks.py).
    """

    def save(self, *, request, use_https: bool = False, domain_override=None, **unused) -> None:
        password_reset_mail_send.enqueue(
            email=self.cleaned_data["email"],
            domain=domain_override or request.get_host(),
            use_https=use_https,
        )


class RolesChangeForm(forms.Form):
    """Roles of ``plan`` to change, previewed first, then confirmed with what the preview
    saw (``seen``: their fingerprints), so a change in between is noticed."""

    memberships = forms.ModelMultipleChoiceField(
        label=_("Roles"), queryset=Membership.objects.none(), required=False
    )
    seen = forms.CharField(required=False, widget=forms.HiddenInput)
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, plan: Plan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["memberships"].queryset = Membership.objects.filter(plan=plan)


class MemberReassignForm(RolesChangeForm):
    """A staff change: which roles of one person go to another."""

    from_user = forms.ModelChoiceField(label=_("From"), queryset=User.objects.none())
    to_user = forms.ModelChoiceField(label=_("To"), queryset=User.objects.none())

    field_order = ["from_user", "to_user", "memberships"]

    def __init__(self, *args, plan: Plan, **kwargs) -> None:
        super().__init__(*args, plan=plan, **kwargs)
        people = User.objects.filter(memberships__plan=plan).distinct().order_by("last_name")
        self.fields["from_user"].queryset = people
        self.fields["to_user"].queryset = people.filter(is_active=True)

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if cleaned.get("from_user") and cleaned.get("from_user") == cleaned.get("to_user"):
            raise ValidationError(_("Choose two different people."))
        return cleaned


class StandInForm(forms.Form):
    stand_in = forms.ModelChoiceField(label=_("Stand-in"), queryset=User.objects.none())
    starts_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(
        label=_("Until"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Inclusive: the stand-in's access ends by itself the day after."),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, plan: Plan, person: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stand_in"].queryset = (
            User.objects.filter(memberships__plan=plan, is_active=True)
            .exclude(pk=person.pk)
            .distinct()
            .order_by("last_name", "username")
        )
