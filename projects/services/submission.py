"""Submitting an application: atomic, idempotent, refused with every reason when something is missing."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from interact_portal.accounts.models import User
from interact_portal.core.queue import enqueue_on_commit
from interact_portal.notifications.languages import in_language, requested_language
from interact_portal.notifications.messages import Message, When
from interact_portal.notifications.services import notify
from programmes.choices import StaffRole

from ..models import Project, Stage, Submission
from ..permissions import manage_refusal, require
from ..rules import Problem, submission_problems
from ..snapshot import application_snapshot
from ..workflow import EDITABLE_STATUSES, Status
from .workflow import project_transition


class SubmissionIncomplete(ValidationError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__([problem.message for problem in problems])


@transaction.atomic
def application_submit(*, project: Project, by) -> tuple[Project, bool]:
    """Submit once: a second click or a second tab finds the application submitted and changes nothing.

    Returns the project and whether this call submitted it.
    """
    project = Project.objects.select_for_update(of=("self",)).select_related("call", "programme").get(pk=project.pk)
    require(manage_refusal(by, project, while_editable=False))
    if project.status not in EDITABLE_STATUSES:
        return project, False
    problems = submission_problems(project)
    if problems:
        raise SubmissionIncomplete(problems)
    now = timezone.now()
    number = project.submissions.count() + 1
    submission = Submission.objects.create(
        project=project,
        number=number,
        submitted_at=now,
        submitted_by=by,
        language=requested_language(),
        snapshot={**application_snapshot(project, by=by, at=now, number=number), "stage": project.stage},
    )
    concept = project.stage == Stage.CONCEPT  # a two-step call's step 1: the concept note goes to staff's decision
    project = project_transition(
        project=project,
        to=Status.CONCEPT_SUBMITTED if concept else Status.SUBMITTED,
        by=by,
        note=(_("Concept note, submission %(n)d") if concept else _("Submission %(n)d")) % {"n": number},
    )
    Project.objects.filter(pk=project.pk).update(submitted_at=now)
    _tell_everyone(project, submission, by)
    from ..tasks import render_submission_pdf

    enqueue_on_commit(render_submission_pdf, submission.pk)
    return project, True


def _tell_everyone(project: Project, submission: Submission, by) -> None:
    collaborators = User.objects.filter(collaborations__project=project)
    staff = User.objects.filter(
        programme_roles__programme_id=project.programme_id,
        programme_roles__role__in=[role for role in StaffRole if role != StaffRole.CONTROLLER],
    )
    if project.stage == Stage.CONCEPT:
        title = Message(
            gettext_noop("The concept note of %(acronym)s was submitted to %(call)s"),
            acronym=project.acronym,
            call=project.call.reference,
        )
    else:
        title = Message(
            gettext_noop("%(acronym)s was submitted to %(call)s"), acronym=project.acronym, call=project.call.reference
        )
    body = Message(
        gettext_noop("Submission %(n)d by %(who)s on %(when)s."),
        n=submission.number,
        who=by.email,
        when=When(submission.submitted_at),
    )
    event = "application.concept_submitted" if project.stage == Stage.CONCEPT else "application.submitted"
    common = {"event": event, "actor": by, "target": project, "title": title, "body": body}
    notify(**common, recipients=collaborators, url=reverse("projects:detail", args=[project.pk]))
    pdf_url = reverse("projects:submission_pdf", args=[project.pk, submission.pk])
    notify(**common, recipients=staff.exclude(collaborations__project=project), url=pdf_url)


def submission_pdfs_missing(*, older_than: timedelta) -> list[int]:
    """Submissions whose PDF was never rendered (the broker was down, or every retry failed)."""
    pending = Submission.objects.filter(pdf="", submitted_at__lte=timezone.now() - older_than)
    return list(pending.order_by("pk").values_list("pk", flat=True)[:200])


def submission_pdf_render(*, submission_id: int) -> bool:
    """Render and store the PDF of a submission once; returns whether it was rendered now."""
    from ..pdf import submission_pdf

    with transaction.atomic():
        submission = Submission.objects.select_for_update().filter(pk=submission_id).first()
        if submission is None or submission.pdf:
            return False
        name = f"{submission.project_id}-{submission.number}.pdf"
        with in_language(submission.language):
            content = submission_pdf(submission.snapshot)
        submission.pdf.save(name, ContentFile(content), save=True)
    return True
