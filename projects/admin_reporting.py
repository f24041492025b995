"""After the contract, in the admin: read for support, never written here.

Contracts, schedules, reports, controls, claims and payments are written by their services, which check roles,
statuses, four eyes and sums, and move every status through the transition tables (projects.reporting_workflow);
the admin shows them to those the reporting policy (projects.reporting_access) lets see them, and changes nothing.
Bank details are not in the admin at all: only the partner, the finance staff and the controller see them.
"""

from django.contrib import admin
from django.db.models import Q

from interact_portal.core.admin_files import FileLinksAdmin
from programmes.admin_scope import ProgrammeScopedAdmin, visibility_register

from .admin import WorkflowRecordAdmin
from .models import (
    Clarification,
    ContractDocument,
    ControllerAssignment,
    ExpenditureLine,
    PartnerReport,
    Payment,
    PaymentClaim,
    ProjectContract,
    ProjectManagerContact,
    ProjectReport,
    ProjectReportCertificate,
    ReportIndicatorValue,
    ReportingDeadline,
    ReportingReminder,
    ReportingStep,
    ReportOutput,
    ReportProgress,
)
from .reporting_access import partner_reports_for, payments_for, project_reports_for


def _rule(visible):
    return lambda user, prefix="": Q(**{f"{prefix}pk__in": visible(user).values("pk")})


visibility_register("projects.partnerreport", _rule(partner_reports_for))
visibility_register("projects.projectreport", _rule(project_reports_for))
visibility_register("projects.payment", _rule(payments_for))


class ReportingRecordAdmin(WorkflowRecordAdmin):
    """Never added, changed or deleted here (WorkflowRecordAdmin), scoped by the project's visibility."""


class PartnerReportPartAdmin(ReportingRecordAdmin):
    visible_path = "report"
    visible_model = "projects.partnerreport"
    programme_path = "report__project__programme"
    list_select_related = ["report__partner"]


class ProjectReportPartAdmin(ReportingRecordAdmin):
    visible_path = "project_report"
    visible_model = "projects.projectreport"
    programme_path = "project_report__project__programme"
    list_select_related = ["project_report__project"]


@admin.register(ProjectContract)
class ProjectContractAdmin(ReportingRecordAdmin):
    list_display = ["project", "contract_date", "website", "changed_at"]
    search_fields = ["project__acronym"]
    list_select_related = ["project"]


@admin.register(ContractDocument)
class ContractDocumentAdmin(FileLinksAdmin, ReportingRecordAdmin):
    list_display = ["title", "kind", "project", "original_name", "uploaded_at"]
    list_filter = ["kind"]
    search_fields = ["title", "project__acronym"]
    list_select_related = ["project"]


@admin.register(ProjectManagerContact)
class ProjectManagerContactAdmin(ReportingRecordAdmin):
    list_display = ["project", "kind", "name"]
    list_filter = ["kind"]
    search_fields = ["project__acronym", "name"]
    list_select_related = ["project"]


@admin.register(ReportingDeadline)
class ReportingDeadlineAdmin(ReportingRecordAdmin):
    list_display = ["project", "period", "kind", "due_date", "final"]
    list_filter = ["kind", "final"]
    search_fields = ["project__acronym"]
    date_hierarchy = "due_date"
    list_select_related = ["project"]


@admin.register(ReportingReminder)
class ReportingReminderAdmin(ReportingRecordAdmin):
    programme_path = "deadline__project__programme"
    visible_path = "deadline__project"
    list_display = ["deadline", "partner", "kind", "sent_at"]
    list_filter = ["kind"]
    list_select_related = ["deadline__project", "partner"]


@admin.register(ControllerAssignment)
class ControllerAssignmentAdmin(ReportingRecordAdmin):
    """Assigned on the staff pages by the programme's managers (projects.services.controllers)."""

    programme_path = "programme"
    visible_path = None
    list_display = ["controller", "programme", "partner", "country", "assigned_at"]
    search_fields = ["controller__email", "partner__abbreviation"]
    list_select_related = ["controller", "programme", "partner", "country"]


