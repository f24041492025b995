from django.contrib import admin

from partnerships.models import ProjectPartner

from .models import Assessment, Decision, Project, ProjectCollaborator, ProjectStatusChange


class ProjectPartnerInline(admin.TabularInline):
    model = ProjectPartner
    extra = 0
    autocomplete_fields = ["organisation", "contact_user"]
    readonly_fields = ["own_contribution"]


class CollaboratorInline(admin.TabularInline):
    model = ProjectCollaborator
    extra = 0
    autocomplete_fields = ["user"]


class StatusHistoryInline(admin.TabularInline):
    model = ProjectStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "by", "at", "note"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["acronym", "title", "programme", "call", "status", "start_date", "end_date"]
    list_filter = ["status", "programme", "programme__period"]
    search_fields = ["acronym", "title"]
    autocomplete_fields = ["programme", "call", "specific_objective"]
    readonly_fields = ["status", "created_by", "created_at", "updated_at", "submitted_at"]
    date_hierarchy = "created_at"
    list_select_related = ["programme", "call"]
    inlines = [ProjectPartnerInline, CollaboratorInline, StatusHistoryInline]


@admin.register(ProjectStatusChange)
class ProjectStatusChangeAdmin(admin.ModelAdmin):
    list_display = ["project", "from_status", "to_status", "by", "at"]
    list_filter = ["to_status"]
    search_fields = ["project__acronym", "note"]
    date_hierarchy = "at"
    list_select_related = ["project", "by"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(ProjectCollaborator)
class ProjectCollaboratorAdmin(admin.ModelAdmin):
    list_display = ["user", "project", "level", "added_at"]
    list_filter = ["level"]
    search_fields = ["user__email", "project__acronym"]
    autocomplete_fields = ["user", "project"]
    date_hierarchy = "added_at"


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["project", "kind", "assessor", "passed", "total_score", "completed_at"]
    list_filter = ["kind", "passed"]
    search_fields = ["project__acronym", "assessor__email"]
    autocomplete_fields = ["project", "assessor"]
    date_hierarchy = "created_at"


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["project", "outcome", "decided_on", "decided_by"]
    list_filter = ["outcome"]
    search_fields = ["project__acronym", "conditions"]
    autocomplete_fields = ["project", "decided_by"]
    date_hierarchy = "decided_on"
