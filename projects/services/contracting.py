"""After the contract: the contract's data and documents, the lead partner's managers, the reporting schedule and the
partners' bank details. Staff with EDIT_CONTRACT edit the contract and the schedule; the partner's contact person or
the project's managers enter bank details. Everything is validated here, audited, and saved whole or not at all."""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from interact_portal.accounts.models import User
from interact_portal.audit.services import audit_record
from interact_portal.core.uploads import ALLOWED, upload_problem
from interact_portal.notifications.messages import Message
from interact_portal.notifications.services import notify
from partnerships.budget import project_periods
from partnerships.iban import iban_problem, masked_iban, normalise_iban
from partnerships.models import PartnerBankAccount, ProjectPartner
from programmes.periods import reporting_periods
from programmes.staff import StaffAction, staff_refusal, staff_require

from ..models import (
    CollaboratorLevel,
    ContractDocument,
    ContractDocumentKind,
    DeadlineKind,
    ManagerKind,
    Project,
    ProjectContract,
    ProjectManagerContact,
    ReportingDeadline,
)
from ..permissions import require
from ..reporting_access import REPORTING_STATUSES, bank_edit_refusal
from .workflow import locked_for_staff

# A period's reports are due this many months after the period ends (staff may move each deadline).
DEADLINE_MONTHS_AFTER_PERIOD = 3
# A deadline may lie at most this many months after the project ends (the final report's, typically).
DEADLINE_MAX_MONTHS_AFTER_END = 12
ONE_DAY = timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), on the month's last day when that month is shorter."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class PeriodDates:
    number: int
    starts: date
    ends: date


def period_dates(project: Project) -> dict[int, PeriodDates]:
    """Each reporting period's first and last day, from the project's start (none before it is known)."""
    if project.start_date is None:
        return {}
    length = project.call.reporting_period_months if project.call_id else 6
    numbers = set(project_periods(project))
    return {
        period.number: PeriodDates(
            period.number,
            add_months(project.start_date, period.start_month - 1),
            add_months(project.start_date, period.end_month) - ONE_DAY,
        )
        for period in reporting_periods(project.duration_months, length)
        if period.number in numbers
    }


def default_due_date(period: PeriodDates) -> date:
    return add_months(period.ends + ONE_DAY, DEADLINE_MONTHS_AFTER_PERIOD) - ONE_DAY


def reporting_schedule_generate(project: Project) -> list[ReportingDeadline]:
    """One deadline per reporting period (kind both, the last one final), unless the project has a schedule already.
    Called by contract_record inside its transaction."""
    if project.reporting_deadlines.exists():
        return list(project.reporting_deadlines.all())
    periods = sorted(period_dates(project).values(), key=lambda p: p.number)
    deadlines = ReportingDeadline.objects.bulk_create(
        ReportingDeadline(
            project=project,
            period=period.number,
            kind=DeadlineKind.BOTH,
            due_date=default_due_date(period),
            final=index == len(periods) - 1,
        )
        for index, period in enumerate(periods)
    )
    if deadlines:
        audit_record(
            action="reporting_schedule.generate",
            actor=None,
            target=project,
            changes={f"P{d.period}": (None, d.due_date) for d in deadlines},
        )
    return deadlines


@transaction.atomic
def reporting_schedule_create(*, project: Project, by) -> list[ReportingDeadline]:
    """For a project contracted before schedules existed (or whose periods were unknown): generate it now."""
    project = _locked_contract_project(project, by)
    if project.reporting_deadlines.exists():
        raise ValidationError(_("The project has a reporting schedule already: edit it below."))
    deadlines = reporting_schedule_generate(project)
    if not deadlines:
        raise ValidationError(_("The project has no reporting period: check its duration and start date."))
    return deadlines


def contract_refusal(user, project: Project) -> str | None:
    """Why the user may not edit this project's contract (a staff member who can see the project)."""
    if project.status not in REPORTING_STATUSES:
        return _("The project is not contracted: there is no contract to edit yet.")
    return staff_refusal(user, project.programme, StaffAction.EDIT_CONTRACT)


def _locked_contract_project(project: Project, by) -> Project:
    project = locked_for_staff(project)
    staff_require(by, project.programme, StaffAction.EDIT_CONTRACT)
    require(contract_refusal(by, project))
    return project


