"""A printable PDF of a submission snapshot (fpdf2, pure Python, with a vendored Unicode font).

For screen readers, as far as fpdf2 goes: the document's title (shown by viewers instead of the file name) and
language, and headings as tagged sections of the structure tree and the outline (bookmarks)."""

from datetime import datetime
from pathlib import Path

from django.utils.translation import get_language
from fpdf import FPDF, ViewerPreferences
from fpdf.enums import XPos, YPos
from fpdf.fonts import TextStyle

from interact_portal.core.formatting import format_money, format_time

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

    def simple_table(self, headers: list[str], rows: list[list[str]], align: tuple[str, ...] | None = None):
        """A table with a header row repeated on each page; `align` per column ("RIGHT" for amounts)."""
        self.set_font("DejaVu", "", 9)
        with self.table(line_height=5, first_row_as_headings=True, text_align=align or "LEFT") as table:
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
    ident = snapshot["identification"]
    call = snapshot["call"]
    doc = PortalPdf(f"{ident['acronym']} — submission {snapshot['number']}")
    doc.add_page()
    doc.heading(f"{ident['acronym']}: {ident['title']}", size=16)
    doc.facts(
        [
            ("Programme", snapshot["programme"]),
            ("Call", f"{call['reference']} {call['title']}"),
            (
                "Submitted",
                f"{format_time(datetime.fromisoformat(snapshot['submitted_at']))} by {snapshot['submitted_by']}",
            ),
            ("Submission", str(snapshot["number"])),
        ]
    )
    objective = ident["specific_objective"]
    doc.heading("Identification")
    doc.facts(
        [
            ("Specific objective", f"{objective['code']} {objective['title']}" if objective else ""),
            ("Duration", f"{ident['duration_months']} months"),
        ]
    )
    doc.multi_cell(0, 5, ident["summary"], **NEXT_LINE)
    doc.heading("Partnership and budget")
    with doc.table(
        col_widths=(16, 40, 12, 24, 14, 24), text_align=("LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT")
    ) as table:
        table.row(["Partner", "Organisation", "Country", "Budget", "Co-fin. %", "Own contribution"])
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
        table.row(["Total", "", "", format_money(budget["total"]), "", format_money(budget["own_contribution"])])
    for partner in snapshot["partners"]:
        org = partner["organisation"]
        doc.heading(f"{partner['abbreviation']} — {org['name']}", size=11)
        doc.facts(
            [
                ("Role", partner["role"]),
                ("Type", f"{org['type']} ({org['sector']})"),
                ("Address", f"{org['address']} {org['country_name']}".strip()),
                ("NUTS region", org["nuts_region"]),
                ("VAT / PIC", f"{org['vat'] or '—'} / {org['pic'] or '—'}"),
                ("Contact", f"{partner['contact_name']} <{partner['contact_email']}>"),
            ]
        )
    if snapshot["annexes"]:
        doc.heading("Annexes")
        for annex in snapshot["annexes"]:
            doc.multi_cell(0, 6, f"• {annex['title']} ({annex['file_name']}, {annex['size']:,} bytes)", **NEXT_LINE)
    return bytes(doc.output())
