"""Importing expenditure lines from CSV and XLSX: all or nothing, an error per row and column."""

import io
from datetime import timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.expenditure_import import COLUMNS, ImportRefused, import_lines, template_csv, template_xlsx
from projects.models import PartnerReport
from projects.reporting_workflow import ReopenScope
from tests.reporting.conftest import report_with_lines


def csv_file(rows, header=COLUMNS, name="lines.csv", delimiter=","):
    text = "\n".join(delimiter.join(str(c) for c in row) for row in [header, *rows])
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def xlsx_file(rows, header=COLUMNS):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [header, *rows]:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("lines.xlsx", out.getvalue())


def row(contracted, **fields):
    day = contracted.project.start_date + timedelta(days=5)
    values = {
        "category": "staff",
        "work_package": "",
        "description": "Salary",
        "supplier": "",
        "invoice_number": "",
        "invoice_date": day.isoformat(),
        "payment_date": day.isoformat(),
        "amount": "100.00",
        "currency": "EUR",
        "rate": "",
        **fields,
    }
    return [values[c] for c in COLUMNS]


@pytest.fixture
def report(contracted):
    return report_with_lines(contracted.partner, lines=[{"category": "staff", "amount": "1"}])


def test_csv_lines_are_imported_after_the_existing_ones(contracted, report):
    rows = [row(contracted, amount=str(n), invoice_number=str(n), supplier="ACME") for n in range(1, 6)]
    rows.append(row(contracted, currency="CZK", rate="25.125", amount="1000", work_package="WP1"))
    assert import_lines(report=report, by=contracted.partner_user, upload=csv_file(rows, delimiter=";")) == 6
    numbers = list(report.lines.order_by("number").values_list("number", flat=True))
    assert numbers == list(range(1, 8))
    last = report.lines.get(number=7)
    assert last.amount_eur == Decimal("39.80") and last.work_package.number == 1


def test_xlsx_with_date_and_number_cells(contracted, report):
    day = contracted.project.start_date + timedelta(days=5)
    rows = [["staff", 1, "Salary", "ACME", 1001, day, day, 250.5, "EUR", None]]
    assert import_lines(report=report, by=contracted.partner_user, upload=xlsx_file(rows)) == 1
    saved = report.lines.get(number=2)
    assert (saved.invoice_number, saved.amount, saved.invoice_date) == ("1001", Decimal("250.50"), day)


@pytest.mark.parametrize("make", [csv_file, xlsx_file])
def test_any_wrong_row_imports_nothing_and_names_rows_and_columns(contracted, report, make):
    before = (contracted.project.start_date - timedelta(days=1)).isoformat()
    rows = [
        row(contracted),
        row(contracted, category="nonsense"),
        row(contracted, amount="-1"),
        row(contracted, currency="USD"),  # no rate
        row(contracted, invoice_date=before),
        row(contracted, supplier="X", invoice_number="9"),
        row(contracted, supplier="x", invoice_number="9"),  # the same invoice twice in the file
    ]
    with pytest.raises(ImportRefused) as error:
        import_lines(report=report, by=contracted.partner_user, upload=make(rows))
    found = {(e.row, e.column) for e in error.value.row_errors}
    assert found == {(3, "category"), (4, "amount"), (5, "rate"), (6, "invoice_date"), (8, "invoice_number")}
    assert report.lines.count() == 1


def test_a_duplicate_of_an_earlier_line_and_bad_files(contracted, report):
    user = contracted.partner_user
    import_lines(report=report, by=user, upload=csv_file([row(contracted, supplier="A", invoice_number="1")]))
    with pytest.raises(ImportRefused) as error:
        import_lines(report=report, by=user, upload=csv_file([row(contracted, supplier="a", invoice_number="1")]))
    assert error.value.row_errors[0].row == 2
    for upload in (
        SimpleUploadedFile("x.txt", b"a,b"),
        SimpleUploadedFile("x.csv", b""),
        SimpleUploadedFile("x.csv", b"category;amount\n"),
        SimpleUploadedFile("x.csv", b"category,description,amount,colour\nstaff,x,1,red\n"),
        SimpleUploadedFile("x.xlsx", b"PK not a workbook"),
        SimpleUploadedFile("x.csv", "category,description,amount\n".encode("utf-16")),
    ):
        with pytest.raises(ImportRefused):
            import_lines(report=report, by=user, upload=upload)
    assert report.lines.count() == 2


def test_templates_are_importable(contracted, report):
    """The downloadable templates have the layout the import reads (their example rows are checked too)."""
    assert template_csv().decode("utf-8-sig").splitlines()[0] == ",".join(COLUMNS)
    sheet = openpyxl.load_workbook(io.BytesIO(template_xlsx())).active
    assert [c.value for c in sheet[1]] == COLUMNS


def test_the_import_page(client, contracted, report):
    client.force_login(contracted.partner_user)
    url = reverse("projects:partner_report_import", args=[report.project_id, report.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"file": csv_file([row(contracted, amount="x")])})
    assert response.status_code == 400 and b"Nothing was imported" in response.content
    assert report.lines.count() == 1
    response = client.post(url, {"file": csv_file([row(contracted)] * 3)})
    assert response.status_code == 302 and report.lines.count() == 4
    for fmt in ("csv", "xlsx"):
        got = client.get(reverse("projects:partner_report_template", args=[report.project_id, fmt]))
        assert got.status_code == 200 and "attachment" in got["Content-Disposition"]
    assert client.get(reverse("projects:partner_report_template", args=[report.project_id, "pdf"])).status_code == 404
    PartnerReport.objects.filter(pk=report.pk).update(reopen_scope=ReopenScope.CONTENT)
    assert client.post(url, {"file": csv_file([row(contracted)])}).status_code == 403
