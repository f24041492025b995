"""Importing expenditure lines from a CSV or XLSX file: all rows or none.

The layout (first row: these headers, in any order; the template files have them):

    category        a typed cost category of the call (its key, e.g. "staff", or its label)
    work_package    optional: the work package's number ("1" or "WP1")
    description     required, up to 500 characters
    supplier        optional, up to 200 characters
    invoice_number  optional, up to 60 characters
    invoice_date    optional, YYYY-MM-DD (or DD.MM.YYYY; a date cell in XLSX)
    payment_date    optional, same; not before the invoice date
    amount          required, above zero, a point before at most two decimals
    currency        ISO 4217 code, EUR when empty
    rate            units of the currency per euro; required (and not 1) unless EUR

Every row is checked with the form's own rules (projects.services.partner_reports.clean_line) against rules read
once; duplicates within the file count too. Any wrong row: a list of (row, column, reason) and nothing is saved.
Otherwise the lines are written with one bulk insert in one transaction.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from interact_portal.audit.services import audit_record

from .models import ExpenditureLine, PartnerReport
from .services.partner_reports import LINE_FIELDS, LineRules, clean_line, lines_refusal, require

COLUMNS = LINE_FIELDS
MAX_ROWS = 20_000
MAX_BYTES = 20 * 1024 * 1024
EXAMPLE = ["staff", "1", "Salary of the project coordinator, March", "", "", "", "", "4200.00", "EUR", ""]
EXAMPLE_2 = [
    "external",
    "WP2",
    "Translation of the study",
    "Lingua s.r.o.",
    "2026-041",
    "",
    "",
    "12500",
    "CZK",
    "25.125",
]


@dataclass(frozen=True)
class RowError:
    row: int  # the row in the file (the header is row 1)
    column: str
    message: str


class ImportRefused(ValidationError):
    def __init__(self, errors: list[RowError]):
        self.row_errors = errors
        super().__init__([f"{e.row} / {e.column}: {e.message}" for e in errors[:100]])


def _file_error(message: str) -> ImportRefused:
    return ImportRefused([RowError(0, "", message)])


def read_rows(upload) -> list[tuple[int, dict]]:
    """(row number, {column: value}) of a CSV or XLSX upload; an unreadable file or header raises ImportRefused."""
    suffix = Path(upload.name).suffix.lower()
    if upload.size > MAX_BYTES:
        raise _file_error(_("The file is larger than %(n)d MB.") % {"n": MAX_BYTES // 1024 // 1024})
    if suffix == ".csv":
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise _file_error(_("Save the CSV file as UTF-8.")) from None
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        rows = iter(csv.reader(io.StringIO(text), dialect))
    elif suffix == ".xlsx":
        import openpyxl

        try:
            book = openpyxl.load_workbook(upload, read_only=True, data_only=True)
        except Exception:  # noqa: BLE001 - any unreadable workbook is the user's file, not our error
            raise _file_error(_("The file is not a readable XLSX workbook.")) from None
        rows = book.worksheets[0].iter_rows(values_only=True)
    else:
        raise _file_error(_("Upload a CSV or XLSX file."))
    header = next(rows, None)
    if not header:
        raise _file_error(_("The file is empty."))
    names = [str(h or "").strip().lower().replace(" ", "_") for h in header]
    missing = [c for c in ("category", "description", "amount") if c not in names]
    if missing:
        raise _file_error(_("The first row must name the columns; missing: %(c)s.") % {"c": ", ".join(missing)})
    unknown = [n for n in names if n and n not in COLUMNS]
    if unknown:
        raise _file_error(_("Unknown column(s): %(c)s.") % {"c": ", ".join(unknown)})
    out = []
    for number, cells in enumerate(rows, start=2):
        cells = list(cells or ())
        if not any(c not in (None, "") and str(c).strip() for c in cells):
            continue  # blank rows are skipped
        out.append((number, {name: cells[i] if i < len(cells) else None for i, name in enumerate(names) if name}))
        if len(out) > MAX_ROWS:
            raise _file_error(_("Import at most %(n)d lines at a time.") % {"n": MAX_ROWS})
    if not out:
        raise _file_error(_("The file has no lines below its header."))
    return out


def check_rows(rows: list[tuple[int, dict]], rules: LineRules) -> tuple[list[dict], list[RowError]]:
    """Every row with the form's rules; no query per row."""
    labels = {
        "work_package_id": "work_package",
    }
    cleaned, errors = [], []
    for number, raw in rows:
        values, problems = clean_line(raw, rules)
        for column, message in problems.items():
            errors.append(RowError(number, labels.get(column, column), message))
        cleaned.append(values)
    return cleaned, errors


@transaction.atomic
def import_lines(*, report, by, upload) -> int:
    """Add every line of the file to the report, or none (ImportRefused lists the rows' errors)."""
    report = PartnerReport.objects.select_for_update(of=("self",)).select_related("project__call").get(pk=report.pk)
    require(lines_refusal(by, report))
    rows = read_rows(upload)
    cleaned, errors = check_rows(rows, LineRules.of(report))
    if errors:
        raise ImportRefused(errors)
    start = (ExpenditureLine.objects.filter(report=report).aggregate(n=Max("number"))["n"] or 0) + 1
    lines = [
        ExpenditureLine(report=report, partner_id=report.partner_id, number=start + i, **values)
        for i, values in enumerate(cleaned)
    ]
    try:
        with transaction.atomic():
            ExpenditureLine.objects.bulk_create(lines, batch_size=2000)
    except IntegrityError:  # a line declared meanwhile by someone else
        raise _file_error(_("An invoice of the file was declared meanwhile; nothing was imported.")) from None
    audit_record(action="expenditure_line.import", actor=by, target=report, note=f"{len(lines)} lines")
    return len(lines)


def template_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerow(EXAMPLE)
    writer.writerow(EXAMPLE_2)
    return out.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Expenditure"
    sheet.append(COLUMNS)
    sheet.append(EXAMPLE)
    sheet.append(EXAMPLE_2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
