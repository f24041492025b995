"""Verification of project reports by the joint secretariat (the programme's managers and officers): take the report
into verification, verify each certificate (and, for a sample, deduct from lines), ask questions in the
clarification thread by returning the report, and finalise — which creates the payment claim and one payment per
partner and fund from the verified amounts (reporting_money.claim_amounts), all in one transaction."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from interact_portal.audit.services import audit_record
from interact_portal.notifications.messages import Message
from interact_portal.notifications.services import notify
from programmes.staff import StaffAction, staff_require

from ..models import Clarification, ExpenditureLine, LineControl, Payment, PaymentClaim, ProjectReport
from ..models import ProjectReportCertificate as Certificate
from ..reporting_workflow import ProjectReportStatus
from .project_reports import _locked_report, certificates_of, programme_staff, project_managers, report_money
from .reporting import reporting_transition


def _require_in_verification(report: ProjectReport) -> None:
    if report.status != ProjectReportStatus.IN_VERIFICATION:
        raise ValidationError(
            _("This project report is %(status)s: take it into verification first.")
            % {"status": ProjectReportStatus(report.status).label.lower()}
        )


@transaction.atomic
def verification_start(*, report: ProjectReport, by) -> ProjectReport:
    """Submitted → in verification (idempotent)."""
    report = _locked_report(report)
    staff_require(by, report.project.programme, StaffAction.VERIFY)
    if report.status == ProjectReportStatus.IN_VERIFICATION:
        return report
    return reporting_transition(report, to=ProjectReportStatus.IN_VERIFICATION, by=by)


@transaction.atomic
def certificate_verify(*, certificate: Certificate, by, verified: bool, note: str = "") -> Certificate:
    report = _locked_report(certificate.project_report)
    staff_require(by, report.project.programme, StaffAction.VERIFY)
    _require_in_verification(report)
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    before = certificate.verified
    certificate.verified, certificate.note = bool(verified), note.strip()
    certificate.save(update_fields=["verified", "note"])
    audit_record(
        action="project_report.certificate_verified",
        actor=by,
        target=report,
        changes={"verified": (before, certificate.verified)},
        note=certificate.note,
    )
    return certificate


def line_certified(line: ExpenditureLine) -> Decimal:
    """What control certified of the line (what verification may still deduct)."""
    if line.control not in (LineControl.CERTIFIED, LineControl.DEDUCTED):
        return Decimal(0)
    return line.amount_eur - line.deducted


@transaction.atomic
def line_verify(*, certificate: Certificate, line: ExpenditureLine, by, deducted, note: str = "") -> ExpenditureLine:
    """A sampled line: deduct up to its certified amount, with a note saying why."""
    report = _locked_report(certificate.project_report)
    staff_require(by, report.project.programme, StaffAction.VERIFY)
    _require_in_verification(report)
    line = ExpenditureLine.objects.select_for_update().get(pk=line.pk, report_id=certificate.partner_report_id)
    try:
        amount = Decimal(str(deducted).strip().replace(",", ".") or "0")
    except InvalidOperation:
        raise ValidationError({"deducted": _("Enter an amount in euro.")}) from None
    certified = line_certified(line)
    if not amount.is_finite() or amount < 0 or amount != round(amount, 2):
        raise ValidationError({"deducted": _("Enter an amount of at least 0 with at most two decimals.")})
    if amount > certified:
        raise ValidationError(
            {
                "deducted": _("At most the line's certified amount, %(amount)s EUR, can be deducted.")
                % {"amount": certified}
            }
        )
    if amount and not note.strip():
        raise ValidationError({"note": _("Say why the amount is deducted.")})
    before = line.verification_deducted
    line.verification_deducted, line.verification_note = amount, note.strip()
    line.save(update_fields=["verification_deducted", "verification_note"])
    Certificate.objects.filter(pk=certificate.pk).update(sampled=True)
    audit_record(
        action="project_report.line_verified",
        actor=by,
        target=report,
        changes={f"line {line.number} verification_deducted": (before, amount)},
        note=line.verification_note,
    )
    return line


@transaction.atomic
def report_return(*, report: ProjectReport, by, question: str) -> ProjectReport:
    """Back to the lead partner with a question in the clarification thread."""
    report = _locked_report(report)
    staff_require(by, report.project.programme, StaffAction.VERIFY)
    if not question.strip():
        raise ValidationError({"question": _("Write the question the lead partner should answer.")})
    report = reporting_transition(report, to=ProjectReportStatus.RETURNED, by=by, note=question.strip())
    Clarification.objects.create(project_report=report, author=by, from_programme=True, text=question.strip())
    project = report.project
    notify(
        event="project_report.returned",
        actor=by,
        target=report,
        recipients=project_managers(project),
        title=Message(
            gettext_noop("Project report %(number)d of %(project)s: a question from the joint secretariat"),
            number=report.number,
            project=project.acronym,
        ),
        body=question.strip(),
        url=reverse("projects:project_report", args=[project.pk, report.pk]),
    )
    return report


def finalise_problems(report: ProjectReport) -> list[str]:
    missing = [
        _("Partner report %(number)d of %(partner)s is not verified yet.")
        % {"number": c.partner_report.number, "partner": c.partner_report.partner}
        for c in certificates_of(report)
        if not c.verified
    ]
    return missing


@transaction.atomic
def verification_finalise(*, report: ProjectReport, by, note: str = "") -> PaymentClaim:
    """In verification → verified, with the claim (verified total) and one payment per partner and fund."""
    report = _locked_report(report)
    staff_require(by, report.project.programme, StaffAction.VERIFY)
    _require_in_verification(report)
    if missing := finalise_problems(report):
        raise ValidationError(missing)
    money = report_money(report, stage="verified")
    report = reporting_transition(
        report,
        to=ProjectReportStatus.VERIFIED,
        by=by,
        note=note.strip(),
        fields={"verified_by": by, "verified_at": timezone.now(), "verification_note": note.strip()},
    )
    project = report.project
    claim = PaymentClaim.objects.create(project_report=report, project=project, total_eligible=money.total)
    Payment.objects.bulk_create(
        Payment(claim=claim, partner_id=partner_id, fund=fund, amount_due=amount)
        for (partner_id, fund), amount in sorted(money.by_partner_fund.items())
    )
    audit_record(action="payment_claim.create", actor=by, target=claim, changes={"total_eligible": (None, money.total)})
    title = Message(
        gettext_noop("Project report %(number)d of %(project)s verified: %(amount)s EUR claimed"),
        number=report.number,
        project=project.acronym,
        amount=money.total,
    )
    notify(
        event="project_report.verified",
        actor=by,
        target=report,
        recipients=project_managers(project),
        title=title,
        url=reverse("projects:project_report", args=[project.pk, report.pk]),
    )
    notify(
        event="payment_claim.created",
        actor=by,
        target=claim,
        recipients=programme_staff(project.programme, StaffAction.AUTHORISE_PAYMENT),
        title=title,
        url=reverse("staff:payments", args=[project.programme.slug]),
    )
    return claim
