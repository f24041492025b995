"""The call report: every application of a call with its partners, budgets, scores and decision."""

from django.db.models import F
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from interact_portal.reports.registry import Scope, Sheet
from partnerships.budget import CostOptions
from partnerships.models import ProjectPartner
from programmes.choices import CostCategory, Fund
from programmes.models import Call, CallFund
from programmes.staff import staff_programmes

from ..criteria import criterion_names
from ..models import AssessmentItem, AssessmentKind
from ..permissions import staff_visible
from ..workflow import Status
from . import columns
from .access import may_download, object_id, require_reporting

__all__ = ["may_download", "scope", "sheets"]


def scope(user, parameters: dict) -> Scope:
    call = get_object_or_404(
        Call.objects.filter(programme__in=staff_programmes(user)).select_related("programme"),
        pk=object_id(parameters, "call"),
    )
    require_reporting(user, call.programme)
    title = _("Call report %(reference)s") % {"reference": call.reference}
    return Scope(title=title, parameters={"call": call.pk}, programme=call.programme)


def _submitted_columns(call) -> list[tuple[str, object]]:
    """What each application submitted (its latest snapshot): the size of its work plan, its budget by the call's
    cost categories (flat rates included) and its co-financing by the call's funds."""
    counts = [
        (_("Work packages"), "work_packages"),
        (_("Activities"), "activities"),
        (_("Deliverables"), "deliverables"),
        (_("Outputs"), "outputs"),
        (_("Results"), "results"),
    ]
    categories = dict(CostCategory.choices)
    funds = dict(Fund.choices)
    return [
        *((label, columns.submitted(key)) for label, key in counts),
        *(
            (_("%(category)s (EUR)") % {"category": categories[c]}, columns.submitted("by_category", c, amount=True))
            for c in CostOptions.of(call).shown
        ),
        (_("Preparation lump sum (EUR)"), columns.submitted("preparation", amount=True)),
        *(
            (_("%(fund)s co-financing (EUR)") % {"fund": funds.get(f, f)}, columns.submitted("by_fund", f, amount=True))
            for f in CallFund.objects.filter(call=call).order_by("fund").values_list("fund", flat=True)
        ),
    ]


def sheets(parameters: dict) -> list[Sheet]:
    # authorised when asked for (scope): the staff's view of the call's applications
    applications = staff_visible(None).filter(call_id=parameters["call"])
    call = Call.objects.get(pk=parameters["call"])
    zone = call.timezone  # times in the call's zone
    return [
        Sheet(
            _("Applications"),
            [
                (_("Application"), "id"),
                (_("Acronym"), "acronym"),
                (_("Title"), "title"),
                (_("Status"), columns.labelled("status", Status.choices)),
                (_("Specific objective"), "specific_objective__code"),
                (columns.time_header(_("Submitted"), zone), columns.local_time("submitted_at", zone)),
                (_("Lead partner"), columns.lead("organisation__name")),
                (_("Lead partner country"), columns.lead("organisation__country__code")),
                (_("Partners"), columns.partner_count()),
                (_("Partner countries"), columns.partner_countries()),
                (_("Total budget (EUR)"), columns.partner_budget()),
                (_("Requested EU funding (EUR)"), columns.requested_funding()),
                *_submitted_columns(call),
                (_("Eligible"), columns.eligibility_passed()),
                (_("Quality assessments"), columns.quality("count")),
                (_("Average weighted score"), columns.quality("average")),
                (_("Decision"), columns.latest_decision("outcome")),
                (_("Decision date"), columns.latest_decision("decided_on")),
                (_("Conditions"), columns.latest_decision("conditions")),
            ],
            applications.order_by("acronym", "pk"),
        ),
        Sheet(
            _("Partners"),
            columns.partner_columns(_("Application")),
            ProjectPartner.objects.filter(project__in=applications).order_by(
                "project__acronym", "project_id", "order", "pk"
            ),
        ),
        Sheet(
            _("Scores"),
            [
                (_("Application"), "assessment__project_id"),
                (_("Acronym"), "assessment__project__acronym"),
                (_("Assessor"), "assessment__assessor__email"),
                (_("Criterion"), columns.labelled("criterion", criterion_names(call).items())),
                (_("Score"), "score"),
                (_("Comment"), "comment"),
                (_("Weighted total"), F("assessment__total_score")),
            ],
            AssessmentItem.objects.filter(
                assessment__project__in=applications,
                assessment__kind=AssessmentKind.QUALITY,
                assessment__completed_at__isnull=False,
            ).order_by("assessment__project__acronym", "assessment_id", "pk"),
        ),
    ]
