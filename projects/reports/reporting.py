"""Report kinds after the contract: the expenditure of a programme (every line of the submitted partner reports),
the control backlog (reports waiting for or in control, with their age), and the list of operations managing
authorities publish (Regulation (EU) 2021/1060, art. 49(3)) — the last one is public data."""

from django.contrib.postgres.aggregates import StringAgg
from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Concat
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from interact_portal.reports.registry import Scope, Sheet
from partnerships.choices import PartnerRole
from partnerships.models import ProjectPartner
from programmes.choices import CostCategory
from programmes.models import Programme
from programmes.staff import StaffAction, may, staff_programmes

from ..models import ExpenditureLine, LineControl, PartnerReport, Project
from ..reporting_access import REPORTING_STATUSES
from ..reporting_money import line_certified_eur
from ..reporting_workflow import IN_CONTROL, PartnerReportStatus
from ..workflow import Status
from . import columns
from .access import object_id

BACKLOG = (PartnerReportStatus.SUBMITTED, *IN_CONTROL)


# --- expenditure per programme ----------------------------------------------------------------------------------


def _money_programme(user, parameters: dict):
    programme = get_object_or_404(staff_programmes(user), pk=object_id(parameters, "programme"))
    if not may(user, programme, StaffAction.SEE_MONEY):
        from django.http import Http404

        raise Http404
    return programme


def expenditure_scope(user, parameters: dict) -> Scope:
    programme = _money_programme(user, parameters)
    title = _("Expenditure %(name)s") % {"name": programme.name}
    return Scope(title=title, parameters={"programme": programme.pk}, programme=programme)


def expenditure_sheets(parameters: dict) -> list[Sheet]:
    lines = ExpenditureLine.objects.filter(report__project__programme_id=parameters["programme"]).exclude(
        report__status=PartnerReportStatus.DRAFT
    )
    return [
        Sheet(
            _("Expenditure"),
            [
                (_("Project"), "report__project__acronym"),
                (_("Partner"), "partner__abbreviation"),
                (_("Organisation"), "partner__organisation__name"),
                (_("Report"), "report__number"),
                (_("Period"), "report__period"),
                (_("Line"), "number"),
                (_("Cost category"), columns.labelled("category", CostCategory.choices)),
                (_("Description"), "description"),
                (_("Supplier"), "supplier"),
                (_("Invoice"), "invoice_number"),
                (_("Invoice date"), "invoice_date"),
                (_("Payment date"), "payment_date"),
                (_("Amount"), "amount"),
                (_("Currency"), "currency"),
                (_("Amount (EUR)"), "amount_eur"),
                (_("Report status"), columns.labelled("report__status", PartnerReportStatus.choices)),
                (_("Control"), columns.labelled("control", LineControl.choices)),
                (_("Deducted (EUR)"), "deducted"),
                (_("Certified (EUR)"), line_certified_eur()),
            ],
            lines.order_by(
                "report__project__acronym",
                "report__project_id",
                "partner__order",
                "partner_id",
                "report__number",
                "number",
            ),
        )
    ]


def money_may_download(user, report) -> bool:
    return report.programme is not None and may(user, report.programme, StaffAction.SEE_MONEY)


# --- control backlog ---------------------------------------------------------------------------------------------


def backlog_scope(user, parameters: dict) -> Scope:
    programme = _money_programme(user, parameters)
    title = _("Control backlog %(name)s") % {"name": programme.name}
    return Scope(title=title, parameters={"programme": programme.pk}, programme=programme)


AGE_DAYS = Func(
    F("submitted_at"),
    template="(CURRENT_DATE - (%(expressions)s AT TIME ZONE 'UTC')::date)",
    output_field=IntegerField(),
)
CONTROLLER = Case(
    When(controller__isnull=True, then=Value(_("(not taken yet)"))),
    default=Concat("controller__first_name", Value(" "), "controller__last_name", output_field=CharField()),
    output_field=CharField(),
)


