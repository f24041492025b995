"""A printable PDF of a submission snapshot (fpdf2, pure Python, with a vendored Unicode font).

For screen readers, as far as fpdf2 goes: the document's title (shown by viewers instead of the file name) and
language, and headings as tagged sections of the structure tree and the outline (bookmarks)."""

from datetime import datetime
from decimal import Decimal
from pathlib import Path

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from fpdf import FPDF, ViewerPreferences
from fpdf.enums import XPos, YPos
from fpdf.fonts import TextStyle

from interact_portal.core.formatting import format_amount, format_money, format_time

FONTS = Path(__file__).resolve().parent.parent / "interact_portal" / "reports" / "fonts"
NEXT_LINE = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}
HEADING_LEVELS = {16: 0, 13: 1, 11: 2}  # font size → heading level (H1, H2, H3)


class PortalPdf(FPDF):
    """An A4 document in the portal's font: headings, label/value facts and simple tables."""

    def __init__(self, title: str):
        super().__init__(format="A4")
        self.add_font("DejaVu", "", FONTS / "DejaVuSans.ttf")
        self.add_font("DejaVu", "B", FONTS / "DejaVuSans-Bold.ttf")
        self.set_title(title)
        self.set_lang(get_language() or "en")
        self.viewer_preferences = ViewerPreferences(display_doc_title=True)
        self.set_section_title_styles(
            *(TextStyle(font_family="DejaVu", font_style="B", font_size_pt=size, t_margin=3) for size in HEADING_LEVELS)
        )
        self.set_author("Interact Portal")
        self.set_auto_page_break(auto=True, margin=15)
        self.alias_nb_pages()
        self.footer_text = title

    def footer(self):
        self.set_y(-12)
        self.set_font("DejaVu", "", 8)
        self.cell(0, 6, f"{self.footer_text} · page {self.page_no()}/{{nb}}", align="C")

    def heading(self, text: str, size: int = 13):
        """A heading: a tagged section of the structure tree and an entry of the outline."""
        self.set_font("DejaVu", "B", size)
        self.start_section(text, level=HEADING_LEVELS[size], strict=False)
        self.set_font("DejaVu", "", 10)

    def simple_table(
        self,
        headers: list[str],
        rows: list[list[str]],
        align: tuple[str, ...] | None = None,
        *,
        widths: tuple[float, ...] | None = None,
        size: int = 9,
    ):
        """A table with a header row repeated on each page; `align` per column ("RIGHT" for amounts)."""
        self.set_font("DejaVu", "", size)
        options = {"col_widths": widths} if widths else {}
        with self.table(
            line_height=size / 2 + 0.5, first_row_as_headings=True, text_align=align or "LEFT", **options
        ) as table:
            for values in [headers, *rows]:
                row = table.row()
                for value in values:
                    row.cell(str(value))
        self.set_font("DejaVu", "", 10)

    def facts(self, rows: list[tuple[str, str]]):
        for label, value in rows:
            self.set_font("DejaVu", "B", 10)
            self.cell(55, 6, label)
            self.set_font("DejaVu", "", 10)
            self.multi_cell(0, 6, str(value or "—"), **NEXT_LINE)


def submission_pdf(snapshot: dict) -> bytes:
    """The application form of a submission, from its snapshot (schema 2); schema 1 snapshots keep their layout."""
    if snapshot.get("schema", 1) >= 2:
        return application_form_pdf(snapshot)
    return _schema1_pdf(snapshot)


