"""Reports follow versions: a report records the version it was made on and warns when a newer one is in force; the
financial overview, the work plan items and who reports follow the version of the report's period, never an open
modification's draft; a withdrawn partner keeps its reports and stops reporting from its period; reminders too."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from interact_portal.notifications.models import Notification
from partnerships.budget import stored_partner_budget
from partnerships.models import PartnerBudgetLine, ProjectPartner
from projects.models import (
    ExpenditureLine,
    PartnerReport,
    Project,
    ProjectOutput,
    ReportingDeadline,
    VersionOrigin,
    WorkPackage,
)
from projects.money_overview import compute_programme_money, project_money
from projects.services.contracting import period_dates
from projects.services.partner_reports import partner_report_create, progress_items, report_outputs, report_overview
from projects.services.project_reports import claimable_reports, project_report_create
from projects.services.reporting_reminders import reporting_reminders_send
from projects.version_reporting import version_budget_by_category
from projects.versions import version_capture, version_for_period
from tests.factories import OrganisationFactory, ProjectPartnerFactory
from tests.reporting.conftest import report_with_lines


def period_start(project, number):
    return period_dates(project)[number].starts


def next_version(c, *, staff=None, withdraw_from=None, in_force_from=None):
    """Edit the live tables as an approved modification would (the partner's staff costs per period, its
    withdrawal) and capture them as the next version, in force from period 2's first day unless told."""
    if staff is not None:
        PartnerBudgetLine.objects.filter(partner=c.partner, category="staff").update(amount=Decimal(staff))
    if withdraw_from is not None:
        ProjectPartner.objects.filter(pk=c.partner.pk).update(withdrawn_from_period=withdraw_from)
    return version_capture(
        project=c.project,
        by=c.staff,
        origin=VersionOrigin.MODIFICATION,
        in_force_from=in_force_from or period_start(c.project, 2),
    )


def overview_budget(report, category="staff") -> Decimal:
    report = PartnerReport.objects.select_related("project__call", "partner").get(pk=report.pk)
    return next(row.budget for row in report_overview(report) if row.category == category)


def test_a_report_records_the_version_it_was_made_on_and_the_final_flag(in_force):
    c = in_force
    report = partner_report_create(partner=c.partner, period=1, by=c.partner_user)
    assert report.application_version == c.v1
    ReportingDeadline.objects.create(project=c.project, period=1, due_date=timezone.localdate(), final=True)
    project_report = project_report_create(project=c.project, by=c.manager, period=1)
    assert project_report.application_version == c.v1 and project_report.is_final
    v2 = next_version(c, staff="30000")
    project_report_2 = project_report_create(project=c.project, by=c.manager, period=2)
    assert project_report_2.application_version == v2 and not project_report_2.is_final


def test_a_project_without_versions_reports_as_before(contracted):
    report = partner_report_create(partner=contracted.partner, period=1, by=contracted.partner_user)
    assert report.application_version is None
    assert overview_budget(report) == stored_partner_budget(contracted.partner).by_category["staff"]


def test_a_report_warns_when_a_newer_version_is_in_force(client, in_force):
    c = in_force
    report = partner_report_create(partner=c.partner, period=1, by=c.partner_user)
    project_report = project_report_create(project=c.project, by=c.manager, period=1)
    pages = [
        (c.partner_user, reverse("projects:partner_report", args=[c.project.pk, report.pk])),
        (c.partner_user, reverse("projects:partner_report_overview", args=[c.project.pk, report.pk])),
        (c.manager, reverse("projects:project_report", args=[c.project.pk, project_report.pk])),
    ]
    for user, url in pages:
        client.force_login(user)
        assert b"is in force since" not in client.get(url).content
    later = next_version(c, staff="30000", in_force_from=timezone.localdate() + timedelta(days=30))
    for user, url in pages:  # approved, but not in force yet: no warning
        client.force_login(user)
        assert b"is in force since" not in client.get(url).content
    assert later.number == 2
    ProjectPartner.objects.filter(pk=c.partner.pk).update(abbreviation="PP2b")
    v3 = next_version(c)  # in force since period 2 started
    for user, url in pages:
        client.force_login(user)
        page = client.get(url).content.decode()
        assert "This report was made on version 1 of the application; version 3 is in force since" in page, url
        assert v3.in_force_from.isoformat() in page
        assert reverse("projects:detail", args=[c.project.pk]) in page


