from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    filter_horizontal = ["ministers"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "is_active", "is_example"]
    list_filter = [*BaseUserAdmin.list_filter, "is_example"]
    fieldsets = [*BaseUserAdmin.fieldsets, (None, {"fields": ["is_example"]})]
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change):
        # Deactivated here too, a person's sessions end for good (as in user_deactivate).
        if change and "is_active" in form.changed_data and not obj.is_active:
            obj.end_sessions()
        super().save_model(request, obj, form, change)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "plan", "role", "organisation"]
    list_filter = ["plan", "role"]
    list_select_related = ["user", "plan", "organisation"]
    filter_horizontal = ["ministers"]


# django-otp's TOTP admin adds pages that show a person's secret key and QR code
# (`<int:pk>/config/`, `<int:pk>/qrcode/`). Nobody but the person should see the key,
# and those URLs use the unbounded int converter: the back office lists devices and
# can delete one, nothing more (a coordinator's reset is in the application itself).
admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "created_at", "last_used_at", "confirmed"]
    raw_id_fields = ["user"]
    fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    readonly_fields = ["user", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False
