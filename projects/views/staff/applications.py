"""The programme's applications for staff: a filtered, sorted list, and each application's full record."""

from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef, Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404, render

from interact_portal.audit.models import AuditEntry
from interact_portal.core.uploads import attachment
from partnerships.choices import PartnerRole
from partnerships.models import ProjectPartner

from ...criteria import eligibility_checklist, quality_criteria
from ...models import Assessment, AssessmentKind
from ...permissions import staff_visible
from ...reports import columns
from ...sections import SECTION_LABELS
from ...services.assessment import programme_assessors
from ...services.section_comments import section_comments_by_section
from ...staff_forms import ApplicationFilterForm
from .common import application_or_404, programme_or_404, staff_context, staff_only

ORDER = {
    "-submitted": [F("submitted_at").desc(nulls_last=True), "-pk"],
    "submitted": [F("submitted_at").asc(nulls_last=True), "pk"],
    "acronym": ["acronym", "pk"],
    "-requested": [F("requested").desc(nulls_last=True), "-pk"],
    "-score": [F("score").desc(nulls_last=True), "-pk"],
}


@staff_only
def application_list(request, slug: str):
    programme = programme_or_404(request, slug)
    form = ApplicationFilterForm(request.GET, programme=programme, assessors=programme_assessors(programme))
    chosen = form.filters()
    applications = staff_visible(request.user, programme=programme)
    for word in chosen.get("q", "").split()[:8]:
        applications = applications.filter(_matches(word))
    if "call" in chosen:
        applications = applications.filter(call=chosen["call"])
    if "status" in chosen:
        applications = applications.filter(status=chosen["status"])
    if "objective" in chosen:
        applications = applications.filter(specific_objective=chosen["objective"])
    if "country" in chosen:
        partners = ProjectPartner.objects.filter(project=OuterRef("pk"), organisation__country=chosen["country"])
        applications = applications.filter(Exists(partners))
    if "assessor" in chosen:
        assigned = Assessment.objects.filter(project=OuterRef("pk"), assessor=chosen["assessor"])
        applications = applications.filter(Exists(assigned.filter(kind=AssessmentKind.QUALITY)))
    applications = (
        applications.select_related("call", "specific_objective")
        .annotate(
            requested=columns.requested_funding(),
            score=columns.quality("average"),
            lead_name=columns.lead("organisation__name"),
            lead_country_code=columns.lead("organisation__country_id"),
        )
        .order_by(*ORDER[chosen.get("sort", "-submitted")])
    )
    page = Paginator(applications, 25).get_page(request.GET.get("page"))
    context = {**staff_context(request, programme, "applications"), "form": form, "page": page}
    return render(request, "projects/staff/applications.html", context)


def _matches(word: str) -> Q:
    """One searched word: in the acronym, the title or the lead partner's name."""
    lead = ProjectPartner.objects.filter(
        project=OuterRef("pk"), role=PartnerRole.LEAD, organisation__name__icontains=word
    )
    return Q(acronym__icontains=word) | Q(title__icontains=word) | Exists(lead)


@staff_only
def application_detail(request, slug: str, pk: int):
    programme = programme_or_404(request, slug)
    project = application_or_404(request, programme, pk)
    assessments = list(
        project.assessments.select_related("assessor").prefetch_related("items").order_by("kind", "assessor__email")
    )
    eligibility = next((a for a in assessments if a.kind == AssessmentKind.ELIGIBILITY), None)
    quality = [a for a in assessments if a.kind == AssessmentKind.QUALITY]
    totals = [a.total_score for a in quality if a.completed_at]
    submission = project.submissions.order_by("-number").first()
    criteria = quality_criteria(project.call)
    context = {
        **staff_context(request, programme, "applications"),
        "project": project,
        "submission": submission,
        "snapshot": submission.snapshot if submission else None,
        "annexes": project.annexes.all(),
        "history": project.status_history.select_related("by"),
        "decisions": project.decisions.select_related("decided_by"),
        "eligibility": _labelled(eligibility, dict(eligibility_checklist(project.call))),
        "quality": [_labelled(a, {c.key: c.label for c in criteria}) for a in quality],
        "average": sum(totals) / len(totals) if totals else None,
        "spread": max(totals) - min(totals) if len(totals) > 1 else None,
        "my_assessment": next((a for a in quality if a.assessor_id == request.user.pk), None),
        "criteria": [(c.name, c.label, c.weight) for c in criteria],
        "trail": AuditEntry.objects.about(project)[:200],
        "section_comments": [
            (SECTION_LABELS.get(key, key), comments) for key, comments in section_comments_by_section(project).items()
        ],
    }
    return render(request, "projects/staff/application.html", context)


def _labelled(assessment, labels: dict):
    """The assessment with its items in checklist order, each carrying its label."""
    if assessment is None:
        return None
    order = {key: n for n, key in enumerate(labels)}
    assessment.rows = sorted(assessment.items.all(), key=lambda item: order.get(item.criterion, len(order)))
    for item in assessment.rows:
        item.label = labels.get(item.criterion, item.criterion)
    return assessment


@staff_only
def annex_download(request, slug: str, pk: int, annex_pk: int) -> FileResponse:
    programme = programme_or_404(request, slug)
    project = application_or_404(request, programme, pk)
    annex = get_object_or_404(project.annexes.all(), pk=annex_pk)
    return attachment(annex.file, annex.original_name)
