"""A contracted project in force as version 1 whose two partners each plan staff costs (20,000 EUR) and external
expertise (5,000 EUR) in each of the five periods: per partner, 100,000 of staff and 25,000 of external expertise in
the base version, so under the default limit of 10 % at most 10,000 may leave or enter staff and 2,500 external."""

from decimal import Decimal

import pytest

from partnerships.budget import project_periods
from partnerships.models import PartnerBudgetLine
from projects.models import VersionOrigin
from projects.versions import version_capture
from tests.projects.conftest import ready  # noqa: F401
from tests.reporting.conftest import contracted  # noqa: F401

EXTERNAL = Decimal("5000")


@pytest.fixture
def budgeted(contracted):  # noqa: F811
    for partner in (contracted.lead, contracted.partner):
        PartnerBudgetLine.objects.bulk_create(
            PartnerBudgetLine(partner=partner, category="external", period=n, amount=EXTERNAL)
            for n in project_periods(contracted.project)
        )
    contracted.v1 = version_capture(
        project=contracted.project,
        by=contracted.staff,
        origin=VersionOrigin.CONTRACT,
        in_force_from=contracted.project.start_date,
    )
    return contracted
