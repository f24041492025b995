"""The staff steps on an application: eligibility check, assessors, quality scores, decision, contract.

Each is a form page; on POST the service decides (role, status, rules) and a refusal is shown next to the field.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programmes.application_form import SECTION_KEYS
from programmes.staff import StaffAction, staff_refusal

from ...answers import application_answers
from ...models import Assessment, AssessmentKind
from ...permissions import require
from ...rules import stage_sections
from ...sections import criteria_with_sections, section_refs
from ...services.assessment import assessors_assign, eligibility_record, programme_assessors, quality_record
from ...services.decisions import concept_decide, contract_record, decision_record, eligibility_date
from ...services.section_comments import section_comment_refusal, section_comment_save, section_comments_by_section
from ...staff_forms import (
    AssessorsForm,
    ConceptDecisionForm,
    ContractForm,
    DecisionForm,
    EligibilityForm,
    QualityForm,
    SectionCommentForm,
)
from ..common import add_service_error
from .common import application_or_404, programme_or_404, staff_context, staff_only


def _step(request, slug, pk, *, action, build, act, done: str, template: str, title: str, more=None, **extra):
    """Staff without the role's right get a 403 with the reason; GET shows the form; a valid POST runs
    `act(project, form)`; the service's refusal goes back next to its field (400)."""
    programme = programme_or_404(request, slug)
    project = application_or_404(request, programme, pk)
    require(action(project) if callable(action) else staff_refusal(request.user, programme, action))
    form = build(project, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            act(project, form)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, done)
            return redirect("staff:application", slug=programme.slug, pk=project.pk)
    context = {
        **staff_context(request, programme, "applications"),
        "project": project,
        "form": form,
        "title": title,
        **extra,
        **(more(project) if more else {}),
    }
    return render(request, template, context, status=400 if form.errors else 200)


def _assessed(request, page: str, *, criteria: bool = False, keys=None):
    """The application's sections beside an assessment form: each section read-only (all, or `keys(project)`),
    the assessors' comments on it with the user's own comment form, and the criteria with the sections they score."""

    def more(project):
        comments = section_comments_by_section(project)
        rows = []
        for ref in section_refs(keys(project) if keys else None):
            on_section = comments.get(ref.key, [])
            mine = next((c.text for c in on_section if c.author_id == request.user.pk), "")
            form = SectionCommentForm(section=ref.key, initial={"text": mine, "return_to": page})
            rows.append({"ref": ref, "comments": on_section, "form": form})
        return {
            "answers": application_answers(project),
            "answer_sections": rows,
            "comment_refusal": section_comment_refusal(request.user, project),
            "criteria_sections": criteria_with_sections(project.call) if criteria else None,
        }

    return more


@staff_only
def eligibility(request, slug: str, pk: int):
    def build(project, data):
        previous = project.assessments.filter(kind=AssessmentKind.ELIGIBILITY).prefetch_related("items").first()
        return EligibilityForm(data, call=project.call, previous=previous)

    def act(project, form):
        eligibility_record(project=project, by=request.user, results=form.results())

    return _step(
        request,
        slug,
        pk,
        action=StaffAction.CHECK_ELIGIBILITY,
        build=build,
        act=act,
        done=_("Eligibility recorded."),
        template="projects/staff/checklist.html",
        title=_("Eligibility check"),
        more=_assessed(request, "eligibility"),
        intro=_(
            "Mark each item passed or failed. If one fails, the application is ineligible; say why, because the "
            "applicants read the comments."
        ),
        submit=_("Record the eligibility check"),
    )


@staff_only
def assessors(request, slug: str, pk: int):
    def build(project, data):
        current = project.assessments.filter(kind=AssessmentKind.QUALITY).values_list("assessor", flat=True)
        candidates = programme_assessors(project.programme)
        return AssessorsForm(data, candidates=candidates, initial={"assessors": list(current)})

    def act(project, form):
        assessors_assign(project=project, by=request.user, assessors=form.cleaned_data["assessors"])

    return _step(
        request,
        slug,
        pk,
        action=StaffAction.ASSIGN_ASSESSORS,
        build=build,
        act=act,
        done=_("Assessors assigned."),
        template="projects/staff/step.html",
        title=_("Assign assessors"),
    )


