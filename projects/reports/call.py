"""The call report: every application of a call with its partners, budgets, scores and decision."""

from django.db.models import F
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from interact_portal.reports.registry import Scope, Sheet
from partnerships.models import ProjectPartner
from programmes.models import Call
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


def sheets(parameters: dict) -> list[Sheet]:
    # authorised when asked for (scope): the staff's view of the call's applications
    applications = staff_visible(None).filter(call_id=parameters["call"])
    call = Call.objects.only("timezone").get(pk=parameters["call"])
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