@transaction.atomic
def contract_save(*, project: Project, by, contract_date: date | None, website: str, managers: dict) -> ProjectContract:
    """The contract's date and website and the lead partner's managers. `managers` maps a ManagerKind to a dict of
    name, email, phone; a kind with no name and no email is removed."""
    project = _locked_contract_project(project, by)
    errors = {}
    if contract_date and project.end_date and contract_date > project.end_date:
        errors["contract_date"] = _("The contract cannot be signed after the project ends.")
    for kind in ManagerKind.values:
        entry = {key: (value or "").strip() for key, value in (managers.get(kind) or {}).items()}
        if (entry.get("name") or entry.get("phone")) and not entry.get("email"):
            errors[f"{kind}_email"] = _("Enter the email address of this contact.")
        if (entry.get("email") or entry.get("phone")) and not entry.get("name"):
            errors[f"{kind}_name"] = _("Enter the name of this contact.")
    if errors:
        raise ValidationError(errors)
    contract, _created = ProjectContract.objects.get_or_create(project=project)
    changes = {}
    if contract.contract_date != contract_date:
        changes["contract_date"] = (contract.contract_date, contract_date)
    if contract.website != website:
        changes["website"] = (contract.website, website)
    contract.contract_date, contract.website, contract.changed_by = contract_date, website, by
    contract.save()
    existing = {contact.kind: contact for contact in project.manager_contacts.all()}
    for kind in ManagerKind.values:
        entry = {key: (value or "").strip() for key, value in (managers.get(kind) or {}).items()}
        contact = existing.get(kind)
        if not entry.get("name"):
            if contact:
                changes[kind] = (contact.name, None)
                contact.delete()
            continue
        values = {"name": entry["name"], "email": entry["email"], "phone": entry.get("phone", "")}
        if contact is None:
            ProjectManagerContact.objects.create(project=project, kind=kind, **values)
            changes[kind] = (None, values["name"])
        elif any(getattr(contact, key) != value for key, value in values.items()):
            changes[kind] = (f"{contact.name} <{contact.email}>", f"{values['name']} <{values['email']}>")
            for key, value in values.items():
                setattr(contact, key, value)
            contact.save()
    if changes:
        audit_record(action="contract.edit", actor=by, target=project, changes=changes)
    return contract


@transaction.atomic
def contract_document_add(*, project: Project, by, kind: str, title: str, upload) -> ContractDocument:
    project = _locked_contract_project(project, by)
    if kind not in ContractDocumentKind.values:
        raise ValidationError({"kind": _("Choose what kind of document this is.")})
    if problem := upload_problem(upload):
        raise ValidationError({"file": problem})
    suffix = Path(upload.name).suffix.lower()
    document = ContractDocument(
        project=project,
        kind=kind,
        title=(title or "").strip()[:200] or Path(upload.name).stem[:200],
        original_name=Path(upload.name).name[:255],
        content_type=ALLOWED[suffix],
        size=upload.size,
        uploaded_by=by,
    )
    document.file.save(upload.name, upload, save=False)
    document.save()
    audit_record(action="contract.document_add", actor=by, target=project, changes={"document": (None, document.title)})
    return document


@transaction.atomic
def contract_document_delete(*, document: ContractDocument, by) -> None:
    _locked_contract_project(document.project, by)
    stored, storage = document.file.name, document.file.storage
    audit_record(
        action="contract.document_delete",
        actor=by,
        target=document.project,
        changes={"document": (document.title, None)},
    )
    document.delete()
    transaction.on_commit(lambda: storage.delete(stored))


@dataclass
class ScheduleRow:
    deadline: ReportingDeadline
    due_date: date | None
    kind: str
    final: bool
    comment: str = ""


