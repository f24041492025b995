"""Certified partner reports and project reports made directly, for the project report, verification and payment
tests (the pages and services of partner reports and control are tested on their own)."""

from decimal import Decimal

from projects.services.project_reports import project_report_create, project_report_save, project_report_submit
from projects.services.verification import certificate_verify, verification_finalise, verification_start
from tests.reporting.conftest import report_with_lines

LINES = [
    {"category": "staff", "amount": "1000", "control": "certified"},
    {"category": "staff", "amount": "300", "control": "deducted", "deducted": "50", "error_type": "calculation"},
]


def certified(partner, *, period: int = 1, lines=LINES):
    return report_with_lines(partner, period=period, status="certified", lines=lines)


def submitted_report(contracted, *, period: int = 1):
    report = project_report_create(project=contracted.project, by=contracted.manager, period=period)
    project_report_save(
        report=report,
        by=contracted.manager,
        progress_summary="Pilots running.",
        highlights="",
        partner_report_ids=list(report.certificates.values_list("partner_report_id", flat=True)),
        indicator_values={},
    )
    return project_report_submit(report=report, by=contracted.manager)


def verified_claim(contracted, *, period: int = 1):
    report = submitted_report(contracted, period=period)
    verification_start(report=report, by=contracted.staff)
    for certificate in report.certificates.all():
        certificate_verify(certificate=certificate, by=contracted.staff, verified=True)
    return verification_finalise(report=report, by=contracted.staff, note="All fine.")


def eur(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))
