"""Versions, modifications, reallocations and closure sections in the admin: read for support, never written here.

A version never changes once it is in force (the database refuses it too); a modification's status, a reallocation
and a closure go through their services (projects.services.modifications, the reallocation and closure services),
which check the roles, the table of steps and the limits, and record and notify. The admin shows them to those the
one policy (projects.modification_access) lets see them, and adds, changes and deletes nothing.
"""

from django.contrib import admin
from django.db.models import Q

from interact_portal.core.admin_files import FileLinksAdmin
from programmes.admin_scope import visibility_register

from .admin import WorkflowRecordAdmin
from .models import ApplicationVersion, BudgetReallocation, Modification, ModificationStep, ProjectClosure
from .modification_access import modifications_for, projects_with_records_for, reallocations_for, versions_for


def _rule(visible):
    return lambda user, prefix="": Q(**{f"{prefix}pk__in": visible(user).values("pk")})


def _closure_rule(user, prefix=""):
    return Q(**{f"{prefix}project__in": projects_with_records_for(user).values("pk")})


visibility_register("projects.applicationversion", _rule(versions_for))
visibility_register("projects.modification", _rule(modifications_for))
visibility_register("projects.budgetreallocation", _rule(reallocations_for))
visibility_register("projects.projectclosure", _closure_rule)


class ModificationRecordAdmin(WorkflowRecordAdmin):
    """Never added, changed or deleted here (WorkflowRecordAdmin), scoped by the modification policy."""

    visible_path = ""


@admin.register(ApplicationVersion)
class ApplicationVersionAdmin(ModificationRecordAdmin):
    visible_model = "projects.applicationversion"
    list_display = ["__str__", "project", "number", "origin", "in_force_from", "created_by", "created_at"]
    list_filter = ["origin"]
    search_fields = ["project__acronym"]
    date_hierarchy = "created_at"
    list_select_related = ["project", "created_by"]
    # the whole application, twice: the diff page reads it (a read-only admin shows no editable=False field)
    exclude = ["answers", "rows"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("answers", "rows")


class ModificationStepInline(admin.TabularInline):
    """A modification's steps, read-only: each row's name names its modification and project, loaded once."""

    model = ModificationStep
    extra = 0
    fields = readonly_fields = ["from_status", "to_status", "by", "at", "note"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("modification__project", "by")


@admin.register(Modification)
class ModificationAdmin(ModificationRecordAdmin):
    visible_model = "projects.modification"
    inlines = [ModificationStepInline]
    list_display = ["__str__", "status", "requested_by", "requested_at", "decision_date", "entry_into_force"]
    list_filter = ["status"]
    search_fields = ["project__acronym", "reason"]
    date_hierarchy = "requested_at"
    list_select_related = ["project", "requested_by"]
    exclude = ["snapshot"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("snapshot")


@admin.register(ModificationStep)
class ModificationStepAdmin(ModificationRecordAdmin):
    programme_path = "modification__project__programme"
    visible_path = "modification"
    visible_model = "projects.modification"
    list_display = ["__str__", "from_status", "to_status", "by", "at"]
    list_filter = ["to_status"]
    search_fields = ["modification__project__acronym", "note"]
    date_hierarchy = "at"
    list_select_related = ["modification__project", "by"]


@admin.register(BudgetReallocation)
class BudgetReallocationAdmin(ModificationRecordAdmin):
    visible_model = "projects.budgetreallocation"
    list_display = ["__str__", "partner", "period", "from_category", "to_category", "amount", "by", "at"]
    list_filter = ["from_category", "to_category"]
    search_fields = ["project__acronym", "partner__abbreviation", "justification"]
    date_hierarchy = "at"
    list_select_related = ["project", "partner", "by"]


@admin.register(ProjectClosure)
class ProjectClosureAdmin(FileLinksAdmin, ModificationRecordAdmin):
    visible_model = "projects.projectclosure"
    list_display = ["project", "picture", "changed_by", "changed_at"]
    search_fields = ["project__acronym"]
    list_select_related = ["project", "changed_by"]
