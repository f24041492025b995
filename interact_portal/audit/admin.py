"""The audit trail in the admin: searchable by superusers, never added to, changed or deleted there.

AuditedAdmin is the base of the portal's model admins: it records each changed field's value before → after, its
delete-confirmation pages count the related rows instead of listing them (core.admin_deletion), and an admin may show
an object's related rows as counts linked to their lists (`counted_relations`, core.admin_related) instead of inlines.
"""

from django.contrib import admin

from interact_portal.core.admin_deletion import CountedDeletionMixin
from interact_portal.core.admin_related import CountedRelationsMixin

from .models import AuditEntry
from .receivers import admin_changes
from .services import audit_record, form_changes, stored_changes


class AuditedAdmin(CountedDeletionMixin, CountedRelationsMixin, admin.ModelAdmin):
    def construct_change_message(self, request, form, formsets, add=False):
        changes = {} if add else form_changes(form)
        for formset in formsets or []:
            for inline in formset.forms:
                if inline.instance.pk and inline.has_changed() and inline not in formset.deleted_forms:
                    prefix = f"{inline.instance._meta.verbose_name} “{inline.instance}” "
                    changes.update({prefix + name: value for name, value in form_changes(inline).items()})
        admin_changes.set(stored_changes(changes))
        return super().construct_change_message(request, form, formsets, add)

    def log_deletions(self, request, queryset):
        """One object's LogEntry is saved (and recorded by the receiver); several are bulk-created, so here."""
        objects = list(queryset)
        entries = super().log_deletions(request, objects)
        if len(objects) > 1:
            for obj in objects:
                audit_record(action="admin.delete", actor=request.user, target=obj, request=request)
        return entries


class SuperuserRecordAdmin(admin.ModelAdmin):
    """Records read by superusers alone and written only by their services: never added, changed or deleted here."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(SuperuserRecordAdmin):
    list_display = ["at", "actor", "action", "target_type", "target_label", "ip"]
    list_filter = ["action", "target_type"]
    search_fields = ["target_label", "target_id", "actor__email", "note", "ip"]
    date_hierarchy = "at"
    list_select_related = ["actor", "target_type"]
    readonly_fields = [field.name for field in AuditEntry._meta.fields]
