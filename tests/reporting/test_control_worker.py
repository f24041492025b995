"""The control certificate through a real Celery worker on Redis: certification queues it, the worker renders it,
and its text states the partner, the amounts of reporting_money, the deductions, parked lines and checklist."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from interact_portal.core.formatting import format_money
from projects.control_pdf import certificate_data
from projects.models import PartnerReport
from projects.services import control
from tests.conftest import wait_for
from tests.reporting.conftest import report_with_lines

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_certification_produces_the_certificate(celery_worker, contracted):
    contracted.call.control_four_eyes = True
    contracted.call.save(update_fields=["control_four_eyes"])
    by, second = contracted.controller, contracted.controller2
    report = report_with_lines(
        contracted.partner,
        lines=[
            {"category": "staff", "amount": "1000", "description": "Salary of Jana"},
            {"category": "staff", "amount": "500", "description": "Salary of Marek"},
            {"category": "staff", "amount": "300", "description": "Overtime in June"},
        ],
        status="submitted",
    )
    report = control.control_start(report=report, by=by)
    control.line_decide(
        line=report.lines.get(number=2), by=by, decision="deducted", deducted="75.25", error_type="vat", note="VAT"
    )
    control.line_decide(line=report.lines.get(number=3), by=by, decision="parked")
    control.lines_certify_remaining(report=report, by=by)
    answers = {key: {"answer": "yes", "comment": ""} for key in control.CHECKLIST_KEYS}
    answers["procurement"] = {"answer": "na", "comment": "No procurement."}
    control.control_checklist_save(
        report=report, by=by, answers=answers, findings="VAT was declared.", conclusion="Certified with a deduction."
    )
    report = control.control_finalise(report=report, by=by)
    report = control.control_confirm(report=report, by=second)
    wait_for(lambda: bool(PartnerReport.objects.get(pk=report.pk).certificate), message="no certificate")
    report = PartnerReport.objects.get(pk=report.pk)
    with report.certificate.open("rb") as handle:
        text = "".join(page.extract_text() for page in PdfReader(BytesIO(handle.read())).pages)
    data = certificate_data(report)
    assert "PP2" in text and "DANUBE-AIR" in text and "Mesto Bratislava" in text
    for amount in (data["total_declared"], data["total_deducted"], data["total_parked"], data["total_certified"]):
        assert format_money(amount) in text
    staff = next(row for row in data["categories"] if row["category"] == "staff")
    assert format_money(staff["certified"]) == "€1,424.75"  # 1,000 + 500 − 75.25, without the parked 300
    assert "Recoverable VAT declared" in text and "Overtime in June" in text
    assert "No procurement." in text and "Certified with a deduction." in text
    assert str(contracted.controller) in text and str(contracted.controller2) in text
