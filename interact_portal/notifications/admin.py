from django.contrib import admin

from interact_portal.audit.admin import AuditedAdmin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(AuditedAdmin):
    list_display = ["title", "recipient", "event", "created_at", "read_at", "emailed_at"]
    list_filter = [
        "event",
        ("read_at", admin.EmptyFieldListFilter),
        ("emailed_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["title_msgid", "recipient__email", "event"]
    autocomplete_fields = ["recipient", "actor"]
    date_hierarchy = "created_at"
    readonly_fields = ["title", "body", "created_at", "emailed_at", "target_type", "target_id"]