def test_the_overview_of_each_period_compares_against_the_version_for_that_period(client, in_force):
    c = in_force
    first = report_with_lines(c.partner, period=1, status="certified", lines=[{"category": "staff", "amount": "10"}])
    second = report_with_lines(c.partner, period=2, lines=[{"category": "staff", "amount": "20"}])
    v1_staff = stored_partner_budget(c.partner).by_category["staff"]
    v2 = next_version(c, staff="30000")
    v2_staff = stored_partner_budget(c.partner).by_category["staff"]
    assert v2_staff != v1_staff
    assert version_for_period(c.project, 1) == c.v1 and version_for_period(c.project, 2) == v2
    assert version_budget_by_category(v2, c.partner.pk)["staff"] == v2_staff
    assert overview_budget(first) == v1_staff
    assert overview_budget(second) == v2_staff
    client.force_login(c.partner_user)
    page = client.get(reverse("projects:partner_report_overview", args=[c.project.pk, first.pk]))
    assert page.status_code == 200


def test_an_open_modification_changes_nothing_in_reporting(in_force):
    c = in_force
    v1_staff = stored_partner_budget(c.partner).by_category["staff"]
    report = report_with_lines(c.partner, period=1, lines=[{"category": "staff", "amount": "10"}])
    packages_before, activities_before, deliverables_before = progress_items(report)
    outputs_before = report_outputs(report)
    c.project.modification_open = True
    c.project.save(update_fields=["modification_open"])
    # the draft: a bigger budget, a new work package and output running in period 1, the partner withdrawn
    PartnerBudgetLine.objects.filter(partner=c.partner, category="staff").update(amount=Decimal("99999"))
    draft_wp = WorkPackage.objects.create(project=c.project, number=9, title="Draft", start_period=1, end_period=2)
    template = ProjectOutput.objects.filter(work_package__project=c.project).first()
    draft_output = ProjectOutput.objects.create(
        work_package=draft_wp, number=1, title="Draft", indicator=template.indicator, target_value=1, period=1
    )
    ProjectPartner.objects.filter(pk=c.partner.pk).update(withdrawn_from_period=1)
    assert overview_budget(report) == v1_staff
    report = PartnerReport.objects.select_related("project__call").get(pk=report.pk)
    packages, activities, deliverables = progress_items(report)
    assert draft_wp not in packages and packages == packages_before
    assert activities == activities_before and deliverables == deliverables_before
    assert draft_output not in report_outputs(report) and report_outputs(report) == outputs_before
    # the lead starts its report although the draft has its partner withdrawn: the version in force decides
    assert partner_report_create(partner=c.lead, period=1, by=c.manager).application_version == c.v1
    PartnerReport.objects.filter(pk=report.pk).update(status="submitted", submitted_at=timezone.now())
    assert partner_report_create(partner=c.partner, period=2, by=c.partner_user).period == 2


def test_a_partner_added_in_a_draft_does_not_report_until_its_version_is_in_force(in_force):
    c = in_force
    newcomer = ProjectPartnerFactory(
        project=c.project, organisation=OrganisationFactory(country=c.austria), abbreviation="PP3"
    )
    with pytest.raises(ValidationError, match="not part of version 1"):
        partner_report_create(partner=newcomer, period=1, by=c.manager)
    next_version(c)  # approved: in force from period 2
    with pytest.raises(ValidationError, match="not part of version 1"):
        partner_report_create(partner=newcomer, period=1, by=c.manager)
    assert partner_report_create(partner=newcomer, period=2, by=c.manager).period == 2


def test_a_withdrawn_partner_keeps_its_reports_and_stops_reporting_from_its_period(in_force):
    c = in_force
    earlier = report_with_lines(c.partner, period=1, status="certified", lines=[{"category": "staff", "amount": "10"}])
    next_version(c, withdraw_from=2)
    with pytest.raises(ValidationError, match="withdrew from the project from period 2"):
        partner_report_create(partner=c.partner, period=2, by=c.partner_user)
    assert PartnerReport.objects.filter(partner=c.partner).get() == earlier
    # the lead partner still reports, and its project report bundles the withdrawn partner's certified report
    assert partner_report_create(partner=c.lead, period=2, by=c.manager).period == 2
    assert earlier in list(claimable_reports(c.project, 2))
    project_report = project_report_create(project=c.project, by=c.manager, period=2)
    assert list(project_report.certificates.values_list("partner_report", flat=True)) == [earlier.pk]


