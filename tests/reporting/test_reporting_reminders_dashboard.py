"""The staff dashboard after the contract: reports due in the next 30 days and overdue (partners that have not
submitted), with counts and links, and the control backlog per controller — in a constant number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnerships.choices import PartnerRole
from projects.dashboard import control_backlog, reporting_dashboard
from projects.models import ControllerAssignment, ReportingDeadline
from projects.workflow import Status
from tests.factories import OrganisationFactory, ProjectFactory, ProjectPartnerFactory
from tests.reporting.conftest import report_with_lines

pytestmark = pytest.mark.django_db


def test_reports_due_and_overdue_count_the_partners_not_submitted(contracted):
    today = timezone.localdate()
    project = contracted.project
    ReportingDeadline.objects.create(project=project, period=1, due_date=today - timedelta(days=20))
    ReportingDeadline.objects.create(project=project, period=2, due_date=today + timedelta(days=12))
    ReportingDeadline.objects.create(project=project, period=3, due_date=today + timedelta(days=200))
    report_with_lines(contracted.partner, period=1, status="submitted")  # one of two partners reported period 1
    figures = reporting_dashboard(contracted.programme)
    assert [(d.period, d.missing) for d in figures["reports_overdue"]] == [(1, 1)]
    assert [(d.period, d.missing) for d in figures["reports_due"]] == [(2, 2)]
    assert figures["reporting_counts"] == {"due": 1, "due_reports": 2, "overdue": 1, "overdue_reports": 1}
    report_with_lines(contracted.lead, period=1, status="submitted")
    assert reporting_dashboard(contracted.programme)["reports_overdue"] == []


def test_the_control_backlog_follows_the_assignments(contracted):
    report_with_lines(contracted.partner, period=1, status="submitted")
    report_with_lines(contracted.lead, period=1, status="in_control")
    report_with_lines(contracted.lead, period=2, status="draft")  # not the controllers' yet
    report_with_lines(contracted.lead, period=3, status="certified")  # done
    backlog = {user: (user.waiting, user.in_control) for user in control_backlog(contracted.programme)}
    assert backlog == {contracted.controller: (1, 1), contracted.controller2: (1, 1)}
    # the partner's own assignment wins over its country's
    ControllerAssignment.objects.create(
        programme=contracted.programme, controller=contracted.controller2, partner=contracted.partner
    )
    backlog = {user: (user.waiting, user.in_control) for user in control_backlog(contracted.programme)}
    assert backlog == {contracted.controller: (0, 1), contracted.controller2: (1, 1)}


def test_the_dashboard_shows_them_with_links(client, contracted):
    today = timezone.localdate()
    ReportingDeadline.objects.create(project=contracted.project, period=1, due_date=today - timedelta(days=3))
    client.force_login(contracted.programme_manager)
    page = client.get(reverse("staff:dashboard", args=[contracted.programme.slug])).content.decode()
    assert "Overdue: 1 deadline, 2 partner reports missing" in page
    assert reverse("staff:application", args=[contracted.programme.slug, contracted.project.pk]) in page
    assert "Clara Controller" in page


def _more_contracted(contracted, n: int):
    today = timezone.localdate()
    for i in range(n):
        project = ProjectFactory(
            programme=contracted.programme,
            call=contracted.call,
            status=Status.CONTRACTED,
            acronym=f"RUN{i}",
            start_date=today - timedelta(days=200),
            end_date=today + timedelta(days=500),
        )
        lead = ProjectPartnerFactory(
            project=project, organisation=OrganisationFactory(country=contracted.austria), role=PartnerRole.LEAD
        )
        ProjectPartnerFactory(project=project, organisation=OrganisationFactory(country=contracted.slovakia))
        ReportingDeadline.objects.create(project=project, period=1, due_date=today - timedelta(days=i + 1))
        ReportingDeadline.objects.create(project=project, period=2, due_date=today + timedelta(days=i + 1))
        report_with_lines(lead, period=1, status="submitted" if i % 2 else "in_control")


def test_the_dashboard_costs_the_same_queries_with_more_projects_and_reports(client, contracted):
    client.force_login(contracted.programme_manager)
    url = reverse("staff:dashboard", args=[contracted.programme.slug])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    count()
    _more_contracted(contracted, 2)
    few = count()
    _more_contracted(contracted, 18)
    assert count() == few
