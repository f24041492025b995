"""Staff assessment of an application: the eligibility checklist, assigning assessors, quality scores."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from interact_portal.accounts.models import User
from interact_portal.audit.services import audit_record
from interact_portal.notifications.messages import Message
from interact_portal.notifications.services import notify
from programmes.choices import StaffRole
from programmes.staff import StaffAction, staff_require

from ..criteria import eligibility_checklist, quality_criteria, weighted_total
from ..models import Assessment, AssessmentItem, AssessmentKind, Project
from ..workflow import Status
from .workflow import locked_for_staff, require_status, staff_transition


@transaction.atomic
def eligibility_record(*, project: Project, by, results: dict[str, tuple[bool, str]]) -> Project:
    """Record the checklist (pass/fail and a comment per item): all passed → eligible, otherwise ineligible.

    A failed item needs its comment: it is what the applicants are told. A resubmitted application (after an
    approval with conditions) is checked again; the earlier check is replaced, its history kept in the status log.
    """
    project = locked_for_staff(project)
    staff_require(by, project.programme, StaffAction.CHECK_ELIGIBILITY)
    require_status(project, Status.SUBMITTED, doing=_("check eligibility"))
    checklist = eligibility_checklist(project.call)
    errors = {}
    for key, label in checklist:
        if key not in results:
            errors[key] = _("Mark “%(item)s” as passed or failed.") % {"item": label}
        elif not results[key][0] and not results[key][1].strip():
            errors[f"{key}_comment"] = _("Say why this item failed: the applicants will read it.")
    if errors:
        raise ValidationError(errors)
    passed = all(results[key][0] for key, _ in checklist)
    check = Assessment.objects.filter(project=project, kind=AssessmentKind.ELIGIBILITY).first()
    before = check.passed if check else None
    check = check or Assessment(project=project, kind=AssessmentKind.ELIGIBILITY, assessor=by)
    check.assessor, check.passed, check.completed_at = by, passed, timezone.now()
    check.save()
    check.items.all().delete()
    AssessmentItem.objects.bulk_create(
        AssessmentItem(assessment=check, criterion=key, passed=results[key][0], comment=results[key][1].strip())
        for key, _ in checklist
    )
    failed = [f"{label}: {results[key][1].strip()}" for key, label in checklist if not results[key][0]]
    note = "\n".join(failed) if failed else _("Every eligibility criterion is met.")
    audit_record(
        action="assessment.eligibility", actor=by, target=project, changes={"passed": (before, passed)}, note=note
    )
    return staff_transition(project=project, to=Status.ELIGIBLE if passed else Status.INELIGIBLE, by=by, note=note)


# controllers and finance officers work after the contract; they assess nothing
ASSESSING_ROLES = (StaffRole.MANAGER, StaffRole.OFFICER, StaffRole.ASSESSOR)


def programme_assessors(programme):
    """Who may be assigned to assess the programme's applications: its managers, officers and assessors."""
    return User.objects.filter(
        programme_roles__programme=programme, programme_roles__role__in=ASSESSING_ROLES, is_active=True
    ).order_by("email")


@transaction.atomic
def assessors_assign(*, project: Project, by, assessors) -> list[Assessment]:
    """Set who assesses the quality; newly assigned people are notified. Someone who has already scored stays."""
    project = locked_for_staff(project)
    staff_require(by, project.programme, StaffAction.ASSIGN_ASSESSORS)
    require_status(project, Status.SUBMITTED, Status.ELIGIBLE, doing=_("assign assessors"))
    chosen = {user.pk: user for user in assessors}
    allowed = set(programme_assessors(project.programme).values_list("pk", flat=True))
    if set(chosen) - allowed:
        raise ValidationError({"assessors": _("Assessors must be staff of this programme.")})
    current = Assessment.objects.filter(project=project, kind=AssessmentKind.QUALITY)
    before = sorted(current.values_list("assessor__email", flat=True))
    current.filter(completed_at__isnull=True).exclude(assessor__in=list(chosen)).delete()
    existing = set(current.values_list("assessor_id", flat=True))
    added = [user for pk, user in chosen.items() if pk not in existing]
    Assessment.objects.bulk_create(
        Assessment(project=project, kind=AssessmentKind.QUALITY, assessor=user) for user in added
    )
    after = sorted(current.values_list("assessor__email", flat=True))
    audit_record(action="assessment.assessors", actor=by, target=project, changes={"assessors": (before, after)})
    notify(
        event="application.assessor_assigned",
        actor=by,
        target=project,
        recipients=added,
        title=Message(gettext_noop("Please assess %(acronym)s"), acronym=project.acronym),
        body=Message(
            gettext_noop("You were assigned to assess the quality of %(acronym)s (%(call)s)."),
            acronym=project.acronym,
            call=project.call.reference if project.call else "",
        ),
        url=reverse("staff:application", args=[project.programme.slug, project.pk]),
    )
    return list(current)


@transaction.atomic
def quality_record(*, project: Project, by, scores: dict[str, tuple[int, str]], comment: str = "") -> Assessment:
    """An assigned assessor's scores (1–5 and a comment per criterion); the weighted total is computed here."""
    project = locked_for_staff(project)
    assessment = Assessment.objects.filter(project=project, kind=AssessmentKind.QUALITY, assessor=by).first()
    if assessment is None:
        raise PermissionDenied(_("Only the assessors assigned to this application can score it."))
    require_status(project, Status.ELIGIBLE, doing=_("score its quality"))
    keys = [criterion.key for criterion in quality_criteria(project.call)]
    errors = {key: _("Give a score from 1 to 5.") for key in keys if scores.get(key, (None,))[0] not in range(1, 6)}
    if errors:
        raise ValidationError(errors)
    before = assessment.total_score
    assessment.total_score = weighted_total(project.call, {key: scores[key][0] for key in keys})
    assessment.comment, assessment.completed_at = comment.strip(), timezone.now()
    assessment.save(update_fields=["total_score", "comment", "completed_at"])
    assessment.items.all().delete()
    AssessmentItem.objects.bulk_create(
        AssessmentItem(assessment=assessment, criterion=key, score=scores[key][0], comment=scores[key][1].strip())
        for key in keys
    )
    audit_record(
        action="assessment.quality",
        actor=by,
        target=project,
        changes={"total_score": (before, assessment.total_score)} | {key: (None, scores[key][0]) for key in keys},
        note=assessment.comment,
    )
    return assessment
