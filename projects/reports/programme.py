"""The programme report: funded projects, their partners by country and NUTS region, funding by priority and
objective. A superuser may leave the programme out for a report over every programme."""

from decimal import Decimal

from django.db.models import Count, F, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from interact_portal.core.formatting import format_date, format_money
from interact_portal.reports.registry import Scope, Sheet
from partnerships.models import ProjectPartner
from programmes.models import Programme
from programmes.staff import staff_programmes

from ..models import Project
from ..pdf import PortalPdf
from ..workflow import Status
from . import columns
from .access import may_download, object_id, require_reporting

__all__ = ["may_download", "pdf", "scope", "sheets"]
PDF_PROJECT_ROWS = 1000


def scope(user, parameters: dict) -> Scope:
    if user.is_superuser and not parameters.get("programme"):
        return Scope(title=_("Programme report, all programmes"), parameters={})
    programme = get_object_or_404(staff_programmes(user), pk=object_id(parameters, "programme"))
    require_reporting(user, programme)
    title = _("Programme report %(name)s") % {"name": programme.name}
    return Scope(title=title, parameters={"programme": programme.pk}, programme=programme)


def _projects(parameters: dict):
    projects = Project.objects.public()
    return projects.filter(programme_id=parameters["programme"]) if parameters.get("programme") else projects


def sheets(parameters: dict) -> list[Sheet]:
    projects = _projects(parameters)
    partners = ProjectPartner.objects.filter(project__in=projects)
    return [
        Sheet(
            _("Projects"),
            [
                (_("Project"), "id"),
                (_("Acronym"), "acronym"),
                (_("Title"), "title"),
                (_("Programme"), "programme__name"),
                (_("Priority"), "specific_objective__priority__code"),
                (_("Specific objective"), "specific_objective__code"),
                (_("Status"), columns.labelled("status", Status.choices)),
                (_("Start"), "start_date"),
                (_("End"), "end_date"),
                (_("Total budget (EUR)"), "total_budget"),
                (_("Partners"), "partner_count"),
                (_("Lead partner country"), "lead_country"),
                (_("Partner countries"), "partner_countries"),
            ],
            projects.order_by("programme_id", "acronym", "pk"),
        ),
        Sheet(
            _("Partners"),
            columns.partner_columns(_("Project")),
            partners.order_by("project_id", "order", "pk"),
        ),
        *_summary_sheets(projects, partners),
    ]


def _summary_sheets(projects, partners) -> list[Sheet]:
    """The aggregate tables, shared by the workbook and the PDF."""
    return [
        Sheet(_("By country and NUTS"), *_by_region(partners)),
        Sheet(_("By priority and objective"), *_by_objective(projects)),
    ]


def _by_region(partners):
    grouped = partners.values("organisation__country__code", "organisation__nuts_region__code").annotate(
        partners=Count("pk"), projects=Count("project", distinct=True), budget=Sum("budget")
    )
    return (
        [
            (_("Country"), F("organisation__country__code")),
            (_("NUTS region"), F("organisation__nuts_region__code")),
            (_("Partners"), F("partners")),
            (_("Projects"), F("projects")),
            (_("Budget (EUR)"), F("budget")),
        ],
        grouped.order_by("organisation__country__code", "organisation__nuts_region__code"),
    )


def _by_objective(projects):
    grouped = projects.values("specific_objective__priority__code", "specific_objective__code").annotate(
        projects=Count("pk"), budget=Sum("total_budget")
    )
    return (
        [
            (_("Priority"), F("specific_objective__priority__code")),
            (_("Specific objective"), F("specific_objective__code")),
            (_("Projects"), F("projects")),
            (_("Total budget (EUR)"), F("budget")),
        ],
        grouped.order_by("specific_objective__priority__code", "specific_objective__code"),
    )


def _title(parameters: dict) -> str:
    """The programme and the day of the report, in the document's title and first heading."""
    programme = (
        Programme.objects.values_list("name", flat=True).get(pk=parameters["programme"])
        if parameters.get("programme")
        else _("all programmes")
    )
    return _("Programme report: %(programme)s, %(date)s") % {
        "programme": programme,
        "date": format_date(timezone.now()),
    }


def pdf(parameters: dict, path: str, progress) -> int:
    """A printable summary: funding by objective, partners by country, and the project list (first 1,000)."""
    projects = _projects(parameters)
    title = _title(parameters)
    doc = PortalPdf(title)
    doc.add_page()
    doc.heading(title, size=16)
    rows = 0
    partners = ProjectPartner.objects.filter(project__in=projects)
    for sheet in reversed(_summary_sheets(projects, partners)):  # by objective, then by country and NUTS
        doc.heading(sheet.title)
        values = list(sheet.rows())
        doc.simple_table(sheet.headers, [[_cell(v) for v in row] for row in values], _align(values))
        rows += len(values)
        progress(rows)
    doc.heading(_("Projects"))
    listing = projects.order_by("acronym", "pk").values_list(
        "acronym", columns.labelled("status", Status.choices), "total_budget", "partner_count"
    )
    body = [[_cell(v) for v in row] for row in listing[:PDF_PROJECT_ROWS]]
    headers = [_("Acronym"), _("Status"), _("Total budget (EUR)"), _("Partners")]
    doc.simple_table(headers, body, ("LEFT", "LEFT", "RIGHT", "RIGHT"))
    if len(body) == PDF_PROJECT_ROWS:
        doc.multi_cell(
            0, 6, _("The list stops at %(n)d projects; the XLSX report has them all.") % {"n": PDF_PROJECT_ROWS}
        )
    doc.output(path)
    return rows + len(body)


def _cell(value) -> str:
    if value is None:
        return "—"
    return format_money(value) if isinstance(value, Decimal) else str(value)


def _align(rows: list[tuple]) -> tuple[str, ...] | None:
    """Numbers (amounts, counts) right-aligned, text left."""
    if not rows:
        return None
    numeric = [all(isinstance(row[i], int | Decimal) or row[i] is None for row in rows) for i in range(len(rows[0]))]
    return tuple("RIGHT" if n else "LEFT" for n in numeric)
