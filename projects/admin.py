from django.contrib import admin

from interact_portal.core.admin_files import FileLinksAdmin
from programmes.admin_scope import ProgrammeScopedAdmin, parts_editable_register, visibility_register

from .models import (
    Annex,
    Assessment,
    AssessmentItem,
    DeadlineReminder,
    Decision,
    Project,
    ProjectCollaborator,
    ProjectStatusChange,
    Submission,
)
from .permissions import staff_visible_filter
from .search_index import search_index_refresh
from .workflow import Status

# the admin shows programme staff the applications the staff pages show them: drafts belong to their applicants
visibility_register("projects.project", staff_visible_filter)
# an application's partners and collaborators change in the admin only while the applicants may change them
parts_editable_register("projects.project", lambda project: project.status == Status.DRAFT)


class ApplicationScopedAdmin(ProgrammeScopedAdmin):
    """A model admin of an application or one of its parts, following the one visibility policy."""

    programme_path = "project__programme"
    visible_path = "project"
    visible_model = "projects.project"


@admin.register(Project)
class ProjectAdmin(ApplicationScopedAdmin):
    programme_path = "programme"
    visible_path = ""
    list_display = ["acronym", "title", "programme", "call", "status", "start_date", "end_date"]
    list_filter = ["status", "programme", "programme__period"]
    search_fields = ["acronym", "title"]
    autocomplete_fields = ["programme", "call", "specific_objective"]
    readonly_fields = ["status", "stage", "created_by", "created_at", "updated_at", "submitted_at"]
    date_hierarchy = "created_at"
    list_select_related = ["programme", "call"]
    # an application's parts are counted and linked to their lists (paginated, filtered to it), never a form per
    # row: each partner's and collaborator's widgets cost queries, and the lists keep the workflow's locks
    counted_relations = [
        "partners",
        "collaborators",
        "status_history",
        "annexes",
        "assessments",
        "decisions",
        "submissions",
        "invitations",
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        search_index_refresh([form.instance.pk])  # the public index shows the title and the objective


class WorkflowRecordAdmin(ApplicationScopedAdmin):
    """Records of the workflow's steps (status history, assessments, scores, decisions): written by the services,
    which check the role, the status and the rules, and read here; never added, changed or deleted in the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProjectStatusChange)
class ProjectStatusChangeAdmin(WorkflowRecordAdmin):
    list_display = ["project", "from_status", "to_status", "by", "at"]
    list_filter = ["to_status"]
    search_fields = ["project__acronym", "note"]
    date_hierarchy = "at"
    list_select_related = ["project", "by"]


@admin.register(ProjectCollaborator)
class ProjectCollaboratorAdmin(ApplicationScopedAdmin):
    parts_locked = True  # collaborators are managed in the workspace; here only while the application is a draft
    list_display = ["user", "project", "level", "added_at"]
    list_filter = ["level"]
    search_fields = ["user__email", "project__acronym"]
    autocomplete_fields = ["user", "project"]
    date_hierarchy = "added_at"


class AssessmentItemInline(admin.TabularInline):
    """An assessment's lines, as many as the criteria; each line's name names its assessment, loaded once."""

    model = AssessmentItem
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("assessment__project", "assessment__assessor")


@admin.register(Assessment)
class AssessmentAdmin(WorkflowRecordAdmin):
    inlines = [AssessmentItemInline]
    list_display = ["project", "kind", "assessor", "passed", "total_score", "completed_at"]
    list_filter = ["kind", "passed"]
    search_fields = ["project__acronym", "assessor__email"]
    autocomplete_fields = ["project", "assessor"]
    date_hierarchy = "created_at"


@admin.register(AssessmentItem)
class AssessmentItemAdmin(WorkflowRecordAdmin):
    programme_path = "assessment__project__programme"
    visible_path = "assessment__project"
    list_display = ["assessment", "criterion", "passed", "score"]
    list_filter = ["criterion", "passed", "score"]
    search_fields = ["assessment__project__acronym", "assessment__assessor__email"]
    autocomplete_fields = ["assessment"]


@admin.register(Decision)
class DecisionAdmin(WorkflowRecordAdmin):
    list_display = ["project", "outcome", "decided_on", "decided_by"]
    list_filter = ["outcome"]
    search_fields = ["project__acronym", "conditions"]
    autocomplete_fields = ["project", "decided_by"]
    date_hierarchy = "decided_on"


class ReadOnlyAdmin(FileLinksAdmin, ApplicationScopedAdmin):
    """Records that are written by the portal only: what was submitted, and what was sent."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ["project", "number", "submitted_at", "submitted_by", "pdf"]
    search_fields = ["project__acronym", "submitted_by__email"]
    date_hierarchy = "submitted_at"
    list_select_related = ["project", "submitted_by"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DeadlineReminder)
class DeadlineReminderAdmin(ReadOnlyAdmin):
    list_display = ["project", "kind", "sent_at"]
    list_filter = ["kind"]
    search_fields = ["project__acronym"]
    list_select_related = ["project"]


@admin.register(Annex)
class AnnexAdmin(FileLinksAdmin, ApplicationScopedAdmin):
    list_display = ["title", "project", "original_name", "size", "uploaded_by", "uploaded_at"]
    search_fields = ["title", "original_name", "project__acronym"]
    autocomplete_fields = ["project", "uploaded_by"]
    readonly_fields = ["original_name", "content_type", "size", "uploaded_by"]
    list_select_related = ["project", "uploaded_by"]

    def has_add_permission(self, request):
        return False  # uploads go through the workspace, which checks type and content


# the application's content, and everything after the contract: read-only
from . import admin_content, admin_modifications, admin_reporting  # noqa: E402, F401
