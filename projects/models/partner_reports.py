"""Partner reports (one per partner and period) with their progress, outputs and expenditure lines, and the
first-level control of each line. Amounts are computed in projects.reporting_money, never typed twice."""

import uuid
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from interact_portal.core.uploads import validate_upload

from ..reporting_workflow import PartnerReportStatus, ReopenScope


class PartnerReport(models.Model):
    partner = models.ForeignKey("partnerships.ProjectPartner", on_delete=models.PROTECT, related_name="reports")
    project = models.ForeignKey("projects.Project", on_delete=models.PROTECT, related_name="partner_reports")
    period = models.PositiveSmallIntegerField(_("period"))
    number = models.PositiveSmallIntegerField(_("report number"))  # 1, 2, … per partner
    status = models.CharField(
        _("status"), max_length=21, choices=PartnerReportStatus.choices, default=PartnerReportStatus.DRAFT
    )
    reopen_scope = models.CharField(_("reopened for"), max_length=7, choices=ReopenScope.choices, blank=True)
    summary = models.TextField(_("summary of the period"), blank=True)
    deviations = models.TextField(_("deviations from the work plan"), blank=True)
    problems = models.TextField(_("problems and solutions"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)  # optimistic lock of the report's text
    # the application version in force when the report was started (projects.versions)
    application_version = models.ForeignKey(
        "projects.ApplicationVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    snapshot = models.JSONField(default=dict, blank=True, editable=False)  # frozen at each submission
    # first-level control
    controller = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    control_started_at = models.DateTimeField(_("control started"), null=True, blank=True)
    control_checklist = models.JSONField(_("control checklist"), default=dict, blank=True)  # item key → answer
    findings = models.TextField(_("findings"), blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_by = models.ForeignKey(  # four eyes: the second controller
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    certified_at = models.DateTimeField(_("certified"), null=True, blank=True)
    certificate = models.FileField(_("control certificate"), upload_to="certificates/", blank=True, editable=False)

    class Meta:
        verbose_name = _("partner report")
        ordering = ["project", "partner", "number"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "number"], name="partner_report_number_once"),
            models.UniqueConstraint(fields=["partner", "period"], name="partner_report_once_per_period"),
            models.CheckConstraint(
                condition=Q(status__in=PartnerReportStatus.values), name="partner_report_status_known"
            ),
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True) | ~Q(confirmed_by=F("finalised_by")),
                name="partner_report_four_eyes",
            ),
        ]
        indexes = [models.Index(fields=["project", "period", "status"]), models.Index(fields=["status", "partner"])]

    def __str__(self) -> str:
        return f"{self.partner} — report {self.number} (P{self.period})"


class Achievement(models.TextChoices):
    FULLY = "fully", _("Fully achieved")
    PARTLY = "partly", _("Partly achieved")
    NOT = "not", _("Not achieved")


class ReportProgress(models.Model):
    """Progress of one work package, activity or deliverable in a partner report (exactly one of the three)."""

    report = models.ForeignKey(PartnerReport, on_delete=models.CASCADE, related_name="progress")
    work_package = models.ForeignKey("projects.WorkPackage", on_delete=models.CASCADE, null=True, blank=True)
    activity = models.ForeignKey("projects.Activity", on_delete=models.CASCADE, null=True, blank=True)
    deliverable = models.ForeignKey("projects.Deliverable", on_delete=models.CASCADE, null=True, blank=True)
    achievement = models.CharField(_("achievement"), max_length=6, choices=Achievement.choices, blank=True)
    text = models.TextField(_("what was done"), blank=True)

    class Meta:
        verbose_name = _("progress")
        verbose_name_plural = _("progress")
        ordering = ["report", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(work_package__isnull=False, activity__isnull=True, deliverable__isnull=True)
                | Q(work_package__isnull=True, activity__isnull=False, deliverable__isnull=True)
                | Q(work_package__isnull=True, activity__isnull=True, deliverable__isnull=False),
                name="progress_of_one_item",
            ),
            models.UniqueConstraint(fields=["report", "work_package"], name="progress_work_package_once"),
            models.UniqueConstraint(fields=["report", "activity"], name="progress_activity_once"),
            models.UniqueConstraint(fields=["report", "deliverable"], name="progress_deliverable_once"),
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.work_package or self.activity or self.deliverable}"


