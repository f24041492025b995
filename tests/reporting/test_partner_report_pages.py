"""The partner report pages: the Reports area, opening a report, its text, progress, outputs, overview and
submission; constant queries; the applicant side only."""

import pytest
from django.urls import reverse

from projects.models import PartnerReport, ReportOutput, WorkPackage
from projects.reporting_workflow import PartnerReportStatus
from tests.reporting.conftest import report_with_lines


def url(name, report, *more):
    return reverse(f"projects:{name}", args=[report.project_id, report.pk, *more])


PAGES = [
    "partner_report",
    "partner_report_progress",
    "partner_report_outputs",
    "partner_report_lines",
    "partner_report_overview",
    "partner_report_submit",
    "partner_report_import",
    "partner_report_line_add",
]


def test_the_reports_area_and_opening_a_report(client, contracted):
    project = contracted.project
    client.force_login(contracted.partner_user)
    index = reverse("projects:partner_reports", args=[project.pk])
    response = client.get(index)
    assert response.status_code == 200 and contracted.partner.organisation.name in response.content.decode()
    assert contracted.lead.organisation.name not in response.content.decode()  # only the partners one reports for
    detail = client.get(reverse("projects:detail", args=[project.pk]))
    assert index.encode() in detail.content
    new = reverse("projects:partner_report_new", args=[project.pk])
    response = client.post(new, {"partner": contracted.partner.pk, "period": 3})
    assert response.status_code == 400  # period 3 has not started: not even a choice
    response = client.post(new, {"partner": contracted.partner.pk, "period": 1})
    report = PartnerReport.objects.get(partner=contracted.partner)
    assert response.status_code == 302 and response["Location"] == url("partner_report", report)
    response = client.post(new, {"partner": contracted.partner.pk, "period": 2})
    assert response.status_code == 400 and b"still a draft" in response.content
    client.force_login(contracted.controller)
    assert client.get(index).status_code == 404


@pytest.mark.parametrize("count", [2, 20])
def test_every_page_has_constant_queries(client, contracted, django_assert_max_num_queries, count):
    report = report_with_lines(contracted.partner, lines=[{"category": "staff", "amount": "10"}] * count)
    client.force_login(contracted.partner_user)
    for name in PAGES:
        with django_assert_max_num_queries(14):
            assert client.get(url(name, report)).status_code == 200, name
    with django_assert_max_num_queries(12):
        client.get(reverse("projects:partner_reports", args=[report.project_id]))


def test_text_progress_outputs_and_submit(client, contracted):
    report = report_with_lines(contracted.partner, lines=[{"category": "staff", "amount": "10"}])
    PartnerReport.objects.filter(pk=report.pk).update(summary="")
    client.force_login(contracted.partner_user)
    response = client.post(url("partner_report_submit", report))
    assert response.status_code == 400 and b"Summarise the period" in response.content
    assert client.post(url("partner_report", report), {"summary": "Done", "version": 1}).status_code == 302
    stale = client.post(url("partner_report", report), {"summary": "Other", "version": 1})
    assert stale.status_code == 409
    packages = WorkPackage.objects.filter(project=report.project, start_period__lte=1, end_period__gte=1)
    data = {f"work_package-{p.pk}-text": "Progress" for p in packages}
    data |= {f"work_package-{p.pk}-achievement": "partly" for p in packages}
    assert client.post(url("partner_report_progress", report), data).status_code == 302
    bad = {f"work_package-{packages[0].pk}-achievement": "maybe"}
    assert client.post(url("partner_report_progress", report), bad).status_code == 400
    output = report.project.work_packages.first().outputs.first()
    if output:
        bad = {f"output-{output.pk}-value": "lots"}
        assert client.post(url("partner_report_outputs", report), bad).status_code == 400
        good = {f"output-{output.pk}-value": "2.5", f"output-{output.pk}-text": "Two"}
        assert client.post(url("partner_report_outputs", report), good).status_code == 302
        assert ReportOutput.objects.get(report=report).text == "Two"
    assert client.post(url("partner_report_submit", report)).status_code == 302
    report.refresh_from_db()
    assert report.status == PartnerReportStatus.SUBMITTED and report.snapshot["summary"] == "Done"
    again = client.post(url("partner_report_submit", report), follow=True)
    assert b"already been submitted" in again.content
    assert client.post(url("partner_report", report), {"summary": "x", "version": 2}).status_code == 403
    overview = client.get(url("partner_report_overview", report))
    assert overview.status_code == 200 and b"10.00" in overview.content


def test_other_people_get_404(client, contracted):
    report = report_with_lines(contracted.partner, status=PartnerReportStatus.SUBMITTED)
    for user in (contracted.controller, contracted.finance, contracted.programme_manager, contracted.staff):
        client.force_login(user)
        for name in PAGES:
            assert client.get(url(name, report)).status_code == 404, (user, name)
    client.logout()
    assert client.get(url("partner_report", report)).status_code == 302
