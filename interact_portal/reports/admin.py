from django.contrib import admin

from interact_portal.audit.admin import AuditedAdmin
from interact_portal.core.admin_files import FileLinksAdmin

from .models import Report


@admin.register(Report)
class ReportAdmin(FileLinksAdmin, AuditedAdmin):
    """Reports are written by the background task only: the admin shows them and may delete them."""

    list_display = ["title", "kind", "format", "requested_by", "status", "percent", "rows", "created_at"]
    list_filter = ["kind", "format", "status"]
    search_fields = ["title", "requested_by__email"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
