"""The library search: words in titles, descriptions and PDF text, accents folded, facets, bad input ignored."""

import re

import pytest
from django.urls import reverse

from events.choices import TextStatus
from events.library_services import library_item_extract_text

from .conftest import item_make, topic_make

pytestmark = pytest.mark.django_db
SEARCH = reverse("library:search")


def found(client, query: str = "") -> list[str]:
    """The titles the search page lists (in order) for this query string."""
    response = client.get(f"{SEARCH}?{query}")
    assert response.status_code == 200
    return re.findall(r'<h2 class="h-card"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def count(client, query: str = "") -> str:
    return re.search(r'class="results-count"[^>]*>([^<]+)<', client.get(f"{SEARCH}?{query}").content.decode())[1]


def test_search_finds_words_of_the_title_and_the_description(client, topic):
    item_make(topic, "Code of conduct for partnership", description="Principles and obligations")
    item_make(topic, "Alternative funding models", description="Crowd-funding in Interreg")
    assert found(client, "q=conduct") == ["Code of conduct for partnership"]
    assert found(client, "q=crowd-funding") == ["Alternative funding models"]
    assert found(client, "q=obligation") == ["Code of conduct for partnership"]  # word endings: English stemming


def test_search_finds_a_word_that_only_the_pdf_contains(client, topic):
    item_make(topic, "Civil society report", pdf=["Programmes consult the zyxwavelength committee."])
    item_make(topic, "Another report", pdf=["Nothing special here."])
    assert found(client, "q=zyxwavelength") == ["Civil society report"]


def test_a_pdf_is_searched_only_once_its_text_is_read(client, topic):
    item = item_make(topic, "Unread", pdf=["The qwertyuiop survey."], read=False)
    assert item.text_status == TextStatus.PENDING
    assert found(client, "q=qwertyuiop") == []
    assert library_item_extract_text(item_id=item.pk) == TextStatus.DONE
    assert found(client, "q=qwertyuiop") == ["Unread"]


def test_a_file_that_is_not_a_readable_pdf_fails_softly(topic):
    item = item_make(topic, "Broken", pdf=["x"], read=False)
    item.file.open("wb").write(b"%PDF-1.4 not really a pdf")
    assert library_item_extract_text(item_id=item.pk) == TextStatus.FAILED
    item.refresh_from_db()
    assert item.text_status == TextStatus.FAILED and item.text == ""


def test_accents_are_folded_both_ways(client, topic):
    item_make(topic, "Coopération transfrontalière à Liège", description="Université de Liège")
    item_make(topic, "Cooperation in Ústí nad Labem")
    assert found(client, "q=universite+liege") == ["Coopération transfrontalière à Liège"]
    assert found(client, "q=Ústí") == ["Cooperation in Ústí nad Labem"]
    assert found(client, "q=usti") == ["Cooperation in Ústí nad Labem"]
    both = ["Cooperation in Ústí nad Labem", "Coopération transfrontalière à Liège"]
    assert sorted(found(client, "q=coopération")) == both


def test_the_title_ranks_before_the_description(client, topic):
    item_make(topic, "About funding", description="The capitalisation of results")
    item_make(topic, "Capitalisation", description="About funding")
    assert found(client, "q=capitalisation") == ["Capitalisation", "About funding"]


def test_an_empty_search_shows_every_item_newest_first(client, topic):
    from datetime import date

    item_make(topic, "Older", date=date(2020, 1, 1))
    item_make(topic, "Newer", date=date(2024, 6, 10))
    assert found(client) == ["Newer", "Older"]
    assert found(client, "q=++") == ["Newer", "Older"]
    assert count(client) == "2 items"


def test_facets_filter_and_count(client, topic):
    other = topic_make("Finance and control")
    item_make(topic, "A report", kind="report", language="en")
    item_make(topic, "A template", kind="template", language="de")
    item_make(other, "A guidance", kind="guidance", language="de")
    assert sorted(found(client, "language=de")) == ["A guidance", "A template"]
    assert found(client, "language=de&kind=template") == ["A template"]
    assert found(client, f"topic={other.slug}") == ["A guidance"]
    page = client.get(f"{SEARCH}?language=de").content.decode()
    assert "German (2)" in page and "Template (1)" in page and "Guidance (1)" in page and "Report (" not in page


@pytest.mark.parametrize(
    "query",
    [
        "topic=no-such-topic",
        "kind=poem",
        "language=xx",
        "page=abc",
        "page=-3",
        "page=999999999999",
        "q=%00",
        "q=" + "a" * 5000,
        "q=%22unbalanced",
        "q=!!!+%26%26+%7C",
        "kind[]=report",
    ],
)
def test_bad_input_is_ignored_never_an_error(client, topic, query):
    item_make(topic, "Still listed")
    response = client.get(f"{SEARCH}?{query}")
    assert response.status_code == 200
    if not query.startswith("q="):
        assert "Still listed" in response.content.decode()


def test_pages_of_twenty(client, topic):
    for n in range(25):
        item_make(topic, f"Item {n:02d}")
    first, second = found(client), found(client, "page=2")
    assert len(first) == 20 and len(second) == 5 and not set(first) & set(second)
    assert found(client, "page=99") == second  # past the end: the last page
