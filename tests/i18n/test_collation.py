"""Names sorted in the reader's language (issue 20): PostgreSQL's ICU collation where the server has ICU, the same
order from portal_sort_key where it has not (core/collation.py, migration core 0001)."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from interact_portal.core.collation import by_name, collated
from partnerships.models import Organisation
from tests.factories import OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

CITIES = ["Zabrze", "Łódź", "Lublin", "Łask", "Mława", "Kraków", "Ärzte ohne Grenzen", "Aachen", "Bonn", "Oberhausen"]
CITIES += ["Österreich Werbung", "Ñandú", "Nube", "Oso", "École", "Eté", "Ecole", "Fable"]


def names(language: str | None = None) -> list[str]:
    return list(collated(Organisation.objects.all(), "name", language=language).values_list("name", flat=True))


@pytest.fixture
def cities():
    for name in CITIES:
        OrganisationFactory(name=name)


def before(order: list[str], first: str, second: str) -> bool:
    return order.index(first) < order.index(second)


def test_polish_sorts_its_own_letters_after_their_base_letter(cities):
    order = names("pl")
    assert before(order, "Lublin", "Łask") and before(order, "Łódź", "Mława")  # Ł after L, before M
    assert before(order, "Łask", "Łódź")
    assert before(order, "Kraków", "Lublin") and before(order, "Oso", "Österreich Werbung")


def test_german_sorts_umlauts_with_their_base_letter(cities):
    order = names("de")
    assert order.index("Ärzte ohne Grenzen") == order.index("Aachen") + 1  # Ä with A, not after Z
    assert before(order, "Oberhausen", "Österreich Werbung") and before(order, "Österreich Werbung", "Zabrze")
    assert before(order, "Łódź", "Lublin") and before(order, "Kraków", "Łask")  # Ł is an L with a stroke here


def test_spanish_sorts_n_tilde_after_n(cities):
    order = names("es")
    assert before(order, "Nube", "Ñandú") and before(order, "Ñandú", "Oso")
    assert names("de").index("Ñandú") < names("de").index("Nube")  # in German it is an N


def test_french_ignores_accents_at_first(cities):
    order = names("fr")
    assert before(order, "Ecole", "Eté") and before(order, "École", "Eté") and before(order, "Eté", "Fable")
    assert order[-1] == "Zabrze"


def test_the_active_language_is_the_default(cities):
    with translation.override("pl"):
        assert names() == names("pl")
    with translation.override("de"):
        assert names() == names("de")
    assert names("xx") == names("en")  # a language without a collation of its own: English


def test_the_ordering_is_in_the_lists_own_query(cities, django_assert_num_queries):
    with django_assert_num_queries(1) as captured:
        list(Organisation.objects.order_by(by_name("name", "pl")))
    assert 'COLLATE "portal_pl"' in captured.captured_queries[0]["sql"]


def test_the_public_programme_list_is_in_the_readers_order(client):
    for name in ["Interreg Zittau", "Interreg Łaba", "Interreg Lubuskie", "Interreg Mazury"]:
        ProgrammeFactory(name=name, period="2021-2027")
    polish = client.get("/pl/programmes/").content.decode()
    german = client.get("/de/programmes/").content.decode()
    assert before_in(polish, "Interreg Lubuskie", "Interreg Łaba") and before_in(
        polish, "Interreg Łaba", "Interreg Mazury"
    )
    assert before_in(german, "Interreg Łaba", "Interreg Lubuskie")


def before_in(page: str, first: str, second: str) -> bool:
    return -1 < page.index(first) < page.index(second)


def test_the_server_has_the_collations():
    with connection.cursor() as cursor:
        cursor.execute("SELECT collname FROM pg_collation WHERE collname LIKE 'portal\\_%%' ORDER BY 1")
        assert [row[0] for row in cursor.fetchall()] == [
            "portal_de",
            "portal_en",
            "portal_es",
            "portal_fr",
            "portal_pl",
        ]


def test_the_admins_list_of_organisations_is_in_the_readers_order(client, superuser, cities):
    client.force_login(superuser)
    with translation.override("pl"):
        url = reverse("admin:partnerships_organisation_changelist")
    page = client.get(url).content.decode()
    assert before_in(page, ">Lublin<", ">Łask<") and before_in(page, ">Łódź<", ">Mława<")
