"""After the contract: the statuses of partner reports, project reports and payments, and the one table of allowed
transitions for each. Services move a record only through `reporting_transition` (projects.services.reporting),
which refuses what is not in these tables; the admin never edits a status."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_CONTROL = "in_control", _("In control")
    # four eyes (a call's `control_four_eyes`): one controller has finished, a second one confirms
    AWAITING_CONFIRMATION = "awaiting_confirmation", _("Awaiting the second controller")
    CERTIFIED = "certified", _("Certified")


class ReopenScope(models.TextChoices):
    """What the partner may change again when the controller reopens a report."""

    ALL = "all", _("Everything")
    CONTENT = "content", _("Only the non-financial parts")


class ProjectReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_VERIFICATION = "in_verification", _("In verification")
    # the joint secretariat asked for clarifications: back with the lead partner, who answers and resubmits
    RETURNED = "returned", _("Returned for clarification")
    VERIFIED = "verified", _("Verified")


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for authorisation")
    AUTHORISED = "authorised", _("Authorised")
    # four eyes: the payment is confirmed by a second person, never the one who authorised it
    PAID = "paid", _("Paid")


PARTNER_REPORT_TRANSITIONS: dict[str, frozenset[str]] = {
    PartnerReportStatus.DRAFT: frozenset({PartnerReportStatus.SUBMITTED}),
    # the controller takes the report into control, or reopens it (everything, or the non-financial parts)
    PartnerReportStatus.SUBMITTED: frozenset({PartnerReportStatus.IN_CONTROL, PartnerReportStatus.DRAFT}),
    PartnerReportStatus.IN_CONTROL: frozenset(
        {PartnerReportStatus.CERTIFIED, PartnerReportStatus.AWAITING_CONFIRMATION, PartnerReportStatus.DRAFT}
    ),
    PartnerReportStatus.AWAITING_CONFIRMATION: frozenset(
        {PartnerReportStatus.CERTIFIED, PartnerReportStatus.IN_CONTROL}
    ),
    PartnerReportStatus.CERTIFIED: frozenset(),
}

PROJECT_REPORT_TRANSITIONS: dict[str, frozenset[str]] = {
    ProjectReportStatus.DRAFT: frozenset({ProjectReportStatus.SUBMITTED}),
    ProjectReportStatus.SUBMITTED: frozenset({ProjectReportStatus.IN_VERIFICATION, ProjectReportStatus.RETURNED}),
    ProjectReportStatus.IN_VERIFICATION: frozenset({ProjectReportStatus.VERIFIED, ProjectReportStatus.RETURNED}),
    ProjectReportStatus.RETURNED: frozenset({ProjectReportStatus.SUBMITTED}),
    ProjectReportStatus.VERIFIED: frozenset(),
}

PAYMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    PaymentStatus.PENDING: frozenset({PaymentStatus.AUTHORISED}),
    PaymentStatus.AUTHORISED: frozenset({PaymentStatus.PAID}),
    PaymentStatus.PAID: frozenset(),
}

# The partner edits a report in these statuses (a reopened report is a draft again, within its reopen scope).
PARTNER_EDITABLE = frozenset({PartnerReportStatus.DRAFT})
PROJECT_EDITABLE = frozenset({ProjectReportStatus.DRAFT, ProjectReportStatus.RETURNED})
# Statuses in which a controller works on the report.
IN_CONTROL = frozenset({PartnerReportStatus.IN_CONTROL, PartnerReportStatus.AWAITING_CONFIRMATION})