@dataclass
class ScheduleInvalid(Exception):
    """The schedule's problems: by row (the deadline's pk → field → message) and for the whole schedule."""

    rows: dict[int, dict[str, str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)


def schedule_problems(project: Project, rows: list[ScheduleRow]) -> ScheduleInvalid:
    problems = ScheduleInvalid()
    periods = period_dates(project)
    latest = add_months(project.end_date, DEADLINE_MAX_MONTHS_AFTER_END) if project.end_date else None
    for row in rows:
        errors = {}
        period = periods.get(row.deadline.period)
        if row.due_date is None:
            errors["due_date"] = _("Enter the due date.")
        elif period and row.due_date <= period.starts:
            errors["due_date"] = _("The reports of this period cannot be due before it starts (%(day)s).") % {
                "day": period.starts.isoformat()
            }
        elif latest and row.due_date > latest:
            errors["due_date"] = _(
                "A deadline can be at most %(n)d months after the project ends (%(day)s at the latest)."
            ) % {"n": DEADLINE_MAX_MONTHS_AFTER_END, "day": latest.isoformat()}
        if row.kind not in DeadlineKind.values:
            errors["kind"] = _("Choose which report is due.")
        if len(row.comment) > 300:
            errors["comment"] = _("Keep the comment under 300 characters.")
        if errors:
            problems.rows[row.deadline.pk] = errors
    finals = [row for row in rows if row.final]
    if rows and len(finals) != 1:
        problems.general.append(_("Mark exactly one deadline as the final report's."))
    elif (
        finals
        and rows
        and any(row.due_date and finals[0].due_date and row.due_date > finals[0].due_date for row in rows)
    ):
        problems.rows.setdefault(finals[0].deadline.pk, {}).setdefault(
            "final", _("The final report's deadline must be the last one.")
        )
    return problems


@transaction.atomic
def schedule_save(*, project: Project, by, rows: list[ScheduleRow]) -> None:
    """Save the whole schedule, or nothing: the rows' deadlines must be this project's."""
    project = _locked_contract_project(project, by)
    mine = {deadline.pk: deadline for deadline in project.reporting_deadlines.select_for_update()}
    if sorted(row.deadline.pk for row in rows) != sorted(mine):  # every deadline of the project, once
        raise ValidationError(_("The schedule changed meanwhile: reload the page."))
    problems = schedule_problems(project, rows)
    if problems.rows or problems.general:
        raise problems
    changes = {}
    # the unique "one final" constraint: clear the old final first
    ReportingDeadline.objects.filter(project=project, final=True).exclude(
        pk__in=[row.deadline.pk for row in rows if row.final]
    ).update(final=False)
    for row in rows:
        deadline = mine[row.deadline.pk]
        new = {"due_date": row.due_date, "kind": row.kind, "final": row.final, "comment": row.comment.strip()}
        for key, value in new.items():
            if getattr(deadline, key) != value:
                changes[f"P{deadline.period} {key}"] = (getattr(deadline, key), value)
                setattr(deadline, key, value)
        deadline.save()
    if changes:
        audit_record(action="reporting_schedule.edit", actor=by, target=project, changes=changes)
        notify(
            event="reporting.schedule_changed",
            actor=by,
            target=project,
            recipients=User.objects.filter(collaborations__project=project).exclude(pk=by.pk),
            title=Message(gettext_noop("The reporting schedule of %(acronym)s changed"), acronym=project.acronym),
            body=Message(gettext_noop("Open the contract page to see the new deadlines.")),
            url=reverse("projects:contract", args=[project.pk]),
        )


@transaction.atomic
def bank_details_save(
    *, partner: ProjectPartner, by, account_holder: str, iban: str, bic: str = "", bank_name: str = ""
) -> PartnerBankAccount:
    """The partner's bank account, entered by its contact person or the project's managers. The IBAN is never
    written in full anywhere but its own row: the audit entry and the notice show it masked."""
    partner = ProjectPartner.objects.select_for_update().select_related("project").get(pk=partner.pk)
    require(bank_edit_refusal(by, partner))
    if partner.project.status not in REPORTING_STATUSES:
        raise ValidationError(_("Bank details are entered once the project is contracted."))
    errors = {}
    account_holder, bank_name = (account_holder or "").strip(), (bank_name or "").strip()
    iban, bic = normalise_iban(iban), (bic or "").replace(" ", "").upper()
    if not account_holder:
        errors["account_holder"] = _("Enter the account holder's name.")
    if not iban:
        errors["iban"] = _("Enter the IBAN.")
    elif problem := iban_problem(iban):
        errors["iban"] = problem
    account = PartnerBankAccount.objects.filter(partner=partner).first() or PartnerBankAccount(partner=partner)
    account.account_holder, account.iban, account.bic, account.bank_name = (
        account_holder[:200],
        iban,
        bic,
        bank_name[:200],
    )
    if not errors:
        try:
            account.full_clean(exclude=["partner"])
        except ValidationError as error:
            errors.update({key: messages[0] for key, messages in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    before = PartnerBankAccount.objects.filter(pk=account.pk).first() if account.pk else None
    changes = {"iban": (masked_iban(before.iban) if before else None, masked_iban(iban))}
    for key in ("account_holder", "bic", "bank_name"):
        if before is None or getattr(before, key) != getattr(account, key):
            changes[key] = (getattr(before, key) if before else None, getattr(account, key))
    account.changed_by = by
    account.save()
    audit_record(action="bank_details.change", actor=by, target=partner, changes=changes)
    managers = User.objects.filter(
        collaborations__project=partner.project, collaborations__level=CollaboratorLevel.MANAGE
    )
    recipients = [user for user in managers if user.pk != by.pk]
    if partner.contact_user_id and partner.contact_user_id != by.pk:
        recipients.append(partner.contact_user)
    notify(
        event="partner.bank_details_changed",
        actor=by,
        target=partner,
        recipients=recipients,
        title=Message(gettext_noop("The bank details of %(partner)s changed"), partner=partner),
        body=Message(
            gettext_noop(
                "The account now ends in %(end)s. If you did not expect this change, tell the programme at once."
            ),
            end=masked_iban(iban),
        ),
        url=reverse("projects:contract", args=[partner.project_id]),
    )
    return account