@admin.register(PartnerReport)
class PartnerReportAdmin(FileLinksAdmin, ReportingRecordAdmin):
    visible_path = ""
    visible_model = "projects.partnerreport"
    list_display = ["__str__", "project", "period", "status", "submitted_at", "certified_at"]
    list_filter = ["status"]
    search_fields = ["project__acronym", "partner__abbreviation"]
    date_hierarchy = "created_at"
    list_select_related = ["project", "partner"]
    exclude = ["snapshot"]


@admin.register(ReportProgress)
class ReportProgressAdmin(PartnerReportPartAdmin):
    list_display = ["report", "achievement"]
    list_filter = ["achievement"]


@admin.register(ReportOutput)
class ReportOutputAdmin(PartnerReportPartAdmin):
    list_display = ["report", "output", "value"]
    list_select_related = ["report__partner", "output__work_package"]


@admin.register(ExpenditureLine)
class ExpenditureLineAdmin(FileLinksAdmin, PartnerReportPartAdmin):
    list_display = ["report", "number", "category", "supplier", "invoice_number", "amount_eur", "control", "deducted"]
    list_filter = ["control", "category", "error_type"]
    search_fields = ["supplier", "invoice_number", "description"]


@admin.register(ProjectReport)
class ProjectReportAdmin(ReportingRecordAdmin):
    visible_path = ""
    visible_model = "projects.projectreport"
    list_display = ["__str__", "period", "status", "submitted_at", "verified_at"]
    list_filter = ["status"]
    search_fields = ["project__acronym"]
    list_select_related = ["project"]
    exclude = ["snapshot"]


@admin.register(ProjectReportCertificate)
class ProjectReportCertificateAdmin(ProjectReportPartAdmin):
    list_display = ["project_report", "partner_report", "verified", "sampled"]
    list_select_related = ["project_report__project", "partner_report__partner"]


@admin.register(ReportIndicatorValue)
class ReportIndicatorValueAdmin(ProjectReportPartAdmin):
    list_display = ["project_report", "indicator", "cumulative"]
    list_select_related = ["project_report__project", "indicator"]


@admin.register(Clarification)
class ClarificationAdmin(ProjectReportPartAdmin):
    list_display = ["project_report", "from_programme", "at"]


@admin.register(PaymentClaim)
class PaymentClaimAdmin(ReportingRecordAdmin):
    visible_path = "project_report"
    visible_model = "projects.projectreport"
    list_display = ["project_report", "total_eligible", "created_at"]
    list_select_related = ["project_report__project"]


@admin.register(Payment)
class PaymentAdmin(ReportingRecordAdmin):
    programme_path = "claim__project__programme"
    visible_path = ""
    visible_model = "projects.payment"
    list_display = ["claim", "partner", "fund", "amount_due", "status", "authorised_amount", "paid_amount", "paid_on"]
    list_filter = ["status", "fund"]
    list_select_related = ["claim__project_report__project", "partner"]


@admin.register(ReportingStep)
class ReportingStepAdmin(ReportingRecordAdmin):
    """A step of a partner report, a project report or a payment: visible with its record."""

    programme_path = "partner_report__project__programme"  # nominal: scoped below by whichever record it is of
    visible_path = None
    list_display = ["__str__", "partner_report", "project_report", "payment", "by", "at"]
    list_filter = ["to_status"]
    list_select_related = ["partner_report__partner", "project_report__project", "payment__partner", "by"]

    def get_queryset(self, request):
        user = request.user
        queryset = super(ProgrammeScopedAdmin, self).get_queryset(request)
        if user.is_superuser:
            return queryset
        return queryset.filter(
            Q(partner_report__in=partner_reports_for(user))
            | Q(project_report__in=project_reports_for(user))
            | Q(payment__in=payments_for(user))
        )
