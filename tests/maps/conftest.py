"""The known project database (tests/database/conftest.py) with partner regions in three countries and a Greek
partner (Eurostat writes Greece EL, the portal's countries are ISO: GR)."""

import pytest

from programmes.models import NutsRegion
from projects.search_index import search_index_refresh
from projects.workflow import Status
from tests.database.conftest import database, project_with_partners  # noqa: F401 - the fixture, for these tests
from tests.factories import CountryFactory, OrganisationFactory


@pytest.fixture
def mapped(database):  # noqa: F811 - the fixture imported above
    cz, sk = database.town.country, database.agency.country
    database.town.nuts_region = NutsRegion.objects.create(code="CZ06", level=2, name="Jihovýchod", country=cz)
    database.town.save()
    bratislava = NutsRegion.objects.create(code="SK01", level=2, name="Bratislavský kraj", country=sk)
    # a NUTS 3 region: the index and the map count its NUTS 2 parent
    database.agency.nuts_region = NutsRegion.objects.create(
        code="SK010", level=3, name="Bratislavský kraj", country=sk, parent=bratislava
    )
    database.agency.save()
    greece = CountryFactory(code="GR", name="Greece")
    database.athens = OrganisationFactory(
        name="Athens Energy Office",
        country=greece,
        nuts_region=NutsRegion.objects.create(code="EL30", level=2, name="Attiki", country=greece),
    )
    database.athena = project_with_partners(
        database.danube,
        [(database.athens, 150_000), (database.town, 50_000)],
        acronym="ATHENA",
        title="Energy islands",
        status=Status.CONTRACTED,
    )
    database.public.append(database.athena)
    search_index_refresh([p.pk for p in database.public + database.hidden])
    return database
