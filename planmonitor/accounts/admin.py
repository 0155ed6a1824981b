from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

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
