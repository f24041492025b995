"""A small world for the statistics pages: three programmes, specific objectives (one code in two programmes),
organisations of four types in four countries, public projects starting in several years (one without a date) with
partners at different co-financing rates, and unpublished applications (a draft and a submitted one) whose partner
organisation, country and money must never be counted."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from partnerships.choices import OrganisationType, PartnerRole
from projects.search_index import search_index_refresh
from projects.workflow import Status
from tests.factories import (
    CountryFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ProjectFactory,
    ProjectPartnerFactory,
    SpecificObjectiveFactory,
)


def project(programme, partners, **fields):
    """partners: (organisation, budget, co-financing rate) triples, the first one the lead partner."""
    made = ProjectFactory(programme=programme, **fields)
    for n, (organisation, budget, rate) in enumerate(partners):
        ProjectPartnerFactory(
            project=made,
            organisation=organisation,
            role=PartnerRole.LEAD if n == 0 else PartnerRole.PARTNER,
            abbreviation=f"PP{n + 1}",
            budget=Decimal(budget),
            cofinancing_rate=Decimal(rate),
        )
    return made


@pytest.fixture
def world(db):
    at, cz, sk, si = (CountryFactory(code=code) for code in ("AT", "CZ", "SK", "SI"))
    hu = CountryFactory(code="HU")  # only in unpublished applications
    danube = ProgrammeFactory(name="Interreg Danube", slug="danube")
    alpine = ProgrammeFactory(name="Interreg Alpine Space", slug="alpine")
    central = ProgrammeFactory(name="Interreg Central", slug="central")
    empty = ProgrammeFactory(name="Interreg Nothing Yet", slug="nothing-yet")
    energy = SpecificObjectiveFactory(priority__programme=danube, code="RSO2.1", title="Energy efficiency")
    climate = SpecificObjectiveFactory(priority__programme=danube, code="RSO2.4", title="Climate adaptation")
    alpine_energy = SpecificObjectiveFactory(priority__programme=alpine, code="RSO2.1", title="Alpine energy")
    vienna = OrganisationFactory(name="City of Vienna", country=at, type=OrganisationType.LOCAL_AUTHORITY)
    brno = OrganisationFactory(name="Brno University", country=cz, type=OrganisationType.HIGHER_EDUCATION)
    solar = OrganisationFactory(name="Solar Slovakia Ltd", country=sk, type=OrganisationType.SME)
    ngo = OrganisationFactory(name="Alpine Friends", country=si, type=OrganisationType.INTEREST_GROUP)
    graz = OrganisationFactory(name="Graz Energy Agency", country=at, type=OrganisationType.SECTORAL_AGENCY)
    hidden_org = OrganisationFactory(name="Hidden Draft Works", country=hu, type=OrganisationType.LARGE_ENTERPRISE)
    w = SimpleNamespace(danube=danube, alpine=alpine, central=central, empty=empty, vienna=vienna, brno=brno)
    w.objectives = SimpleNamespace(energy=energy, climate=climate, alpine_energy=alpine_energy)
    w.public = [
        project(
            danube,
            [(vienna, "400000", "80"), (brno, "300000", "80"), (solar, "100000.50", "85")],
            status=Status.CONTRACTED,
            specific_objective=energy,
            start_date=date(2021, 3, 1),
        ),
        project(
            danube,
            [(vienna, "250000", "80"), (graz, "150000", "60")],
            status=Status.CLOSED,
            specific_objective=climate,
            start_date=date(2019, 1, 1),
        ),
        project(
            danube,
            [(brno, "90000", "80"), (vienna, "10000.25", "80")],
            status=Status.APPROVED,
            specific_objective=energy,
        ),  # no start date yet
        project(
            alpine,
            [(ngo, "500000", "75"), (vienna, "200000", "75"), (graz, "33333.33", "75")],
            status=Status.CONTRACTED,
            specific_objective=alpine_energy,
            start_date=date(2021, 9, 1),
        ),
        project(
            alpine,
            [(ngo, "120000", "85")],
            status=Status.CLOSED,
            start_date=date(2023, 5, 1),
        ),  # no specific objective
        project(
            central,
            [(solar, "640000", "80"), (brno, "360000", "70"), (vienna, "0", "0")],
            status=Status.CONTRACTED,
            start_date=date(2023, 1, 1),
        ),
    ]
    w.hidden = [
        project(
            danube,
            [(hidden_org, "9000000", "80"), (vienna, "1000000", "80")],
            status=status,
            specific_objective=climate,
            start_date=date(2020, 1, 1),
            acronym=f"HIDDEN{n}",
        )
        for n, status in enumerate([Status.DRAFT, Status.SUBMITTED])
    ]
    w.hidden_org = hidden_org
    search_index_refresh([p.pk for p in w.public + w.hidden])
    return w


@pytest.fixture(autouse=True)
def queued(request, monkeypatch):
    """The recounts the pages queue, as (task name, arguments), recorded instead of sent to the broker; tests with
    the real worker (celery_worker) send them."""
    sent = []
    if "celery_worker" not in request.fixturenames:
        monkeypatch.setattr("projects.statistics.enqueue", lambda task, *args: sent.append((task.name, args)) or True)
    return sent
