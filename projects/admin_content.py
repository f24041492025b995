"""The application's content in the admin: read for support, never written here.

Descriptions, work plans, outputs, results, invitations and assessors' comments are written by the workspace and
staff services, which check the call's rules, the optimistic locks and the checklist; the admin shows them to the
staff of the application's programme (the one visibility policy) and to superusers, and changes nothing.
"""

from django.contrib import admin

from .admin import WorkflowRecordAdmin
from .models import (
    Activity,
    CollaboratorInvitation,
    Deliverable,
    ProjectDescription,
    ProjectObjective,
    ProjectOutput,
    ProjectResult,
    SectionComment,
    SectionVersion,
    TargetGroup,
    WorkPackage,
)


class ContentAdmin(WorkflowRecordAdmin):
    """Read like the workflow's records: scoped to the application, never added, changed or deleted here."""


@admin.register(ProjectDescription)
class ProjectDescriptionAdmin(ContentAdmin):
    list_display = ["project", "changed_at"]
    search_fields = ["project__acronym"]
    list_select_related = ["project"]


@admin.register(ProjectObjective)
class ProjectObjectiveAdmin(ContentAdmin):
    list_display = ["project", "number", "title"]
    search_fields = ["project__acronym", "title"]
    list_select_related = ["project"]


@admin.register(TargetGroup)
class TargetGroupAdmin(ContentAdmin):
    list_display = ["project", "group", "target_value"]
    list_filter = ["group"]
    search_fields = ["project__acronym"]
    list_select_related = ["project"]


@admin.register(WorkPackage)
class WorkPackageAdmin(ContentAdmin):
    list_display = ["project", "number", "title", "start_period", "end_period"]
    search_fields = ["project__acronym", "title"]
    list_select_related = ["project"]


@admin.register(Activity)
class ActivityAdmin(ContentAdmin):
    programme_path = "work_package__project__programme"
    visible_path = "work_package__project"
    list_display = ["__str__", "start_period", "end_period"]
    search_fields = ["work_package__project__acronym", "title"]
    list_select_related = ["work_package"]


@admin.register(Deliverable)
class DeliverableAdmin(ContentAdmin):
    programme_path = "activity__work_package__project__programme"
    visible_path = "activity__work_package__project"
    list_display = ["title", "activity", "period"]
    search_fields = ["activity__work_package__project__acronym", "title"]
    list_select_related = ["activity__work_package"]


@admin.register(ProjectOutput)
class ProjectOutputAdmin(ContentAdmin):
    programme_path = "work_package__project__programme"
    visible_path = "work_package__project"
    list_display = ["__str__", "indicator", "target_value", "period"]
    search_fields = ["work_package__project__acronym", "title"]
    list_select_related = ["work_package", "indicator"]


@admin.register(ProjectResult)
class ProjectResultAdmin(ContentAdmin):
    list_display = ["project", "number", "indicator", "baseline", "target_value", "period"]
    search_fields = ["project__acronym"]
    list_select_related = ["project", "indicator"]


@admin.register(SectionVersion)
class SectionVersionAdmin(ContentAdmin):
    list_display = ["project", "section", "version", "changed_at"]
    search_fields = ["project__acronym", "section"]
    list_select_related = ["project"]


@admin.register(CollaboratorInvitation)
class CollaboratorInvitationAdmin(ContentAdmin):
    list_display = ["email", "project", "level", "created_at", "expires_at", "accepted_at"]
    list_filter = ["level", ("accepted_at", admin.EmptyFieldListFilter)]
    search_fields = ["email", "project__acronym"]
    exclude = ["token"]
    list_select_related = ["project"]


@admin.register(SectionComment)
class SectionCommentAdmin(ContentAdmin):
    list_display = ["project", "section", "author", "updated_at"]
    list_filter = ["section"]
    search_fields = ["project__acronym", "text"]
    list_select_related = ["project", "author"]