def _schema1_pdf(snapshot: dict) -> bytes:
    ident = snapshot["identification"]
    call = snapshot["call"]
    doc = PortalPdf(f"{ident['acronym']} — submission {snapshot['number']}")
    doc.add_page()
    doc.heading(f"{ident['acronym']}: {ident['title']}", size=16)
    doc.facts(
        [
            (_("Programme"), snapshot["programme"]),
            (_("Call"), f"{call['reference']} {call['title']}"),
            (
                _("Submitted"),
                f"{format_time(datetime.fromisoformat(snapshot['submitted_at']))} by {snapshot['submitted_by']}",
            ),
            (_("Submission"), str(snapshot["number"])),
        ]
    )
    objective = ident["specific_objective"]
    doc.heading(_("Identification"))
    doc.facts(
        [
            (_("Specific objective"), f"{objective['code']} {objective['title']}" if objective else ""),
            (_("Duration"), _months(ident["duration_months"])),
        ]
    )
    doc.multi_cell(0, 5, ident["summary"], **NEXT_LINE)
    doc.heading(_("Partnership and budget"))
    with doc.table(
        col_widths=(16, 40, 12, 24, 14, 24), text_align=("LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT")
    ) as table:
        table.row(
            [_("Partner"), _("Organisation"), _("Country"), _("Budget"), _("Co-fin. rate"), _("Own contribution")]
        )
        for partner in snapshot["partners"]:
            org = partner["organisation"]
            table.row(
                [
                    f"{partner['abbreviation']} ({partner['role']})",
                    org["name"],
                    org["country"],
                    format_money(partner["budget"]),
                    partner["cofinancing_rate"],
                    format_money(partner["own_contribution"]),
                ]
            )
        budget = snapshot["budget"]
        table.row([_("Total"), "", "", format_money(budget["total"]), "", format_money(budget["own_contribution"])])
    for partner in snapshot["partners"]:
        org = partner["organisation"]
        doc.heading(f"{partner['abbreviation']} — {org['name']}", size=11)
        doc.facts(
            [
                (_("Role"), partner["role"]),
                (_("Type"), f"{org['type']} ({org['sector']})"),
                (_("Address"), f"{org['address']} {org['country_name']}".strip()),
                (_("NUTS region"), org["nuts_region"]),
                (_("VAT / PIC"), f"{org['vat'] or '—'} / {org['pic'] or '—'}"),
                (_("Contact"), f"{partner['contact_name']} <{partner['contact_email']}>"),
            ]
        )
    if snapshot["annexes"]:
        doc.heading(_("Annexes"))
        for annex in snapshot["annexes"]:
            doc.multi_cell(0, 6, f"• {annex['title']} ({annex['file_name']}, {annex['size']:,} bytes)", **NEXT_LINE)
    return bytes(doc.output())


# --- schema 2: the application form, numbered sections as the "check your answers" page shows them

RIGHT = "RIGHT"


def _text(doc: PortalPdf, label: str, value: str):
    """A labelled paragraph: a short bold label, then the (long) answer under it."""
    doc.set_font("DejaVu", "B", 10)
    doc.multi_cell(0, 6, label, **NEXT_LINE)
    doc.set_font("DejaVu", "", 10)
    doc.multi_cell(0, 5, value or "—", **NEXT_LINE)
    doc.ln(1)


def _names(values: list[str]) -> str:
    return ", ".join(values) or "—"


def _cover(doc: PortalPdf, snapshot: dict):
    ident, call = snapshot["identification"], snapshot["call"] or {}
    doc.heading(f"{ident['acronym']}: {ident['title']}", size=16)
    doc.facts(
        [
            (_("Programme"), snapshot["programme"]),
            (_("Call"), f"{call.get('reference', '')} {call.get('title', '')}".strip()),
            (
                _("Submitted"),
                f"{format_time(datetime.fromisoformat(snapshot['submitted_at']))} by {snapshot['submitted_by']}",
            ),
            (_("Submission"), str(snapshot["number"])),
        ]
    )


def _identification(doc: PortalPdf, snapshot: dict, n: int):
    ident = snapshot["identification"]
    objective = ident["specific_objective"]
    doc.heading(f"{n} {_('Identification')}")
    doc.facts(
        [
            (_("Acronym"), ident["acronym"]),
            (_("Title"), ident["title"]),
            (_("Specific objective"), f"{objective['code']} {objective['title']}" if objective else ""),
            (_("Duration"), _months(ident["duration_months"]) if ident["duration_months"] else ""),
            (_("Lead partner"), snapshot["lead"]),
        ]
    )
    _text(doc, _("Summary"), ident["summary"])


