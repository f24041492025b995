"""A contracted project to report on: the `ready` application of tests/projects, contracted eight months ago for
30 months (6-month periods), with a controller for each partner country, two finance officers and a programme
manager. `report_with_lines` makes a partner report with expenditure lines directly (the pages are tested on their
own)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from programmes.models import ProgrammeStaff, StaffRole
from projects.models import ControllerAssignment, ExpenditureLine, PartnerReport, ProjectContract
from projects.reporting_money import line_eur
from projects.workflow import Status
from tests.factories import UserFactory
from tests.projects.conftest import ready  # noqa: F401


def months_ago(months: int) -> date:
    today = timezone.localdate()
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return date(year, month + 1, 1)


@pytest.fixture
def contracted(ready):  # noqa: F811
    project = ready.project
    project.start_date = months_ago(8)
    project.end_date = project.start_date + timedelta(days=913)
    project.status = Status.CONTRACTED
    project.save(update_fields=["start_date", "end_date", "status"])
    ProjectContract.objects.create(project=project, contract_date=project.start_date, website="https://example.org")
    programme = ready.programme
    ready.controller = UserFactory(first_name="Clara", last_name="Controller")
    ready.controller2 = UserFactory(first_name="Carl", last_name="Controller")
    ready.finance = UserFactory(first_name="Fiona", last_name="Finance")
    ready.finance2 = UserFactory(first_name="Frank", last_name="Finance")
    ready.programme_manager = UserFactory(first_name="Paula", last_name="Manager")
    for user, role in (
        (ready.controller, StaffRole.CONTROLLER),
        (ready.controller2, StaffRole.CONTROLLER),
        (ready.finance, StaffRole.FINANCE),
        (ready.finance2, StaffRole.FINANCE),
        (ready.programme_manager, StaffRole.MANAGER),
    ):
        ProgrammeStaff.objects.create(programme=programme, user=user, role=role)
    for country in (ready.austria, ready.slovakia):
        ControllerAssignment.objects.create(programme=programme, controller=ready.controller, country=country)
        ControllerAssignment.objects.create(programme=programme, controller=ready.controller2, country=country)
    return ready


def report_with_lines(partner, *, period: int = 1, lines=(), status: str = "draft", by=None) -> PartnerReport:
    """A partner report with `lines`: dicts of ExpenditureLine fields (category and amount at least)."""
    number = PartnerReport.objects.filter(partner=partner).count() + 1
    report = PartnerReport.objects.create(
        partner=partner,
        project=partner.project,
        period=period,
        number=number,
        status=status,
        summary="What we did.",
        created_by=by,
        submitted_at=None if status == "draft" else timezone.now(),
    )
    for index, fields in enumerate(lines, start=1):
        fields = {"description": f"Invoice {index}", "currency": "EUR", "rate": Decimal(1), **fields}
        fields["amount"] = Decimal(fields["amount"])
        ExpenditureLine.objects.create(
            report=report,
            partner=partner,
            number=index,
            amount_eur=line_eur(fields["amount"], fields["currency"], fields["rate"]),
            **fields,
        )
    return report
