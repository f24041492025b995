"""A small public project database with known words, partners, statuses and facets.

Five public projects (approved, contracted, closed) and three that must never be public (draft, ineligible,
not approved), in two programmes, with partners in Austria, Czechia and Slovakia.
"""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from partnerships.choices import PartnerRole, Sector
from programmes.models import NutsRegion
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


def project_with_partners(programme, partners, **fields):
    """partners: (organisation, budget) pairs, the first one the lead partner."""
    project = ProjectFactory(programme=programme, **fields)
    for n, (organisation, budget) in enumerate(partners):
        ProjectPartnerFactory(
            project=project,
            organisation=organisation,
            role=PartnerRole.LEAD if n == 0 else PartnerRole.PARTNER,
            abbreviation=f"PP{n + 1}",
            budget=Decimal(budget),
        )
    return project


@pytest.fixture
def database(db):
    at, cz, sk = CountryFactory(code="AT"), CountryFactory(code="CZ"), CountryFactory(code="SK")
    vienna = NutsRegion.objects.create(code="AT13", level=2, name="Wien", country=at)
    danube = ProgrammeFactory(name="Interreg Danube", slug="danube", period="2021-2027", strand="transnational")
    alpine = ProgrammeFactory(name="Interreg Alpine", slug="alpine", period="2014-2020", strand="cross_border")
    energy_so = SpecificObjectiveFactory(priority__programme=danube, code="SO2.1", title="Energy efficiency")
    water_so = SpecificObjectiveFactory(priority__programme=alpine, code="SO2.5", title="Water management")
    uni = OrganisationFactory(name="Université de Lorraine Vienna office", country=at, nuts_region=vienna)
    town = OrganisationFactory(name="Město Brno", country=cz)
    agency = OrganisationFactory(name="Slovak Energy Agency", country=sk, sector=Sector.PRIVATE)
    ns = SimpleNamespace(danube=danube, alpine=alpine, uni=uni, town=town, agency=agency, vienna=vienna)
    ns.heat = project_with_partners(
        danube,
        [(uni, 400_000), (town, 300_000)],
        acronym="HEATWISE",
        title="Heating districts with waste heat",
        summary="Cities reuse industrial heat.",
        status=Status.CONTRACTED,
        specific_objective=energy_so,
        start_date=date(2023, 1, 1),
        end_date=date(2025, 12, 31),
    )
    ns.transport = project_with_partners(
        danube,
        [(town, 900_000), (agency, 800_000)],
        acronym="RAILNET",
        title="Cross-border rail transports",
        summary="Timetables of regional trains are joined up.",
        status=Status.CLOSED,
        start_date=date(2017, 3, 1),
        end_date=date(2020, 2, 28),
    )
    ns.summary_only = project_with_partners(
        alpine,
        [(agency, 2_500_000), (uni, 100_000)],
        acronym="ALPWATER",
        title="Alpine rivers",
        summary="Flood risk and transport of sediments in mountain rivers.",
        status=Status.APPROVED,
        specific_objective=water_so,
    )
    ns.partner_only = project_with_partners(
        alpine,
        [(uni, 6_000_000)],
        acronym="MOUNTLAB",
        title="Mountain living labs",
        summary="Villages co-design services.",
        status=Status.CLOSED,
        start_date=date(2015, 1, 1),
        end_date=date(2018, 1, 1),
    )
    ns.energy = project_with_partners(
        danube,
        [(agency, 200_000), (town, 100_000)],
        acronym="SUNCOOP",
        title="Energy communities",
        summary="Citizens own solar parks.",
        status=Status.CONTRACTED,
        specific_objective=energy_so,
        start_date=date(2024, 5, 1),
        end_date=date(2026, 4, 30),
    )
    ns.public = [ns.heat, ns.transport, ns.summary_only, ns.partner_only, ns.energy]
    ns.hidden = [
        project_with_partners(
            danube,
            [(uni, 1)],
            acronym=f"HIDDEN{n}",
            title="Secret heating transport energy",
            summary="Never public.",
            status=status,
        )
        for n, status in enumerate([Status.DRAFT, Status.INELIGIBLE, Status.NOT_APPROVED])
    ]
    search_index_refresh([p.pk for p in ns.public + ns.hidden])
    return ns
