"""Assessors' comments per section of an application: one per assessor per section, editable, read by the
programme's staff, never shown to the applicants (no applicant page, snapshot or PDF reads them)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from interact_portal.audit.services import audit_record
from programmes.application_form import SECTION_KEYS
from programmes.staff import StaffAction, may

from ..models import Assessment, AssessmentKind, Project, SectionComment
from ..workflow import Status

# while the application is being assessed: step 1 (concept note), eligibility and quality
COMMENTABLE = frozenset({Status.CONCEPT_SUBMITTED, Status.SUBMITTED, Status.ELIGIBLE})
TEXT_MAX = 5000


def section_comment_refusal(user, project: Project) -> str | None:
    """May this staff member comment on the sections? The assessors assigned to score its quality, and the
    programme's managers and officers (who check eligibility and decide concept notes), while it is assessed."""
    if project.status not in COMMENTABLE:
        return _("Sections can be commented while the application is assessed.")
    if may(user, project.programme, StaffAction.CHECK_ELIGIBILITY):
        return None
    if Assessment.objects.filter(project=project, kind=AssessmentKind.QUALITY, assessor=user).exists():
        return None
    return _("Only the application's assessors and the programme's managers and officers comment on its sections.")


def section_comments_by_section(project: Project) -> dict[str, list[SectionComment]]:
    """Every assessor's comment, by section key (one query)."""
    found: dict[str, list[SectionComment]] = {}
    for comment in project.section_comments.select_related("author").order_by("section", "created_at"):
        found.setdefault(comment.section, []).append(comment)
    return found


@transaction.atomic
def section_comment_save(*, project: Project, section: str, by, text: str) -> SectionComment | None:
    """Write, change or (with an empty text) remove the author's comment on one section."""
    project = Project.objects.select_for_update(of=("self",)).select_related("programme").get(pk=project.pk)
    if section not in SECTION_KEYS:
        raise ValidationError({"text": _("There is no such section.")})
    if refusal := section_comment_refusal(by, project):
        raise ValidationError(refusal)
    text = text.strip()
    if len(text) > TEXT_MAX:
        raise ValidationError({"text": _("A comment is at most %(n)d characters.") % {"n": TEXT_MAX}})
    existing = SectionComment.objects.filter(project=project, section=section, author=by).first()
    before = existing.text if existing else None
    if not text:
        if existing:
            existing.delete()
            audit_record(
                action="section_comment.removed",
                actor=by,
                target=project,
                changes={f"comment on {section}": (before, None)},
            )
        return None
    if existing:
        existing.text = text
        existing.save(update_fields=["text", "updated_at"])
        comment = existing
    else:
        comment = SectionComment.objects.create(project=project, section=section, author=by, text=text)
    audit_record(action="section_comment", actor=by, target=project, changes={f"comment on {section}": (before, text)})
    return comment