def backlog_sheets(parameters: dict) -> list[Sheet]:
    reports = PartnerReport.objects.filter(project__programme_id=parameters["programme"], status__in=BACKLOG)
    by_controller = (
        reports.annotate(who=CONTROLLER)
        .values("who")
        .annotate(
            submitted=Count("pk", filter=Q(status=PartnerReportStatus.SUBMITTED)),
            in_control=Count("pk", filter=Q(status=PartnerReportStatus.IN_CONTROL)),
            awaiting=Count("pk", filter=Q(status=PartnerReportStatus.AWAITING_CONFIRMATION)),
            oldest=Max(AGE_DAYS),
        )
    )
    return [
        Sheet(
            _("Reports"),
            [
                (_("Controller"), CONTROLLER),
                (_("Project"), "project__acronym"),
                (_("Partner"), "partner__abbreviation"),
                (_("Organisation"), "partner__organisation__name"),
                (_("Country"), "partner__organisation__country__code"),
                (_("Report"), "number"),
                (_("Period"), "period"),
                (_("Status"), columns.labelled("status", PartnerReportStatus.choices)),
                (_("Submitted"), "submitted_at__date"),
                (_("Age (days)"), AGE_DAYS),
            ],
            reports.order_by("controller__last_name", "controller__first_name", "controller_id", "submitted_at", "pk"),
        ),
        Sheet(
            _("By controller"),
            [
                (_("Controller"), F("who")),
                (_("Submitted"), F("submitted")),
                (_("In control"), F("in_control")),
                (_("Awaiting the second controller"), F("awaiting")),
                (_("Oldest (days)"), F("oldest")),
            ],
            by_controller.order_by("who"),
        ),
    ]


# --- list of operations (public) ---------------------------------------------------------------------------------


def operations(programme_id: int | None = None):
    """The operations to publish: contracted and closed projects, each with its beneficiaries' names (lead partner
    first), purpose, dates, total cost, EU co-financing rate and contribution, and location — never an email."""
    projects = Project.objects.filter(status__in=REPORTING_STATUSES)
    if programme_id:
        projects = projects.filter(programme_id=programme_id)
    partners = ProjectPartner.objects.filter(project=OuterRef("pk")).exclude(role=PartnerRole.ASSOCIATED)
    names = Subquery(
        partners.order_by()
        .values("project")
        .annotate(n=StringAgg("organisation__name", "; ", order_by=("order", "pk")))
        .values("n"),
        output_field=CharField(),
    )
    locations = Subquery(
        partners.order_by()
        .values("project")
        .annotate(
            n=StringAgg(
                Concat(
                    "organisation__country__code",
                    Case(
                        When(
                            organisation__nuts_region__isnull=False,
                            then=Concat(Value(" "), "organisation__nuts_region__code"),
                        ),
                        default=Value(""),
                    ),
                    output_field=CharField(),
                ),
                "; ",
                distinct=True,
            )
        )
        .values("n"),
        output_field=CharField(),
    )
    return projects.annotate(
        op_lead=columns.lead("organisation__name"),
        op_partners=names,
        op_total=columns.partner_budget(),
        op_eu=columns.requested_funding(),
        op_location=locations,
    ).annotate(
        op_rate=Case(
            When(
                op_total__gt=0,
                then=ExpressionWrapper(
                    F("op_eu") * 100 / F("op_total"), output_field=DecimalField(max_digits=8, decimal_places=2)
                ),
            ),
            default=None,
            output_field=DecimalField(max_digits=8, decimal_places=2),
        )
    )


def operation_columns() -> list[tuple[str, object]]:
    return [
        (_("Programme"), "programme__name"),
        (_("Operation"), "acronym"),
        (_("Operation name"), "title"),
        (_("Lead partner"), F("op_lead")),
        (_("Beneficiaries"), F("op_partners")),
        (_("Purpose and achievements (summary)"), "summary"),
        (_("Start"), "start_date"),
        (_("End"), "end_date"),
        (_("Total cost (EUR)"), F("op_total")),
        (_("EU co-financing rate (%)"), F("op_rate")),
        (_("Location (country and NUTS)"), F("op_location")),
        (_("EU contribution (EUR)"), F("op_eu")),
        (_("Status"), columns.labelled("status", Status.choices)),
    ]


def operations_scope(user, parameters: dict) -> Scope:
    """Public data: anyone signed in may ask for it, for one programme or every programme."""
    if not parameters.get("programme"):
        return Scope(title=_("List of operations, all programmes"), parameters={})
    programme = get_object_or_404(Programme.objects.all(), pk=object_id(parameters, "programme"))
    title = _("List of operations %(name)s") % {"name": programme.name}
    return Scope(title=title, parameters={"programme": programme.pk}, programme=programme)


def operations_sheets(parameters: dict) -> list[Sheet]:
    rows = operations(parameters.get("programme"))
    return [Sheet(_("Operations"), operation_columns(), rows.order_by("programme__name", "acronym", "pk"))]
