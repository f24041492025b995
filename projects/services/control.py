"""First-level control of partner reports: the controller takes a submitted report, decides on each expenditure
line (certify, deduct part of it with an error type, park it for the next report), answers the control checklist,
writes findings and a conclusion, and finalises — directly to CERTIFIED, or (four eyes, `call.control_four_eyes`)
for a second controller of the partner to confirm. Or reopens the report for the partner.

Every status change goes through `reporting_transition`; who may act is `reporting_access.is_controller_of` with the
programme role allowed to StaffAction.CONTROL. Certification queues the control certificate PDF."""

from decimal import ROUND_DOWN, Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from interact_portal.accounts.language import language_of
from interact_portal.accounts.models import User
from interact_portal.audit.services import audit_record
from interact_portal.core.queue import enqueue_on_commit
from interact_portal.notifications.languages import in_language
from interact_portal.notifications.messages import Message
from interact_portal.notifications.services import notify
from programmes.staff import StaffAction, staff_refusal

from ..models import CollaboratorLevel, ErrorType, ExpenditureLine, LineControl, PartnerReport
from ..reporting_access import is_controller_of
from ..reporting_workflow import PartnerReportStatus, ReopenScope
from .reporting import locked, reporting_transition

ZERO = Decimal(0)

# The control checklist: (key, question). The keys are stored in PartnerReport.control_checklist; the questions are
# translated when shown.
CHECKLIST: tuple[tuple[str, str], ...] = (
    ("period", gettext_lazy("The expenditure was incurred and paid within the eligibility period.")),
    ("procurement", gettext_lazy("Public procurement rules were followed.")),
    ("state_aid", gettext_lazy("State aid rules were respected.")),
    ("publicity", gettext_lazy("Information and publicity requirements were met.")),
    ("double_funding", gettext_lazy("There is no double funding of the same costs.")),
    ("vat", gettext_lazy("No recoverable VAT was declared.")),
    ("documents", gettext_lazy("Supporting documents exist for every line.")),
    ("payment_evidence", gettext_lazy("Proof of payment exists for every line.")),
)
CHECKLIST_KEYS = tuple(key for key, _question in CHECKLIST)


class Answer:
    YES, NO, NOT_APPLICABLE = "yes", "no", "na"
    CHOICES = (
        (YES, gettext_lazy("Yes")),
        (NO, gettext_lazy("No")),
        (NOT_APPLICABLE, gettext_lazy("Not applicable")),
    )
    VALUES = frozenset((YES, NO, NOT_APPLICABLE))


# ---------------------------------------------------------------------------------------------------------- access


def control_refusal(user, report) -> str | None:
    """Why the user may not control this report (None when they may): a controller of the programme assigned to
    the report's partner (or its country)."""
    programme = report.project.programme
    if refusal := staff_refusal(user, programme, StaffAction.CONTROL):
        return refusal
    if not is_controller_of(user, report):
        return _("Only a controller assigned to this partner can control its reports.")
    return None


def _require_controller(user, report) -> None:
    if refusal := control_refusal(user, report):
        raise PermissionDenied(refusal)


def _locked_report(report, by, *statuses) -> PartnerReport:
    """The report's row locked, its controller checked, its status one of `statuses` (else the reason)."""
    report = PartnerReport.objects.select_related("project__programme", "project__call", "partner").get(
        pk=locked(report).pk
    )
    _require_controller(by, report)
    if statuses and report.status not in statuses:
        raise ValidationError(
            _("This report is “%(status)s”: this cannot be done now.")
            % {"status": PartnerReportStatus(report.status).label}
        )
    return report


# -------------------------------------------------------------------------------------------------------- the steps


@transaction.atomic
def control_start(*, report: PartnerReport, by) -> PartnerReport:
    """Take a submitted report into control: the user becomes its controller."""
    report = _locked_report(report, by, PartnerReportStatus.SUBMITTED)
    return reporting_transition(
        report,
        to=PartnerReportStatus.IN_CONTROL,
        by=by,
        fields={"controller": by, "control_started_at": timezone.now()},
    )


