"""The knowledge library in the open-data API (issue 21, item 6): public items only, the library's own search
(words inside a PDF too), its facets as filters, keyset pages and constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory
from tests.library.conftest import item_make, topic_make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def shelf():
    partnership = topic_make(contact_name="Besiana Ninka", contact_office="Interact")
    finance = topic_make("Finance and control")
    code = item_make(partnership, "Code of conduct for partnership", kind="guidance", language="en")
    report = item_make(
        partnership, "Civil society in Interreg", pdf=["Programmes engage citizens through crowdfunding pilots."]
    )
    members = item_make(finance, "Members' checklist", kind="template", visibility="signed_in")
    german = item_make(finance, "Kontrolle der Ausgaben", kind="guidance", language="de")
    return {"code": code, "report": report, "members": members, "german": german}


def ids(client, **params) -> list[int]:
    response = client.get("/api/v1/library/", params)
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_only_public_items_whoever_asks(client, shelf):
    public = {shelf["code"].pk, shelf["report"].pk, shelf["german"].pk}
    assert set(ids(client)) == public
    client.force_login(UserFactory())
    assert set(ids(client)) == public  # open data: the signed-in people's items stay on the portal's own pages
    assert client.get(f"/api/v1/library/{shelf['members'].pk}/").status_code == 404


def test_words_inside_a_pdf_find_its_item_and_filters_narrow(client, shelf):
    assert ids(client, q="crowdfunding") == [shelf["report"].pk]
    assert ids(client, topic="finance-and-control") == [shelf["german"].pk]
    assert ids(client, language="de") == [shelf["german"].pk]
    assert set(ids(client, kind="guidance")) == {shelf["code"].pk, shelf["german"].pk}
    assert ids(client, topic="no-such-topic") == []


def test_an_item_names_its_topic_and_where_to_get_it(client, shelf):
    data = client.get(f"/api/v1/library/{shelf['report'].pk}/").json()
    assert data["topic"] == "partnership-principle" and data["kind"] == "report"
    assert data["link"].endswith(f"/library/items/{shelf['report'].pk}/download/")
    assert client.get(data["link"]).status_code == 200
    assert client.get(f"/api/v1/library/{shelf['code'].pk}/").json()["link"] == "https://www.interact.eu/library/item"
    assert "@" not in client.get("/api/v1/library/").content.decode()


@pytest.mark.parametrize(("name", "value"), [("kind", "poem"), ("language", "xx"), ("topic", "not a slug!")])
def test_bad_filters_are_a_400_with_the_reason(client, shelf, name, value):
    response = client.get("/api/v1/library/", {name: value})
    assert response.status_code == 400
    assert name in response.json()


def test_pages_walk_every_public_item_once(client, shelf):
    seen, url = [], "/api/v1/library/?page_size=1"
    while url:
        page = client.get(url).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    assert sorted(seen) == sorted([shelf["code"].pk, shelf["report"].pk, shelf["german"].pk])


def test_the_list_costs_the_same_queries_with_more_items(client, shelf):
    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/api/v1/library/?page_size=100&q=partnership")
        return len(captured), len(response.json()["results"])

    few = queries()
    topic = shelf["code"].topic
    for n in range(15):
        item_make(topic, f"Partnership note {n}")
    many = queries()
    assert many[1] > few[1] and many[0] == few[0]