def test_reminders_skip_a_withdrawn_partner_from_its_period_on(in_force):
    c = in_force
    today = timezone.localdate()
    ReportingDeadline.objects.create(project=c.project, period=2, due_date=today + timedelta(days=10))
    next_version(c, withdraw_from=2)
    assert reporting_reminders_send(today) == 1
    assert [n.recipient for n in Notification.objects.filter(event="reporting.deadline_before")] == [c.manager]


def test_reminders_ignore_an_open_modification_draft(in_force):
    c = in_force
    today = timezone.localdate()
    ReportingDeadline.objects.create(project=c.project, period=2, due_date=today + timedelta(days=10))
    ProjectPartner.objects.filter(pk=c.partner.pk).update(withdrawn_from_period=2)  # the draft only
    assert reporting_reminders_send(today) == 2


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


PAGES = [
    "partner_report",
    "partner_report_progress",
    "partner_report_outputs",
    "partner_report_lines",
    "partner_report_overview",
    "partner_report_submit",
]


def test_the_report_pages_cost_the_same_with_a_newer_version_and_more_lines(client, in_force):
    c = in_force
    report = report_with_lines(c.partner, period=1, lines=[{"category": "staff", "amount": "10"}] * 2)
    PartnerReport.objects.filter(pk=report.pk).update(application_version=c.v1)
    project_report = project_report_create(project=c.project, by=c.manager, period=1)
    partner_urls = [reverse(f"projects:{name}", args=[c.project.pk, report.pk]) for name in PAGES]
    project_url = reverse("projects:project_report", args=[c.project.pk, project_report.pk])
    client.force_login(c.partner_user)
    _queries(client, partner_urls[0])  # the first page after signing in stores the session
    before = [_queries(client, url) for url in partner_urls]
    client.force_login(c.manager)
    _queries(client, project_url)
    before_project = _queries(client, project_url)
    next_version(c, staff="30000")  # a newer version in force: the warning shows
    line = ExpenditureLine.objects.filter(report=report).first()
    for number in range(3, 21):
        line.pk, line.number = None, number
        line.save()
    client.force_login(c.partner_user)
    _queries(client, partner_urls[0])
    assert [_queries(client, url) for url in partner_urls] == before
    assert b"is in force since" in client.get(partner_urls[0]).content
    client.force_login(c.manager)
    _queries(client, project_url)
    assert _queries(client, project_url) == before_project
    assert max(before) <= 15


def test_the_money_overviews_keep_the_version_in_force_while_a_modification_is_open(in_force):
    c = in_force
    project_before = project_money(c.project)["tables"]
    programme_before = compute_programme_money(c.programme)
    assert programme_before["budget_country"]  # something to compare
    Project.objects.filter(pk=c.project.pk).update(modification_open=True)
    c.project.refresh_from_db()
    with CaptureQueriesContext(connection) as open_queries:
        project_open = project_money(c.project)["tables"]
    PartnerBudgetLine.objects.filter(partner=c.partner, category="staff").update(amount=Decimal("99999"))
    ProjectPartner.objects.filter(pk=c.partner.pk).update(budget=Decimal("999999"))  # the denormalised total
    draft = project_money(c.project)["tables"]
    assert [t.total.amounts["budget"] for t in draft] == [t.total.amounts["budget"] for t in project_before]
    assert [r.cells() for r in draft[0].rows] == [r.cells() for r in project_before[0].rows]
    assert [t.total.amounts for t in project_open] == [t.total.amounts for t in project_before]
    figures = compute_programme_money(c.programme)
    assert figures["budget_country"] == programme_before["budget_country"]
    assert figures["budget_fund"] == programme_before["budget_fund"]
    Project.objects.filter(pk=c.project.pk).update(modification_open=False)  # approved as drafted: live counts
    c.project.refresh_from_db()
    assert project_money(c.project)["tables"][0].total.amounts["budget"] > project_before[0].total.amounts["budget"]
    assert compute_programme_money(c.programme)["budget_country"] != programme_before["budget_country"]
    with CaptureQueriesContext(connection) as closed_queries:
        project_money(c.project)
    assert len(open_queries) <= len(closed_queries)
