"""Project reports (the lead partner's, per period), their verification by the joint secretariat with a thread of
clarifications, the payment claim they produce, the payments per partner, and every reporting step on record."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ..reporting_workflow import PaymentStatus, ProjectReportStatus
from .partner_reports import PartnerReport


class ProjectReport(models.Model):
    project = models.ForeignKey("projects.Project", on_delete=models.PROTECT, related_name="project_reports")
    period = models.PositiveSmallIntegerField(_("period"))
    number = models.PositiveSmallIntegerField(_("report number"))
    status = models.CharField(
        _("status"), max_length=15, choices=ProjectReportStatus.choices, default=ProjectReportStatus.DRAFT
    )
    # the certified partner reports the lead partner bundles (each in one project report only)
    partner_reports = models.ManyToManyField(PartnerReport, through="ProjectReportCertificate", related_name="+")
    progress_summary = models.TextField(_("progress of the work plan"), blank=True)
    highlights = models.TextField(_("main achievements of the period"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    # the application version in force when the report was started (projects.versions)
    application_version = models.ForeignKey(
        "projects.ApplicationVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # the last period's report: it closes the project (its closure section goes with it)
    is_final = models.BooleanField(_("final report"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    snapshot = models.JSONField(default=dict, blank=True, editable=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verification_note = models.TextField(_("verification conclusion"), blank=True)

    class Meta:
        verbose_name = _("project report")
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="project_report_number_once"),
            models.UniqueConstraint(fields=["project", "period"], name="project_report_once_per_period"),
            models.CheckConstraint(
                condition=Q(status__in=ProjectReportStatus.values), name="project_report_status_known"
            ),
        ]
        indexes = [models.Index(fields=["status", "project"])]

    def __str__(self) -> str:
        return f"{self.project} — project report {self.number} (P{self.period})"


class ProjectReportCertificate(models.Model):
    """A certified partner report in a project report, with what the joint secretariat verified of it."""

    project_report = models.ForeignKey(ProjectReport, on_delete=models.CASCADE, related_name="certificates")
    partner_report = models.OneToOneField(PartnerReport, on_delete=models.PROTECT, related_name="in_project_report")
    verified = models.BooleanField(_("verified"), default=False)
    sampled = models.BooleanField(_("lines checked in a sample"), default=False)
    note = models.TextField(_("verification note"), blank=True)

    class Meta:
        verbose_name = _("certificate in a project report")
        ordering = ["project_report", "partner_report"]

    def __str__(self) -> str:
        return f"{self.project_report}: {self.partner_report}"


class ReportIndicatorValue(models.Model):
    """An output or result indicator's value reached so far (cumulative), reported in a project report."""

    project_report = models.ForeignKey(ProjectReport, on_delete=models.CASCADE, related_name="indicator_values")
    indicator = models.ForeignKey("programmes.Indicator", on_delete=models.PROTECT, related_name="+")
    cumulative = models.DecimalField(_("reached so far"), max_digits=14, decimal_places=2, default=Decimal(0))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("indicator value")
        ordering = ["project_report", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["project_report", "indicator"], name="report_indicator_once"),
            models.CheckConstraint(condition=Q(cumulative__gte=0), name="report_indicator_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.project_report}: {self.indicator} = {self.cumulative}"


class Clarification(models.Model):
    """One message of the thread on a project report: the secretariat's questions, the lead partner's answers."""

    project_report = models.ForeignKey(ProjectReport, on_delete=models.CASCADE, related_name="clarifications")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    from_programme = models.BooleanField(default=True)  # a question (staff) or an answer (applicants)
    text = models.TextField(_("message"))
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("clarification")
        ordering = ["project_report", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.project_report}: {self.text[:40]}"


class PaymentClaim(models.Model):
    """What the verified project report asks the programme to pay, per fund (amounts in ClaimFund rows)."""

    project_report = models.OneToOneField(ProjectReport, on_delete=models.PROTECT, related_name="claim")
    project = models.ForeignKey("projects.Project", on_delete=models.PROTECT, related_name="payment_claims")
    total_eligible = models.DecimalField(_("verified eligible expenditure (EUR)"), max_digits=14, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("payment claim")
        ordering = ["project", "created_at"]

    def __str__(self) -> str:
        return f"{self.project_report}: {self.total_eligible}"


class Payment(models.Model):
    """What one partner receives from one fund for a claim: authorised by a finance officer, then confirmed as
    paid (amount and date) by a second person — never the same one (checked by the service and the database)."""

    claim = models.ForeignKey(PaymentClaim, on_delete=models.PROTECT, related_name="payments")
    partner = models.ForeignKey("partnerships.ProjectPartner", on_delete=models.PROTECT, related_name="payments")
    fund = models.CharField(_("fund"), max_length=10)
    amount_due = models.DecimalField(_("amount due (EUR)"), max_digits=14, decimal_places=2)
    status = models.CharField(_("status"), max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.PENDING)
    authorised_amount = models.DecimalField(
        _("authorised (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    authorised_at = models.DateTimeField(_("authorised"), null=True, blank=True)
    paid_amount = models.DecimalField(_("paid (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("payment")
        ordering = ["claim", "partner", "fund"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "partner", "fund"], name="payment_once_per_partner_fund"),
            models.CheckConstraint(condition=Q(amount_due__gte=0), name="payment_due_not_negative"),
            models.CheckConstraint(
                condition=Q(authorised_amount__isnull=True)
                | Q(authorised_amount__gte=0, authorised_amount__lte=F("amount_due")),
                name="payment_authorised_within_due",
            ),
            models.CheckConstraint(
                condition=Q(paid_amount__isnull=True) | Q(paid_amount__gte=0, paid_amount__lte=F("authorised_amount")),
                name="payment_paid_within_authorised",
            ),
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True) | ~Q(confirmed_by=F("authorised_by")),
                name="payment_four_eyes",
            ),
            models.CheckConstraint(condition=Q(status__in=PaymentStatus.values), name="payment_status_known"),
        ]
        indexes = [models.Index(fields=["status", "claim"])]

    def __str__(self) -> str:
        return f"{self.claim}: {self.partner} {self.fund} {self.amount_due}"


class ReportingStep(models.Model):
    """Every status change of a partner report, project report or payment (exactly one of them), with who and
    why: the history pages and the project's timeline read these."""

    partner_report = models.ForeignKey(
        PartnerReport, on_delete=models.CASCADE, null=True, blank=True, related_name="steps"
    )
    project_report = models.ForeignKey(
        ProjectReport, on_delete=models.CASCADE, null=True, blank=True, related_name="steps"
    )
    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, null=True, blank=True, related_name="steps")
    from_status = models.CharField(_("from"), max_length=21, blank=True)
    to_status = models.CharField(_("to"), max_length=21)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("reporting step")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(partner_report__isnull=False, project_report__isnull=True, payment__isnull=True)
                | Q(partner_report__isnull=True, project_report__isnull=False, payment__isnull=True)
                | Q(partner_report__isnull=True, project_report__isnull=True, payment__isnull=False),
                name="reporting_step_of_one_record",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status}"
