"""Expenditure lines: every bad input refused with its message next to the field and nothing saved; edit, delete,
locks; the pages (keyset pages, constant queries, access)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.models import ExpenditureLine, PartnerReport
from projects.reporting_workflow import PartnerReportStatus
from projects.services.partner_reports import (
    expenditure_line_add,
    expenditure_line_delete,
    expenditure_line_update,
    partner_report_create,
)
from tests.reporting.conftest import report_with_lines


def line(**fields):
    return {"category": "staff", "description": "Salary", "amount": "100.00", "currency": "EUR", **fields}


@pytest.fixture
def report(contracted):
    return partner_report_create(partner=contracted.partner, period=1, by=contracted.partner_user)


def refused(report, user, data, field):
    with pytest.raises(ValidationError) as error:
        expenditure_line_add(report=report, by=user, data=data)
    assert field in error.value.message_dict, error.value.message_dict
    assert not ExpenditureLine.objects.filter(report=report).exists()
    return error.value.message_dict[field][0]


def test_a_line_in_another_currency_is_converted(contracted, report):
    saved = expenditure_line_add(
        report=report, by=contracted.partner_user, data=line(amount="1000", currency="czk", rate="25.125")
    )
    assert (saved.currency, saved.amount_eur, saved.number) == ("CZK", Decimal("39.80"), 1)


def test_bad_input_is_refused_by_the_field(contracted, report):
    project, user = contracted.project, contracted.partner_user
    assert "cost category" in refused(report, user, line(category="office_bogus"), "category")
    assert refused(report, user, line(description=""), "description")
    assert refused(report, user, line(amount="0"), "amount")
    assert refused(report, user, line(amount="-5"), "amount")
    assert refused(report, user, line(amount="1.005"), "amount")
    assert refused(report, user, line(amount="abc"), "amount")
    assert refused(report, user, line(currency="EURO"), "currency")
    assert "exchange rate" in refused(report, user, line(currency="CZK"), "rate")
    assert refused(report, user, line(currency="CZK", rate="1"), "rate")
    assert refused(report, user, line(currency="CZK", rate="0"), "rate")
    assert refused(report, user, line(rate="2"), "rate")  # euro has the rate 1
    before = (project.start_date - timedelta(days=1)).isoformat()
    after = (project.end_date + timedelta(days=1)).isoformat()
    assert "before the project" in refused(report, user, line(invoice_date=before), "invoice_date")
    assert "after the project" in refused(report, user, line(payment_date=after), "payment_date")
    day = project.start_date + timedelta(days=10)
    assert "before the invoice" in refused(
        report,
        user,
        line(invoice_date=day.isoformat(), payment_date=(day - timedelta(days=1)).isoformat()),
        "payment_date",
    )
    assert refused(report, user, line(invoice_date="31.02.2025"), "invoice_date")
    assert refused(report, user, line(work_package="99"), "work_package")


def test_a_duplicate_invoice_is_refused_by_the_field(contracted, report):
    user = contracted.partner_user
    expenditure_line_add(report=report, by=user, data=line(supplier="ACME", invoice_number="42"))
    with pytest.raises(ValidationError) as error:
        expenditure_line_add(report=report, by=user, data=line(supplier="acme ", invoice_number="42"))
    assert "already declared" in error.value.message_dict["invoice_number"][0]
    assert report.lines.count() == 1
    # another amount is another invoice line
    expenditure_line_add(report=report, by=user, data=line(supplier="ACME", invoice_number="42", amount="5"))


def test_the_database_constraint_becomes_a_message(contracted, report, monkeypatch):
    """Two writers at once pass the check; the constraint catches the second, as a message, not a 500."""
    from projects.services import partner_reports

    user = contracted.partner_user
    expenditure_line_add(report=report, by=user, data=line(supplier="ACME", invoice_number="42"))
    real = partner_reports.LineRules.of
    monkeypatch.setattr(
        partner_reports.LineRules,
        "of",
        classmethod(lambda cls, r, **kw: (lambda x: (x.duplicates.clear(), x)[1])(real(r, **kw))),
    )
    with pytest.raises(ValidationError) as error:
        expenditure_line_add(report=report, by=user, data=line(supplier="ACME", invoice_number="42"))
    assert "already declared" in error.value.message_dict["invoice_number"][0]


def test_edit_and_delete(contracted, report):
    user = contracted.partner_user
    saved = expenditure_line_add(report=report, by=user, data=line(supplier="ACME", invoice_number="42"))
    edited = expenditure_line_update(line=saved, by=user, data=line(supplier="ACME", invoice_number="42", amount="7"))
    assert edited.amount_eur == Decimal("7.00")  # its own invoice key is not a duplicate of itself
    expenditure_line_delete(line=edited, by=user)
    assert not report.lines.exists()


def test_submitted_report_lines_and_attachments(contracted, report):
    user = contracted.partner_user
    pdf = SimpleUploadedFile("invoice.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    saved = expenditure_line_add(report=report, by=user, data=line(), attachment=pdf)
    assert saved.attachment_name == "invoice.pdf" and saved.attachment.name.endswith(".pdf")
    fake = SimpleUploadedFile("invoice.pdf", b"not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        expenditure_line_add(report=report, by=user, data=line(description="x"), attachment=fake)
    assert "attachment" in error.value.message_dict
    PartnerReport.objects.filter(pk=report.pk).update(status=PartnerReportStatus.SUBMITTED)
    with pytest.raises(PermissionDenied):
        expenditure_line_update(line=saved, by=user, data=line())
    with pytest.raises(PermissionDenied):
        expenditure_line_delete(line=saved, by=user)


# ---------------------------------------------------------------- pages


def lines_url(report):
    return reverse("projects:partner_report_lines", args=[report.project_id, report.pk])


@pytest.mark.parametrize("count", [2, 20])
def test_the_lines_page_has_constant_queries(client, contracted, django_assert_max_num_queries, count):
    report = report_with_lines(contracted.partner, lines=[{"category": "staff", "amount": "10"}] * count)
    client.force_login(contracted.partner_user)
    with django_assert_max_num_queries(12):
        response = client.get(lines_url(report))
    assert response.status_code == 200
    assert response.content.count(b'<th scope="row">') == count


def test_the_lines_page_is_paged_by_keyset(client, contracted):
    report = report_with_lines(contracted.partner, lines=[{"category": "staff", "amount": "10"}] * 60)
    client.force_login(contracted.manager)
    first = client.get(lines_url(report))
    assert b'href="?after=50" rel="next"' in first.content
    second = client.get(lines_url(report) + "?after=50")
    assert second.content.count(b'<th scope="row">') == 10 and b'rel="next"' not in second.content
    assert client.get(lines_url(report) + "?after=x").status_code == 200


def test_pages_are_hidden_from_other_people(client, contracted):
    report = report_with_lines(contracted.partner, lines=[{"category": "staff", "amount": "10"}])
    lead_report = report_with_lines(contracted.lead)
    for user in (contracted.controller, contracted.programme_manager, contracted.finance):
        client.force_login(user)
        assert client.get(lines_url(report)).status_code == 404
    client.force_login(contracted.partner_user)
    assert client.get(lines_url(lead_report)).status_code == 404  # another partner's
    assert client.get(lines_url(report)).status_code == 200
    # visible but no longer editable: 403 with the reason
    PartnerReport.objects.filter(pk=report.pk).update(status=PartnerReportStatus.SUBMITTED)
    url = reverse("projects:partner_report_line_add", args=[report.project_id, report.pk])
    response = client.post(url, line())
    assert response.status_code == 403
    assert (
        client.get(reverse("projects:partner_report_line_delete", args=[report.project_id, report.pk, 1])).status_code
        == 405
    )


def test_add_a_line_through_the_form(client, contracted):
    report = report_with_lines(contracted.partner)
    client.force_login(contracted.partner_user)
    url = reverse("projects:partner_report_line_add", args=[report.project_id, report.pk])
    response = client.post(url, line(currency="CZK"))
    assert response.status_code == 400 and b"exchange rate" in response.content
    assert not report.lines.exists()
    response = client.post(url, line(currency="CZK", rate="25"))
    assert response.status_code == 302
    saved = report.lines.get()
    edit = reverse("projects:partner_report_line", args=[report.project_id, report.pk, saved.pk])
    assert client.get(edit).status_code == 200
    assert client.post(edit, line(amount="50")).status_code == 302
    saved.refresh_from_db()
    assert saved.amount_eur == Decimal("50.00")
    delete = reverse("projects:partner_report_line_delete", args=[report.project_id, report.pk, saved.pk])
    assert client.post(delete).status_code == 302
    assert not report.lines.exists()


def test_an_attachment_is_downloaded_by_the_report_writers_only(client, contracted):
    report = report_with_lines(contracted.partner)
    pdf = SimpleUploadedFile("invoice.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    saved = expenditure_line_add(report=report, by=contracted.partner_user, data=line(), attachment=pdf)
    url = reverse("projects:partner_report_line_attachment", args=[report.project_id, report.pk, saved.pk])
    client.force_login(contracted.partner_user)
    response = client.get(url)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert b"invoice.pdf" in client.get(lines_url(report)).content
    client.force_login(contracted.controller)
    assert client.get(url).status_code == 404
