"""Partner reports, applicant side: creation rules, parked lines carried once, text, progress, outputs, submission."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from interact_portal.notifications.models import Notification
from projects.models import ExpenditureLine, LineControl, PartnerReport, ReportProgress, WorkPackage
from projects.reporting_workflow import PartnerReportStatus, ReopenScope
from projects.services.partner_reports import (
    expenditure_line_add,
    partner_report_create,
    partner_report_submit,
    report_overview,
    report_progress_save,
    report_text_update,
    submit_problems,
)
from projects.services.versioning import StaleVersion
from tests.factories import UserFactory
from tests.reporting.conftest import report_with_lines


def line(**fields):
    return {"category": "staff", "description": "Salary", "amount": "100.00", "currency": "EUR", **fields}


def ready_to_submit(report):
    report.summary = "We measured the air."
    report.save()
    for package in WorkPackage.objects.filter(
        project=report.project, start_period__lte=report.period, end_period__gte=report.period
    ):
        ReportProgress.objects.create(report=report, work_package=package, achievement="partly", text="Done.")
    return report


def test_create_numbers_reports_and_refuses_what_the_rules_forbid(contracted):
    partner, user = contracted.partner, contracted.partner_user
    with pytest.raises(ValidationError) as error:
        partner_report_create(partner=partner, period=3, by=user)
    assert "has not started" in str(error.value)
    with pytest.raises(ValidationError):
        partner_report_create(partner=partner, period=9, by=user)
    first = partner_report_create(partner=partner, period=1, by=user)
    assert (first.number, first.status) == (1, PartnerReportStatus.DRAFT)
    with pytest.raises(ValidationError) as error:
        partner_report_create(partner=partner, period=1, by=user)
    assert "already has a report" in str(error.value)
    with pytest.raises(ValidationError) as error:
        partner_report_create(partner=partner, period=2, by=user)
    assert "still a draft" in str(error.value)
    PartnerReport.objects.filter(pk=first.pk).update(status=PartnerReportStatus.SUBMITTED)
    second = partner_report_create(partner=partner, period=2, by=contracted.manager)  # the project's manager may
    assert second.number == 2
    with pytest.raises(PermissionDenied):
        partner_report_create(partner=contracted.lead, period=1, by=user)  # another partner's
    with pytest.raises(PermissionDenied):
        partner_report_create(partner=partner, period=1, by=contracted.controller)


def test_parked_lines_are_carried_once_into_the_next_report(contracted):
    partner = contracted.partner
    first = report_with_lines(
        partner,
        status=PartnerReportStatus.CERTIFIED,
        lines=[
            {
                "category": "staff",
                "amount": "300",
                "control": LineControl.PARKED,
                "supplier": "ACME",
                "invoice_number": "7",
            },
            {"category": "staff", "amount": "100", "control": LineControl.CERTIFIED},
        ],
    )
    second = partner_report_create(partner=partner, period=2, by=contracted.partner_user)
    carried = list(second.lines.all())
    assert len(carried) == 1
    parked = first.lines.get(number=1)
    assert carried[0].parked_from == parked and carried[0].amount_eur == Decimal("300.00")
    assert carried[0].invoice_number == "7"  # the same invoice, on purpose: not a duplicate


def test_text_is_saved_under_its_version(contracted):
    report = partner_report_create(partner=contracted.partner, period=1, by=contracted.partner_user)
    version = report_text_update(
        report=report,
        by=contracted.partner_user,
        version=1,
        data={"summary": " Done. ", "deviations": "", "problems": ""},
    )
    assert version == 2
    with pytest.raises(StaleVersion):
        report_text_update(report=report, by=contracted.manager, version=1, data={"summary": "Other"})
    report.refresh_from_db()
    assert report.summary == "Done."


def test_progress_only_for_items_of_the_period(contracted):
    report = partner_report_create(partner=contracted.partner, period=1, by=contracted.partner_user)
    outside = WorkPackage.objects.filter(project=report.project).exclude(start_period__lte=1, end_period__gte=1)
    inside = WorkPackage.objects.filter(project=report.project, start_period__lte=1, end_period__gte=1).first()
    report_progress_save(
        report=report,
        by=contracted.partner_user,
        rows=[{"kind": "work_package", "item": inside.pk, "achievement": "fully", "text": "x"}],
    )
    assert report.progress.get().achievement == "fully"
    if outside.exists():
        with pytest.raises(ValidationError):
            report_progress_save(
                report=report,
                by=contracted.partner_user,
                rows=[{"kind": "work_package", "item": outside.first().pk, "text": "x"}],
            )


def test_submit_checks_freezes_a_snapshot_and_notifies(contracted):
    report = partner_report_create(partner=contracted.partner, period=1, by=contracted.partner_user)
    assert submit_problems(report)
    with pytest.raises(ValidationError):
        partner_report_submit(report=report, by=contracted.partner_user)
    ready_to_submit(report)
    expenditure_line_add(report=report, by=contracted.partner_user, data=line(amount="250.50"))
    report, now = partner_report_submit(report=report, by=contracted.partner_user)
    assert now and report.status == PartnerReportStatus.SUBMITTED and report.submitted_by == contracted.partner_user
    assert report.snapshot["lines"][0]["amount_eur"] == "250.50"
    assert report.snapshot["summary"] == "We measured the air."
    # a second click: nothing happens
    again, now = partner_report_submit(report=report, by=contracted.partner_user)
    assert not now and again.snapshot == report.snapshot
    recipients = set(Notification.objects.filter(event="partner_report.submitted").values_list("recipient", flat=True))
    assert {contracted.controller.pk, contracted.controller2.pk, contracted.manager.pk} <= recipients
    # frozen: a later change to the lines (a reopened report) leaves the snapshot as submitted
    ExpenditureLine.objects.filter(report=report).update(description="changed")
    report.refresh_from_db()
    assert report.snapshot["lines"][0]["description"] == "Salary"
    with pytest.raises(PermissionDenied):
        partner_report_submit(report=report, by=UserFactory())


def test_reopened_for_content_locks_the_lines(contracted):
    report = report_with_lines(contracted.partner, lines=[{"category": "staff", "amount": "10"}])
    PartnerReport.objects.filter(pk=report.pk).update(reopen_scope=ReopenScope.CONTENT)
    report.refresh_from_db()
    with pytest.raises(PermissionDenied) as error:
        expenditure_line_add(report=report, by=contracted.partner_user, data=line())
    assert "locked" in str(error.value)
    report_text_update(report=report, by=contracted.partner_user, version=1, data={"summary": "ok"})


def test_overview_sums_are_the_lines(contracted):
    report = report_with_lines(
        contracted.partner, lines=[{"category": "staff", "amount": "100"}, {"category": "staff", "amount": "50.25"}]
    )
    rows = {row.category: row for row in report_overview(report)}
    assert rows["staff"].this_report == Decimal("150.25")
    assert rows["total"].this_report >= Decimal("150.25")
    assert rows["staff"].remaining == rows["staff"].budget - Decimal("150.25")