@staff_only
def quality(request, slug: str, pk: int):
    def mine(project):
        return Assessment.objects.filter(project=project, kind=AssessmentKind.QUALITY, assessor=request.user)

    def assigned(project):
        return None if mine(project).exists() else _("Only the assessors assigned to this application can score it.")

    def build(project, data):
        return QualityForm(data, call=project.call, previous=mine(project).prefetch_related("items").first())

    def act(project, form):
        quality_record(project=project, by=request.user, scores=form.scores(), comment=form.cleaned_data["comment"])

    return _step(
        request,
        slug,
        pk,
        action=assigned,
        build=build,
        act=act,
        done=_("Your quality assessment is saved."),
        template="projects/staff/checklist.html",
        title=_("Quality assessment"),
        more=_assessed(request, "quality", criteria=True),
        intro=_("Score each criterion from 1 (poor) to 5 (excellent); the weighted total uses the weights shown."),
        submit=_("Save the assessment"),
    )


@staff_only
def decision(request, slug: str, pk: int):
    def build(project, data):
        eligible_on = eligibility_date(project)
        form = DecisionForm(data, initial={"decided_on": timezone.localdate()})
        if eligible_on:
            form.fields["decided_on"].help_text = _(
                "Not before the eligibility decision of %(date)s, not in the future."
            ) % {"date": eligible_on.isoformat()}
        return form

    def act(project, form):
        data = form.cleaned_data
        decision_record(
            project=project,
            by=request.user,
            outcome=data["outcome"],
            decided_on=data["decided_on"],
            conditions=data["conditions"],
        )

    return _step(
        request,
        slug,
        pk,
        action=StaffAction.DECIDE,
        build=build,
        act=act,
        done=_("Decision recorded; the applicants are told."),
        template="projects/staff/step.html",
        title=_("Funding decision"),
    )


@staff_only
def contract(request, slug: str, pk: int):
    def build(project, data):
        return ContractForm(data, initial={"start_date": project.start_date, "end_date": project.end_date})

    def act(project, form):
        data = form.cleaned_data
        contract_record(project=project, by=request.user, start_date=data["start_date"], end_date=data["end_date"])

    return _step(
        request,
        slug,
        pk,
        action=StaffAction.CONTRACT,
        build=build,
        act=act,
        done=_("Contract recorded: the project is contracted."),
        template="projects/staff/step.html",
        title=_("Contract"),
    )


@staff_only
def concept(request, slug: str, pk: int):
    """Step 1 of a two-step call: approve the concept note (on to the full form) or reject it."""

    def act(project, form):
        data = form.cleaned_data
        concept_decide(project=project, by=request.user, outcome=data["outcome"], note=data["note"])

    return _step(
        request,
        slug,
        pk,
        action=StaffAction.DECIDE_CONCEPT,
        build=lambda project, data: ConceptDecisionForm(data),
        act=act,
        done=_("Step 1 decided; the applicants are told."),
        template="projects/staff/step.html",
        title=_("Concept note (step 1)"),
        more=_assessed(request, "concept", keys=lambda project: stage_sections(project) or None),
    )


COMMENT_PAGES = {"quality": "staff:quality", "eligibility": "staff:eligibility", "concept": "staff:concept"}


@require_POST
@staff_only
def section_comment(request, slug: str, pk: int, section: str):
    """An assessor writes, changes or (emptied) removes their comment on a section; back to the page they came from."""
    programme = programme_or_404(request, slug)
    project = application_or_404(request, programme, pk)
    if section not in SECTION_KEYS:
        raise Http404
    require(section_comment_refusal(request.user, project))
    form = SectionCommentForm(request.POST, section=section)
    if form.is_valid():
        try:
            section_comment_save(project=project, section=section, by=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your comment on this section is saved."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    back = COMMENT_PAGES.get(request.POST.get("return_to", ""), "staff:application")
    return redirect(reverse(back, args=[programme.slug, project.pk]) + f"#section-{section}")
