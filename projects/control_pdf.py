"""The control certificate of a certified partner report (fpdf2, like the application PDF in projects.pdf).

`certificate_data` gathers what the certificate states — every amount from projects.reporting_money, THE
computation, so the certificate's totals equal the lines and the financial overview; `certificate_pdf` prints it."""

from decimal import Decimal

from django.utils.translation import gettext as _

from interact_portal.core.formatting import format_money, format_time
from programmes.choices import CostCategory

from .models import ErrorType, LineControl
from .pdf import NEXT_LINE, PortalPdf
from .reporting_money import amounts_of, control_by_category, line_sums


def _category_label(category: str) -> str:
    return str(CostCategory(category).label) if category in CostCategory.values else category


def certificate_data(report) -> dict:
    """What the certificate states (amounts as Decimals)."""
    from .services.control import CHECKLIST, Answer

    amounts = amounts_of(report)
    per_category = control_by_category(line_sums([report.pk])[report.pk])
    lines = list(report.lines.order_by("number"))
    answers = dict(Answer.CHOICES)
    return {
        "partner": str(report.partner),
        "organisation": report.partner.organisation.name,
        "project": f"{report.project.acronym}: {report.project.title}",
        "programme": report.project.programme.name,
        "report": report.number,
        "period": report.period,
        "categories": [
            {
                "category": category,
                "label": _category_label(category),
                "declared": amounts.declared.get(category, Decimal(0)),
                "deducted": per_category.get(category, {}).get("deducted", Decimal(0)),
                "parked": per_category.get(category, {}).get("parked", Decimal(0)),
                "certified": amounts.certified.get(category, Decimal(0)),
            }
            for category in amounts.categories
        ],
        "total_declared": amounts.total_declared,
        "total_deducted": amounts.deducted,
        "total_parked": amounts.parked,
        "total_certified": amounts.total_certified,
        "deductions": [
            {
                "number": line.number,
                "description": line.description,
                "amount_eur": line.amount_eur,
                "deducted": line.deducted,
                "error_type": str(ErrorType(line.error_type).label) if line.error_type else "",
                "note": line.control_note,
            }
            for line in lines
            if line.control == LineControl.DEDUCTED
        ],
        "parked": [
            {"number": line.number, "description": line.description, "amount_eur": line.amount_eur}
            for line in lines
            if line.control == LineControl.PARKED
        ],
        "checklist": [
            {
                "question": str(question),
                "answer": str(answers.get((report.control_checklist.get(key) or {}).get("answer"), "—")),
                "comment": (report.control_checklist.get(key) or {}).get("comment", ""),
            }
            for key, question in CHECKLIST
        ],
        "findings": report.findings,
        "conclusion": report.conclusion,
        "controller": str(report.finalised_by or report.controller or "—"),
        "confirmed_by": str(report.confirmed_by) if report.confirmed_by_id else "",
        "submitted_at": report.submitted_at,
        "control_started_at": report.control_started_at,
        "certified_at": report.certified_at,
    }


def certificate_pdf(report) -> bytes:
    data = certificate_data(report)
    title = _("Control certificate — %(partner)s, report %(number)s") % {
        "partner": data["partner"],
        "number": data["report"],
    }
    doc = PortalPdf(title)
    doc.add_page()
    doc.heading(title, size=16)
    doc.facts(
        [
            (_("Programme"), data["programme"]),
            (_("Project"), data["project"]),
            (_("Partner"), f"{data['partner']} ({data['organisation']})"),
            (_("Report"), str(data["report"])),
            (_("Period"), str(data["period"])),
            (_("Submitted"), format_time(data["submitted_at"])),
            (_("Control started"), format_time(data["control_started_at"])),
            (_("Certified"), format_time(data["certified_at"])),
            (_("Controller"), data["controller"]),
            *([(_("Confirmed by"), data["confirmed_by"])] if data["confirmed_by"] else []),
        ]
    )
    doc.heading(_("Amounts per cost category (EUR)"))
    doc.simple_table(
        [_("Cost category"), _("Declared"), _("Deducted"), _("Parked"), _("Certified")],
        [
            [
                row["label"],
                format_money(row["declared"]),
                format_money(row["deducted"]),
                format_money(row["parked"]),
                format_money(row["certified"]),
            ]
            for row in data["categories"]
        ]
        + [
            [
                _("Total"),
                format_money(data["total_declared"]),
                format_money(data["total_deducted"]),
                format_money(data["total_parked"]),
                format_money(data["total_certified"]),
            ]
        ],
        align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
    )
    doc.multi_cell(
        0,
        5,
        _("Flat-rate categories are computed from the certified amounts of the categories they are based on."),
        **NEXT_LINE,
    )
    doc.heading(_("Deductions"))
    if data["deductions"]:
        doc.simple_table(
            [_("Line"), _("Description"), _("Declared"), _("Deducted"), _("Type of error"), _("Note")],
            [
                [
                    str(row["number"]),
                    row["description"],
                    format_money(row["amount_eur"]),
                    format_money(row["deducted"]),
                    row["error_type"],
                    row["note"],
                ]
                for row in data["deductions"]
            ],
            align=("LEFT", "LEFT", "RIGHT", "RIGHT", "LEFT", "LEFT"),
            widths=(10, 45, 22, 22, 35, 56),
        )
    else:
        doc.multi_cell(0, 6, _("No deductions."), **NEXT_LINE)
    doc.heading(_("Parked lines (deferred to the next report)"))
    if data["parked"]:
        doc.simple_table(
            [_("Line"), _("Description"), _("Declared")],
            [[str(row["number"]), row["description"], format_money(row["amount_eur"])] for row in data["parked"]],
            align=("LEFT", "LEFT", "RIGHT"),
            widths=(15, 135, 40),
        )
    else:
        doc.multi_cell(0, 6, _("No parked lines."), **NEXT_LINE)
    doc.heading(_("Control checklist"))
    doc.simple_table(
        [_("Question"), _("Answer"), _("Comment")],
        [[row["question"], row["answer"], row["comment"]] for row in data["checklist"]],
        widths=(95, 30, 65),
    )
    doc.heading(_("Findings"))
    doc.multi_cell(0, 5, data["findings"] or "—", **NEXT_LINE)
    doc.heading(_("Conclusion"))
    doc.multi_cell(0, 5, data["conclusion"] or "—", **NEXT_LINE)
    return bytes(doc.output())