def _parse_amount(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        return None
    return amount if amount.is_finite() else None


def decision_problems(line: ExpenditureLine, *, decision: str, deducted, error_type: str, note: str) -> dict:
    """Why this decision on the line cannot be recorded, by field (empty when it can)."""
    errors = {}
    if decision not in LineControl.values:
        errors["decision"] = _("Choose certify, deduct or park.")
        return errors
    if decision != LineControl.DEDUCTED:
        return errors
    amount = _parse_amount(deducted)
    if amount is None:
        errors["deducted"] = _("Enter the amount deducted in euro, for example 120.50.")
    elif amount <= ZERO:
        errors["deducted"] = _("A deduction must be more than 0 EUR.")
    elif amount > line.amount_eur:
        errors["deducted"] = _("A deduction cannot be above the declared amount of %(amount)s EUR.") % {
            "amount": line.amount_eur
        }
    elif amount.as_tuple().exponent < -2 and amount != amount.quantize(Decimal("0.01"), rounding=ROUND_DOWN):
        errors["deducted"] = _("Enter the amount in euro and cent (at most two decimals).")
    if error_type not in ErrorType.values:
        errors["error_type"] = _("Choose the type of error of this deduction.")
    if not (note or "").strip():
        errors["note"] = _("Explain the deduction: the partner reads this note.")
    return errors


@transaction.atomic
def line_decide(
    *, line: ExpenditureLine, by, decision: str, deducted=None, error_type: str = "", note: str = ""
) -> ExpenditureLine:
    """Certify a line, deduct part (or all) of it, park it for the partner's next report, or undo the decision
    (`LineControl.PENDING`). Only while the report is in control."""
    _locked_report(line.report, by, PartnerReportStatus.IN_CONTROL)
    line = ExpenditureLine.objects.select_for_update().get(pk=line.pk)
    if errors := decision_problems(line, decision=decision, deducted=deducted, error_type=error_type, note=note):
        raise ValidationError(errors)
    if ExpenditureLine.objects.filter(parked_from=line).exists():
        raise ValidationError(_("This line was already carried into a later report: its decision cannot change."))
    before = {"control": line.control, "deducted": line.deducted, "error_type": line.error_type}
    line.control = decision
    line.deducted = _parse_amount(deducted) if decision == LineControl.DEDUCTED else ZERO
    line.error_type = error_type if decision == LineControl.DEDUCTED else ""
    line.control_note = (note or "").strip() if decision != LineControl.PENDING else ""
    line.save(update_fields=["control", "deducted", "error_type", "control_note"])
    after = {"control": line.control, "deducted": line.deducted, "error_type": line.error_type}
    audit_record(
        action="expenditure_line.control",
        actor=by,
        target=line,
        changes={key: (before[key], after[key]) for key in before if before[key] != after[key]},
        note=line.control_note,
    )
    return line


@transaction.atomic
def lines_certify_remaining(*, report: PartnerReport, by) -> int:
    """Certify every line not yet decided; returns how many."""
    report = _locked_report(report, by, PartnerReportStatus.IN_CONTROL)
    count = report.lines.filter(control=LineControl.PENDING).update(control=LineControl.CERTIFIED)
    if count:
        audit_record(
            action="partner_report.certify_remaining", actor=by, target=report, changes={"lines": (None, count)}
        )
    return count


def checklist_problems(answers: dict) -> dict:
    """Bad answers, by field `<key>` / `<key>_comment`: unknown answers, a "no" without a comment."""
    errors = {}
    for key in CHECKLIST_KEYS:
        entry = answers.get(key) or {}
        answer, comment = entry.get("answer", ""), (entry.get("comment") or "").strip()
        if answer and answer not in Answer.VALUES:
            errors[key] = _("Answer yes, no or not applicable.")
        elif answer == Answer.NO and not comment:
            errors[f"{key}_comment"] = _("Explain the “no” in a comment.")
    unknown = set(answers) - set(CHECKLIST_KEYS)
    if unknown:
        errors["__all__"] = _("Unknown checklist items: %(keys)s.") % {"keys": ", ".join(sorted(unknown))}
    return errors


@transaction.atomic
def control_checklist_save(
    *, report: PartnerReport, by, answers: dict, findings: str = "", conclusion: str = ""
) -> PartnerReport:
    """Store the checklist (`{key: {"answer": "yes"|"no"|"na"|"", "comment": ""}}`), the findings and the
    conclusion; an unanswered item is allowed here (finalising needs every answer)."""
    report = _locked_report(report, by, PartnerReportStatus.IN_CONTROL)
    if errors := checklist_problems(answers):
        raise ValidationError(errors)
    checklist = {}
    for key in CHECKLIST_KEYS:
        entry = answers.get(key) or {}
        if entry.get("answer") or (entry.get("comment") or "").strip():
            checklist[key] = {"answer": entry.get("answer", ""), "comment": (entry.get("comment") or "").strip()}
    report.control_checklist = checklist
    report.findings = findings.strip()
    report.conclusion = conclusion.strip()
    report.save(update_fields=["control_checklist", "findings", "conclusion"])
    audit_record(action="partner_report.checklist", actor=by, target=report, changes={})
    return report


def finalise_problems(report: PartnerReport) -> list[str]:
    """What is missing before the control can be finalised."""
    problems = []
    pending = report.lines.filter(control=LineControl.PENDING).count()
    if pending:
        problems.append(
            _("%(count)s expenditure line(s) have no decision yet.") % {"count": pending},
        )
    labels = dict(CHECKLIST)
    missing = [
        str(labels[key])
        for key in CHECKLIST_KEYS
        if (report.control_checklist.get(key) or {}).get("answer") not in Answer.VALUES
    ]
    if missing:
        problems.append(_("Answer every checklist item: %(items)s") % {"items": " ".join(missing)})
    if not report.conclusion.strip():
        problems.append(_("Write the conclusion of the control."))
    return problems


@transaction.atomic
def control_finalise(*, report: PartnerReport, by) -> PartnerReport:
    """Every line decided and the checklist complete: certify, or (four eyes) pass it to a second controller."""
    report = _locked_report(report, by, PartnerReportStatus.IN_CONTROL)
    if problems := finalise_problems(report):
        raise ValidationError(problems)
    if report.project.call is not None and report.project.call.control_four_eyes:
        report = reporting_transition(
            report, to=PartnerReportStatus.AWAITING_CONFIRMATION, by=by, fields={"finalised_by": by}
        )
        _notify_second_controller(report, by)
        return report
    report = reporting_transition(
        report,
        to=PartnerReportStatus.CERTIFIED,
        by=by,
        fields={"finalised_by": by, "certified_at": timezone.now()},
    )
    _certified(report, by)
    return report


def confirm_refusal(user, report) -> str | None:
    if report.finalised_by_id is not None and report.finalised_by_id == user.pk:
        return _("You finalised this control: a second controller must confirm it (four eyes).")
    return None


@transaction.atomic
def control_confirm(*, report: PartnerReport, by) -> PartnerReport:
    """The second controller confirms: CERTIFIED. Never the one who finalised."""
    report = _locked_report(report, by, PartnerReportStatus.AWAITING_CONFIRMATION)
    if refusal := confirm_refusal(by, report):
        raise ValidationError(refusal)
    report = reporting_transition(
        report, to=PartnerReportStatus.CERTIFIED, by=by, fields={"confirmed_by": by, "certified_at": timezone.now()}
    )
    _certified(report, by)
    return report


@transaction.atomic
def control_send_back(*, report: PartnerReport, by, reason: str) -> PartnerReport:
    """The second controller sends the control back to the first (IN_CONTROL), with the reason."""
    report = _locked_report(report, by, PartnerReportStatus.AWAITING_CONFIRMATION)
    if refusal := confirm_refusal(by, report):
        raise ValidationError(refusal)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Write why the control goes back.")})
    first = report.finalised_by
    report = reporting_transition(
        report, to=PartnerReportStatus.IN_CONTROL, by=by, note=reason.strip(), fields={"finalised_by": None}
    )
    notify(
        event="partner_report.control_sent_back",
        actor=by,
        target=report,
        recipients=[first],
        title=Message(gettext_noop("Control of %(report)s sent back"), report=report),
        body=reason.strip(),
        url=reverse("control:report", args=[report.pk]),
    )
    return report


@transaction.atomic
def control_reopen(*, report: PartnerReport, by, scope: str, reason: str) -> PartnerReport:
    """Give the report back to the partner (a draft again): for everything, or only the non-financial parts.
    Reopened for everything, the lines' decisions start again (the partner may change the lines)."""
    report = _locked_report(report, by, PartnerReportStatus.SUBMITTED, PartnerReportStatus.IN_CONTROL)
    errors = {}
    if scope not in ReopenScope.values:
        errors["scope"] = _("Choose what the partner may change.")
    if not (reason or "").strip():
        errors["reason"] = _("Write why the report is reopened: the partner reads it.")
    if errors:
        raise ValidationError(errors)
    if scope == ReopenScope.ALL:
        report.lines.exclude(control=LineControl.PENDING).update(
            control=LineControl.PENDING, deducted=ZERO, error_type="", control_note=""
        )
    report = reporting_transition(
        report, to=PartnerReportStatus.DRAFT, by=by, note=reason.strip(), fields={"reopen_scope": scope}
    )
    notify(
        event="partner_report.reopened",
        actor=by,
        target=report,
        recipients=_partner_people(report),
        title=Message(gettext_noop("Your report %(report)s was reopened"), report=report),
        body=Message(
            gettext_noop("You may change: %(scope)s.\n%(reason)s"),
            scope=ReopenScope(scope).label,
            reason=reason.strip(),
        ),
    )
    return report


# ------------------------------------------------------------------------------------------------- after the steps


def _partner_people(report) -> list:
    """The partner's contact person and the lead partner's managers (the project's managers)."""
    managers = User.objects.filter(
        collaborations__project_id=report.project_id, collaborations__level=CollaboratorLevel.MANAGE
    )
    return [report.partner.contact_user, *managers]


def _notify_second_controller(report, by) -> None:
    from ..reporting_access import controllers_of

    notify(
        event="partner_report.control_to_confirm",
        actor=by,
        target=report,
        recipients=[user for user in controllers_of(report.partner) if user.pk != by.pk],
        title=Message(gettext_noop("Control of %(report)s to confirm"), report=report),
        url=reverse("control:report", args=[report.pk]),
    )


def _certified(report, by) -> None:
    from ..tasks import render_control_certificate

    enqueue_on_commit(render_control_certificate, report.pk)
    notify(
        event="partner_report.certified",
        actor=by,
        target=report,
        recipients=_partner_people(report),
        title=Message(gettext_noop("Your report %(report)s was certified"), report=report),
        body=Message(gettext_noop("The control certificate can be downloaded from the report.")),
        url=reverse("projects:control_certificate", args=[report.pk]),
    )


def certificates_missing(*, older_than) -> list[int]:
    """Certified reports (for longer than `older_than`) whose certificate PDF is not there yet."""
    return list(
        PartnerReport.objects.filter(
            status=PartnerReportStatus.CERTIFIED, certificate="", certified_at__lt=timezone.now() - older_than
        ).values_list("pk", flat=True)
    )


def control_certificate_render(*, report_id: int) -> bool:
    """Render and store the control certificate of a certified report once; returns whether it was rendered now."""
    from ..control_pdf import certificate_pdf

    with transaction.atomic():
        report = PartnerReport.objects.select_for_update().filter(pk=report_id).first()
        if report is None or report.certificate or report.status != PartnerReportStatus.CERTIFIED:
            return False
        name = f"control-certificate-{report.partner_id}-{report.number}.pdf"
        with in_language(language_of(report.partner.contact_user)):  # written for the partner it certifies
            content = certificate_pdf(report)
        report.certificate.save(name, ContentFile(content), save=False)
        report.save(update_fields=["certificate"])
    return True
