"""Two tabs at once on real PostgreSQL: a parked line is carried exactly once, a report is submitted once."""

import pytest

from interact_portal.notifications.models import Notification
from projects.models import ExpenditureLine, LineControl, PartnerReport, ReportingStep, ReportProgress, WorkPackage
from projects.reporting_workflow import PartnerReportStatus
from projects.services.partner_reports import partner_report_create, partner_report_submit
from tests.conftest import at_once
from tests.reporting.conftest import report_with_lines

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_parked_line_is_carried_exactly_once(contracted):
    report_with_lines(
        contracted.partner,
        status=PartnerReportStatus.CERTIFIED,
        lines=[{"category": "staff", "amount": "300", "control": LineControl.PARKED}],
    )

    def create():
        try:
            return partner_report_create(partner=contracted.partner, period=2, by=contracted.partner_user).pk
        except Exception:  # noqa: BLE001 - the loser is refused
            return None

    results = at_once(create, times=3)
    assert len([r for r in results if r]) == 1
    assert PartnerReport.objects.filter(partner=contracted.partner).count() == 2
    assert ExpenditureLine.objects.filter(parked_from__isnull=False).count() == 1


def test_simultaneous_submits_submit_once(contracted):
    report = report_with_lines(contracted.partner)
    for package in WorkPackage.objects.filter(project=report.project, start_period__lte=1, end_period__gte=1):
        ReportProgress.objects.create(report=report, work_package=package, text="Done.")
    results = at_once(lambda: partner_report_submit(report=report, by=contracted.partner_user)[1], times=3)
    assert sorted(results) == [False, False, True]
    assert PartnerReport.objects.get(pk=report.pk).status == PartnerReportStatus.SUBMITTED
    assert ReportingStep.objects.filter(partner_report=report).count() == 1
    assert Notification.objects.filter(recipient=contracted.controller, event="partner_report.submitted").count() == 1