def _description(doc: PortalPdf, snapshot: dict, n: int):
    description = snapshot["description"]
    doc.heading(f"{n} {_('Description')}")
    doc.heading(f"{n}.1 {_('Context and challenge')}", size=11)
    doc.multi_cell(0, 5, description["context"] or "—", **NEXT_LINE)
    doc.heading(f"{n}.2 {_('Overall objective')}", size=11)
    doc.multi_cell(0, 5, description["overall_objective"] or "—", **NEXT_LINE)
    doc.heading(f"{n}.3 {_('Project specific objectives')}", size=11)
    if description["objectives"]:
        doc.simple_table(
            [_("No."), _("Objective"), _("Description")],
            [[str(o["number"]), o["title"], o["description"] or ""] for o in description["objectives"]],
            widths=(12, 70, 108),
        )
    else:
        doc.multi_cell(0, 5, "—", **NEXT_LINE)
    doc.heading(f"{n}.4 {_('Target groups')}", size=11)
    if description["target_groups"]:
        doc.simple_table(
            [_("Target group"), _("Description"), _("Target value")],
            [[t["group_label"], t["description"] or "", str(t["target_value"])] for t in description["target_groups"]],
            ("LEFT", "LEFT", RIGHT),
            widths=(60, 100, 30),
        )
    else:
        doc.multi_cell(0, 5, "—", **NEXT_LINE)
    doc.heading(f"{n}.5 {_('Horizontal principles')}", size=11)
    doc.simple_table(
        [_("Principle"), _("Effect"), _("Justification")],
        [
            [h["label"], h["effect_label"] or "—", h["justification"] or ""]
            for h in description["horizontal_principles"]
        ],
        widths=(60, 35, 95),
    )
    doc.heading(f"{n}.6 {_('Durability and transferability')}", size=11)
    _text(doc, _("Durability"), description["durability"])
    _text(doc, _("Transferability"), description["transferability"])
    doc.heading(f"{n}.7 {_('Communication')}", size=11)
    doc.multi_cell(0, 5, description["communication"] or "—", **NEXT_LINE)


def _partnership(doc: PortalPdf, snapshot: dict, n: int):
    doc.heading(f"{n} {_('Partnership')}")
    rows = []
    for partner in snapshot["partners"]:
        budget = partner["budget"] or {}
        rows.append(
            [
                partner["abbreviation"],
                partner["role"],
                partner["organisation"]["name"],
                partner["organisation"]["country"],
                format_amount(budget.get("total")) if budget else "—",
                f"{budget.get('cofinancing_rate', '')} %" if budget else "—",
            ]
        )
    doc.simple_table(
        [_("Partner"), _("Role"), _("Organisation"), _("Country"), _("Budget (EUR)"), _("Co-financing")],
        rows,
        ("LEFT", "LEFT", "LEFT", "LEFT", RIGHT, RIGHT),
        widths=(20, 25, 70, 17, 33, 25),
    )
    for number, partner in enumerate(snapshot["partners"], start=1):
        org = partner["organisation"]
        doc.heading(f"{n}.{number} {partner['abbreviation']} — {org['name']}", size=11)
        doc.facts(
            [
                (_("Role"), partner["role"]),
                (_("Name in English"), org["name_en"]),
                (_("Type"), f"{org['type']} ({org['sector']})"),
                (_("Size / NACE"), f"{org['size'] or '—'} / {org['nace_code'] or '—'}"),
                (_("Legal status"), org["legal_status"]),
                (_("Address"), f"{org['address']} {org['country_name']}".strip()),
                (_("NUTS region"), org["nuts_region"]),
                (_("Department"), ", ".join(p for p in [partner["department"], partner["department_address"]] if p)),
                (_("VAT / PIC"), f"{org['vat'] or '—'} / {org['pic'] or '—'}"),
                (_("VAT recovery"), partner["vat_recovery"]),
                (_("Legal representative"), partner["legal_representative"]),
                (_("Contact"), f"{partner['contact_name']} <{partner['contact_email']}>"),
            ]
        )
        _text(doc, _("Experience"), partner["experience"])
        _text(doc, _("Role in the project"), partner["role_in_project"])
        doc.simple_table(
            [_("State aid"), _("Answer")],
            [[q["question"], q["answer"] or "—"] for q in partner["state_aid"]],
            widths=(160, 30),
        )


