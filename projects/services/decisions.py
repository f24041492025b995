"""Funding decisions and contracts: the date rules, the approval precondition, and the workflow step."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from interact_portal.accounts.models import User
from interact_portal.audit.services import audit_record
from interact_portal.notifications.messages import Message, When
from interact_portal.notifications.services import notify
from programmes.staff import StaffAction, staff_require

from ..models import Assessment, AssessmentKind, Decision, DecisionOutcome, Project, Stage, VersionOrigin
from ..versions import version_capture
from ..workflow import Status
from .contracting import reporting_schedule_generate
from .workflow import locked_for_staff, project_transition, require_status, staff_transition

APPROVALS = (DecisionOutcome.APPROVED, DecisionOutcome.APPROVED_WITH_CONDITIONS)


def eligibility_date(project: Project) -> date | None:
    """The day the application was last found eligible (in the portal's time zone)."""
    change = project.status_history.filter(to_status=Status.ELIGIBLE).order_by("-at", "-pk").first()
    return timezone.localdate(change.at) if change else None


def decision_problems(project: Project, *, outcome: str, decided_on: date | None, conditions: str) -> dict:
    """Why this decision cannot be recorded, by field (empty when it can)."""
    errors = {}
    if decided_on is None:
        errors["decided_on"] = _("Enter the date of the decision.")
    elif decided_on > timezone.localdate():
        errors["decided_on"] = _("The decision date cannot be in the future.")
    elif (eligible_on := eligibility_date(project)) and decided_on < eligible_on:
        errors["decided_on"] = _("The decision cannot be dated before the eligibility decision of %(date)s.") % {
            "date": eligible_on.isoformat()
        }
    if outcome not in DecisionOutcome.values:
        errors["outcome"] = _("Choose approve, approve with conditions, or not approve.")
    elif (
        outcome in APPROVALS
        and not Assessment.objects.filter(
            project=project, kind=AssessmentKind.QUALITY, completed_at__isnull=False
        ).exists()
    ):
        errors["outcome"] = _("An approval needs at least one completed quality assessment.")
    if outcome == DecisionOutcome.APPROVED_WITH_CONDITIONS and not conditions.strip():
        errors["conditions"] = _("Write the conditions the applicants must meet before they resubmit.")
    return errors


@transaction.atomic
def decision_record(*, project: Project, by, outcome: str, decided_on: date | None, conditions: str = "") -> Decision:
    """Approve, approve with conditions (back to the applicants, who resubmit), or not approve."""
    project = locked_for_staff(project)
    staff_require(by, project.programme, StaffAction.DECIDE)
    require_status(project, Status.ELIGIBLE, doing=_("decide"))
    if errors := decision_problems(project, outcome=outcome, decided_on=decided_on, conditions=conditions):
        raise ValidationError(errors)
    conditions = conditions.strip() if outcome == DecisionOutcome.APPROVED_WITH_CONDITIONS else ""
    decision = Decision.objects.create(
        project=project, outcome=outcome, decided_on=decided_on, conditions=conditions, decided_by=by
    )
    note = _("Decision of %(date)s.") % {"date": decided_on.isoformat()}
    audit_record(
        action="decision",
        actor=by,
        target=project,
        changes={"outcome": (None, outcome), "decided_on": (None, decided_on)},
        note=conditions,
    )
    staff_transition(project=project, to=outcome, by=by, note=f"{note}\n{conditions}".strip())
    return decision


@transaction.atomic
def contract_record(*, project: Project, by, start_date: date | None, end_date: date | None) -> Project:
    """An approved application becomes a contracted project, with its start and end dates."""
    project = locked_for_staff(project)
    staff_require(by, project.programme, StaffAction.CONTRACT)
    require_status(project, Status.APPROVED, doing=_("record the contract"))
    errors = {}
    if start_date is None:
        errors["start_date"] = _("Enter the project's start date.")
    if end_date is None:
        errors["end_date"] = _("Enter the project's end date.")
    elif start_date and end_date < start_date:
        errors["end_date"] = _("The project cannot end before it starts.")
    if errors:
        raise ValidationError(errors)
    changes = {"start_date": (project.start_date, start_date), "end_date": (project.end_date, end_date)}
    audit_record(action="project.contract", actor=by, target=project, changes=changes)
    project.start_date, project.end_date = start_date, end_date
    project.save(update_fields=["start_date", "end_date", "updated_at"])
    note = _("Contracted: the project runs from %(start)s to %(end)s.") % {
        "start": start_date.isoformat(),
        "end": end_date.isoformat(),
    }
    project = staff_transition(project=project, to=Status.CONTRACTED, by=by, note=note)
    # the contracted application is version 1: what reports measure against until a modification comes into force
    version_capture(project=project, by=by, origin=VersionOrigin.CONTRACT, in_force_from=start_date)
    reporting_schedule_generate(project)  # one deadline per reporting period (projects/services/contracting.py)
    return project


class ConceptOutcome:
    """Staff's decision on a concept note (step 1 of a two-step call)."""

    APPROVE = "approve"
    REJECT = "reject"


@transaction.atomic
def concept_decide(*, project: Project, by, outcome: str, note: str = "") -> Project:
    """Decide a concept note: approve → the same application, back to draft at the full-form stage (everything
    entered is kept; step 2 has its own deadline), or reject → not approved. Through the transition table, audited,
    the applicants told."""
    project = locked_for_staff(project)
    staff_require(by, project.programme, StaffAction.DECIDE_CONCEPT)
    require_status(project, Status.CONCEPT_SUBMITTED, doing=_("decide on the concept note"))
    note = note.strip()
    if outcome not in (ConceptOutcome.APPROVE, ConceptOutcome.REJECT):
        raise ValidationError({"outcome": _("Choose approve or reject.")})
    if outcome == ConceptOutcome.REJECT and not note:
        raise ValidationError({"note": _("Say why the concept note is rejected: the applicants read it.")})
    approve = outcome == ConceptOutcome.APPROVE
    if approve and project.call.deadline_for(Stage.FULL) <= timezone.now():
        raise ValidationError(
            {
                "outcome": _(
                    "The full application's deadline (step 2) has passed: move it in the call before approving, "
                    "so the applicants have time to complete it."
                )
            }
        )
    audit_record(
        action="concept.decision",
        actor=by,
        target=project,
        changes={"stage": (project.stage, Stage.FULL if approve else project.stage), "outcome": (None, outcome)},
        note=note,
    )
    if approve:
        project = project_transition(project=project, to=Status.DRAFT, by=by, note=note or _("Concept note approved."))
        project.stage = Stage.FULL
        project.save(update_fields=["stage", "updated_at"])
        # the step-1 reminders are spent: the full form is reminded of its own (step-2) deadline
        project.deadline_reminders.all().delete()
    else:
        project = project_transition(project=project, to=Status.NOT_APPROVED, by=by, note=note)
    _tell_concept_decision(project, by=by, approved=approve, note=note)
    return project


def _tell_concept_decision(project: Project, *, by, approved: bool, note: str) -> None:
    call = project.call
    if approved:
        deadline = call.deadline_for(Stage.FULL)
        title = Message(
            gettext_noop("%(acronym)s: the concept note is approved, fill in the full application"),
            acronym=project.acronym,
        )
        closes = Message("%(when)s (%(zone)s)", when=When(deadline, call.timezone), zone=call.timezone)
        body = Message.lines(
            Message(gettext_noop("The full application closes on %(when)s."), when=closes), note.strip()
        )
    else:
        title = Message(gettext_noop("%(acronym)s: the concept note is not approved"), acronym=project.acronym)
        body = note
    notify(
        event="application.concept_approved" if approved else "application.concept_rejected",
        actor=by,
        target=project,
        recipients=User.objects.filter(collaborations__project=project),
        title=title,
        body=body,
        url=reverse("projects:detail", args=[project.pk]),
    )
