"""Writing a report's sheets to a file, streamed: COPY for CSV, a constant-memory workbook for XLSX.

Memory stays flat as rows grow: rows come from the database in chunks (server-side cursor or COPY) and the
workbook writes each row to disk as it goes. `progress(rows_done)` is called every few thousand rows.
"""

import csv
import io
from collections.abc import Callable
from decimal import Decimal

import xlsxwriter
from django.db import connection

from interact_portal.core.formatting import CSV_BOM

from .registry import Sheet

CHUNK = 5000
EXCEL_MAX_ROWS = 1_048_575  # one row is the header
MONEY_FORMAT = "#,##0.00"  # decimals (amounts, the average score) keep their number, with separators


def copy_rows(sheet: Sheet, out) -> int:
    """PostgreSQL's `COPY (the sheet's SELECT) TO STDOUT` as CSV rows into `out` (bytes); returns the row count."""
    sql, params = sheet.rows().query.sql_with_params()
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg2's own cursor: copy_expert streams the COPY output into the file
        raw.copy_expert(f"COPY ({raw.mogrify(sql, params).decode()}) TO STDOUT WITH (FORMAT csv)", out)
        return raw.rowcount


def write_csv(sheet: Sheet, path: str, progress: Callable[[int], None]) -> int:
    """COPY writes the rows straight into the file; we only write the byte-order mark and the header."""
    with open(path, "wb") as out:
        header = io.StringIO()
        csv.writer(header).writerow(sheet.headers)
        out.write((CSV_BOM + header.getvalue()).encode())
        return copy_rows(sheet, _CountingFile(out, progress))


class _CountingFile:
    """A file for COPY that reports progress by counting lines as they pass (approximate: quoted newlines count)."""

    def __init__(self, out, progress):
        self.out, self.progress, self.lines, self.next_report = out, progress, 0, CHUNK

    def write(self, data: bytes) -> int:
        self.lines += data.count(b"\n")
        if self.lines >= self.next_report:
            self.progress(self.lines)
            self.next_report = self.lines + CHUNK
        return self.out.write(data)


def write_xlsx(sheets: list[Sheet], path: str, progress: Callable[[int], None]) -> int:
    workbook = xlsxwriter.Workbook(
        path,
        {
            "constant_memory": True,
            "remove_timezone": True,
            "default_date_format": "yyyy-mm-dd",
            "strings_to_formulas": False,  # a title like "=HYPERLINK(…)" stays text
            "strings_to_urls": False,
        },
    )
    bold = workbook.add_format({"bold": True})
    datetime_format = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    formats = {"datetime": datetime_format, "money": workbook.add_format({"num_format": MONEY_FORMAT})}
    done = 0
    for sheet in sheets:
        worksheet = workbook.add_worksheet(sheet.title[:31])
        worksheet.write_row(0, 0, sheet.headers, bold)
        worksheet.freeze_panes(1, 0)
        for n, row in enumerate(sheet.rows().iterator(chunk_size=CHUNK), start=1):
            if n > EXCEL_MAX_ROWS:
                break
            for column, value in enumerate(row):
                _write_cell(worksheet, n, column, value, formats)
            done += 1
            if done % CHUNK == 0:
                progress(done)
    workbook.close()
    return done


def _write_cell(worksheet, row: int, column: int, value, formats: dict) -> None:
    if value is None:
        return
    if isinstance(value, list):
        worksheet.write_string(row, column, "; ".join(str(v) for v in value))
    elif hasattr(value, "tzinfo") and hasattr(value, "hour"):
        worksheet.write_datetime(row, column, value, formats["datetime"])
    elif isinstance(value, Decimal):  # amounts stay numbers, shown as 400,000.00
        worksheet.write_number(row, column, value, formats["money"])
    else:
        worksheet.write(row, column, value)