class ReportOutput(models.Model):
    """What a partner contributed to a project output in the period."""

    report = models.ForeignKey(PartnerReport, on_delete=models.CASCADE, related_name="outputs")
    output = models.ForeignKey("projects.ProjectOutput", on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField(
        _("achieved this period"),
        max_digits=12,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(0)],
    )
    text = models.TextField(_("explanation"), blank=True)

    class Meta:
        verbose_name = _("contribution to an output")
        ordering = ["report", "output"]
        constraints = [
            models.UniqueConstraint(fields=["report", "output"], name="report_output_once"),
            models.CheckConstraint(condition=Q(value__gte=0), name="report_output_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.output} = {self.value}"


class LineControl(models.TextChoices):
    """The controller's decision on one expenditure line."""

    PENDING = "pending", _("Not yet controlled")
    CERTIFIED = "certified", _("Certified")
    DEDUCTED = "deducted", _("Partly or fully deducted")
    PARKED = "parked", _("Parked (deferred to the next report)")


class ErrorType(models.TextChoices):
    """The typology of errors a deduction is classified by (as programmes report them to the audit authority)."""

    INELIGIBLE_COST = "ineligible_cost", _("Ineligible cost")
    OUTSIDE_PERIOD = "outside_period", _("Outside the eligibility period")
    MISSING_EVIDENCE = "missing_evidence", _("Missing or insufficient supporting documents")
    PUBLIC_PROCUREMENT = "public_procurement", _("Public procurement breach")
    CALCULATION = "calculation", _("Calculation error")
    DOUBLE_FUNDING = "double_funding", _("Double funding")
    VAT = "vat", _("Recoverable VAT declared")
    STATE_AID = "state_aid", _("State aid breach")
    PUBLICITY = "publicity", _("Information and publicity requirements")
    OTHER = "other", _("Other")


def _line_attachment_path(line: "ExpenditureLine", filename: str) -> str:
    return f"expenditure/{line.partner_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class ExpenditureLine(models.Model):
    """One invoice (or salary slip) declared in a partner report. `amount` is in `currency`; `amount_eur` is
    computed by reporting_money.line_eur at the rate given (units of the currency per euro)."""

    report = models.ForeignKey(PartnerReport, on_delete=models.CASCADE, related_name="lines")
    partner = models.ForeignKey("partnerships.ProjectPartner", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField(_("line"))  # 1, 2, … within the report
    category = models.CharField(_("cost category"), max_length=20)
    work_package = models.ForeignKey(
        "projects.WorkPackage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    description = models.CharField(_("description"), max_length=500)
    supplier = models.CharField(_("supplier"), max_length=200, blank=True)
    invoice_number = models.CharField(_("invoice number"), max_length=60, blank=True)
    invoice_date = models.DateField(_("invoice date"), null=True, blank=True)
    payment_date = models.DateField(_("payment date"), null=True, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    rate = models.DecimalField(_("exchange rate"), max_digits=12, decimal_places=6, default=Decimal(1))
    amount_eur = models.DecimalField(_("amount (EUR)"), max_digits=14, decimal_places=2, editable=False)
    attachment = models.FileField(
        _("attachment"), upload_to=_line_attachment_path, blank=True, validators=[validate_upload]
    )
    attachment_name = models.CharField(max_length=255, blank=True)
    # a parked line of an earlier report, declared again in this one (it moves exactly once)
    parked_from = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="carried_to"
    )
    # first-level control
    control = models.CharField(_("control"), max_length=9, choices=LineControl.choices, default=LineControl.PENDING)
    deducted = models.DecimalField(_("deducted (EUR)"), max_digits=14, decimal_places=2, default=Decimal(0))
    error_type = models.CharField(_("type of error"), max_length=20, choices=ErrorType.choices, blank=True)
    control_note = models.TextField(_("controller's note"), blank=True)
    # verification by the joint secretariat (a sample of lines)
    verification_deducted = models.DecimalField(
        _("deducted in verification (EUR)"), max_digits=14, decimal_places=2, default=Decimal(0)
    )
    verification_note = models.TextField(_("verification note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("expenditure line")
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="expenditure_line_number_once"),
            # a duplicate invoice (same partner, supplier, number and amount) is refused; a parked line carried
            # forward is the same invoice, on purpose
            models.UniqueConstraint(
                models.F("partner"),
                models.functions.Lower("supplier"),
                models.F("invoice_number"),
                models.F("amount"),
                condition=Q(parked_from__isnull=True) & ~Q(invoice_number=""),
                name="expenditure_invoice_once_per_partner",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="expenditure_amount_positive"),
            models.CheckConstraint(condition=Q(rate__gt=0), name="expenditure_rate_positive"),
            models.CheckConstraint(
                condition=Q(deducted__gte=0) & Q(deducted__lte=F("amount_eur")), name="expenditure_deduction_within"
            ),
            models.CheckConstraint(
                condition=Q(control=LineControl.DEDUCTED, deducted__gt=0) | ~Q(control=LineControl.DEDUCTED),
                name="expenditure_deduction_positive",
            ),
            models.CheckConstraint(
                condition=~Q(control=LineControl.DEDUCTED) | ~Q(error_type=""), name="expenditure_deduction_typed"
            ),
            models.CheckConstraint(
                condition=Q(verification_deducted__gte=0)
                & Q(verification_deducted__lte=F("amount_eur") - F("deducted")),
                name="expenditure_verification_deduction_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["partner", "category"]),
            # the money overviews sum lines per report, category and control from this index alone
            models.Index(
                fields=["report", "category", "control"],
                include=["amount_eur", "deducted", "verification_deducted"],
                name="expenditure_report_sums",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} #{self.number}: {self.description}"