def _work_plan(doc: PortalPdf, snapshot: dict, n: int):
    doc.heading(f"{n} {_('Work plan')}")
    if not snapshot["work_packages"]:
        doc.multi_cell(0, 5, "—", **NEXT_LINE)
    for wp in snapshot["work_packages"]:
        doc.heading(
            f"{n}.{wp['number']} "
            + _("Work package %(number)s: %(title)s") % {"number": wp["number"], "title": wp["title"]},
            size=11,
        )
        doc.facts(
            [
                (_("Responsible partner"), wp["responsible"]),
                (_("Participating partners"), _names(wp["partners"])),
                (_("Periods"), f"{wp['start_period']}–{wp['end_period']}"),
            ]
        )
        _text(doc, _("Objectives"), wp["objectives"])
        rows = []
        for activity in wp["activities"]:
            rows.append(
                [
                    f"A{activity['number']}",
                    activity["title"],
                    f"{activity['start_period']}–{activity['end_period']}",
                    _names(activity["partners"]),
                ]
            )
            rows += [
                [f"D{d['number']}", _("Deliverable: %(title)s") % {"title": d["title"]}, str(d["period"]), ""]
                for d in activity["deliverables"]
            ]
        if rows:
            doc.simple_table(
                [_("No."), _("Activity / deliverable"), _("Periods"), _("Partners")], rows, widths=(18, 100, 20, 52)
            )


def _outputs_and_results(doc: PortalPdf, snapshot: dict, n: int):
    doc.heading(f"{n} {_('Outputs and results')}")
    doc.heading(f"{n}.1 {_('Project outputs')}", size=11)
    outputs = [o for wp in snapshot["work_packages"] for o in wp["outputs"]]
    if outputs:
        doc.simple_table(
            [_("No."), _("Output"), _("Output indicator"), _("Target"), _("Period")],
            [
                [
                    f"O{o['number']}",
                    o["title"],
                    f"{o['indicator']['code']} {o['indicator']['name']}",
                    f"{o['target_value']} {o['indicator']['unit']}",
                    str(o["period"]),
                ]
                for o in outputs
            ],
            ("LEFT", "LEFT", "LEFT", RIGHT, RIGHT),
            widths=(15, 55, 75, 30, 15),
        )
    else:
        doc.multi_cell(0, 5, "—", **NEXT_LINE)
    doc.heading(f"{n}.2 {_('Project results')}", size=11)
    if snapshot["results"]:
        doc.simple_table(
            [_("No."), _("Result indicator"), _("Description"), _("Baseline"), _("Target"), _("Period")],
            [
                [
                    f"R{r['number']}",
                    f"{r['indicator']['code']} {r['indicator']['name']}",
                    r["description"] or "",
                    r["baseline"],
                    f"{r['target_value']} {r['indicator']['unit']}",
                    str(r["period"]),
                ]
                for r in snapshot["results"]
            ],
            ("LEFT", "LEFT", "LEFT", RIGHT, RIGHT, RIGHT),
            widths=(12, 55, 58, 20, 30, 15),
        )
    else:
        doc.multi_cell(0, 5, "—", **NEXT_LINE)


def _budget_table(doc: PortalPdf, periods: list[dict], rows: list[tuple[str, list, str]], total: tuple[str, list, str]):
    """A category × period table of amounts on a landscape page: label, one column per period, total."""
    headers = [_("Cost category (EUR)"), *(p["label"] for p in periods), _("Total")]
    body = [[label, *(format_amount(c) for c in cells), format_amount(row_total)] for label, cells, row_total in rows]
    label, cells, grand = total
    body.append([label, *(format_amount(c) for c in cells), format_amount(grand)])
    width = 277 - 60
    widths = (60, *([width / (len(periods) + 1)] * (len(periods) + 1)))
    doc.simple_table(headers, body, ("LEFT", *([RIGHT] * (len(periods) + 1))), widths=widths, size=7)


def _budget(doc: PortalPdf, snapshot: dict, n: int):
    budget = snapshot["budget"]
    doc.add_page(orientation="L")
    doc.heading(f"{n} {_('Budget')}")
    doc.facts(
        [
            (_("Total budget"), format_money(budget["total"])),
            (_("Co-financing"), format_money(budget["cofinancing"])),
            (_("Own contribution"), format_money(budget["own_contribution"])),
        ]
    )
    doc.heading(f"{n}.1 {_('Project budget by cost category and period')}", size=11)
    rows = [(row["label"], row["cells"], row["total"]) for row in budget["by_category"]]
    if Decimal(budget["preparation"]):
        rows.append((_("Preparation lump sum"), ["" for _period in budget["periods"]], budget["preparation"]))
    _budget_table(doc, budget["periods"], rows, (_("Total"), budget["by_period"], budget["total"]))
    doc.heading(f"{n}.2 {_('Co-financing by fund')}", size=11)
    doc.simple_table(
        [_("Fund"), _("Amount (EUR)")],
        [[f["label"], format_amount(f["amount"])] for f in budget["funds"]]
        + [
            [_("Own contribution"), format_amount(budget["own_contribution"])],
            [_("Total"), format_amount(budget["total"])],
        ],
        ("LEFT", RIGHT),
        widths=(80, 50),
    )
    partners = {p["id"]: p for p in snapshot["partners"]}
    for number, table in enumerate(budget["partners"], start=3):
        partner = partners[table["id"]]
        doc.heading(
            f"{n}.{number} "
            + _("Budget of %(partner)s — %(organisation)s")
            % {"partner": table["abbreviation"], "organisation": partner["organisation"]["name"]},
            size=11,
        )
        rows = [(row["label"], row["cells"], row["total"]) for row in table["rows"]]
        if Decimal(table["preparation"]):
            rows.append((_("Preparation lump sum"), ["" for _period in budget["periods"]], table["preparation"]))
        _budget_table(doc, budget["periods"], rows, (_("Total"), table["by_period"], table["total"]))
        funding = [[f"{f['label']} ({f['rate']} %)", format_amount(f["amount"])] for f in table["funds"]]
        funding += [
            [f"{c['kind_label']} contribution: {c['source']}", format_amount(c["amount"])]
            for c in partner["contributions"]
        ]
        funding.append([_("Own contribution"), format_amount(table["own_contribution"])])
        doc.simple_table(
            [_("Co-financing and contributions"), _("Amount (EUR)")], funding, ("LEFT", RIGHT), widths=(120, 50)
        )


def _annexes(doc: PortalPdf, snapshot: dict, n: int):
    doc.add_page()
    doc.heading(f"{n} {_('Annexes')}")
    if not snapshot["annexes"]:
        doc.multi_cell(0, 6, _("None."), **NEXT_LINE)
    for annex in snapshot["annexes"]:
        doc.multi_cell(0, 6, f"• {annex['title']} ({annex['file_name']}, {annex['size']:,} bytes)", **NEXT_LINE)


def application_form_pdf(snapshot: dict) -> bytes:
    ident = snapshot["identification"]
    doc = PortalPdf(f"{ident['acronym']} — application form, submission {snapshot['number']}")
    doc.add_page()
    _cover(doc, snapshot)
    sections = {
        "identification": _identification,
        "description": _description,
        "partners": _partnership,
        "workplan": _work_plan,
        "results": _outputs_and_results,
        "budget": _budget,
        "annexes": _annexes,
    }
    # numbered in the order submitted: a concept note has only its sections
    chosen = [key for key in sections if key in snapshot.get("sections", sections)]
    for number, key in enumerate(chosen, start=1):
        sections[key](doc, snapshot, number)
    return bytes(doc.output())


def _months(n) -> str:
    return ngettext("%(n)s month", "%(n)s months", n or 0) % {"n": n}
