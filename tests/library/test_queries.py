"""Every library page asks the database a constant number of questions, however many items there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Material
from tests.factories import UserFactory

from .conftest import item_make, topic_make
from .test_visibility import _past_event

pytestmark = pytest.mark.django_db


def _library(rows: int):
    topics = [topic_make(f"Topic {n} of {rows}") for n in range(2)]
    for n in range(rows):
        item = item_make(topics[n % 2], f"Report on cooperation {n}", kind=["report", "guidance"][n % 2])
        event = _past_event(topics[n % 2])
        Material.objects.create(event=event, kind="report", title=f"Slides {n}", url="https://example.org/s")
    return topics, item


def _queries(client, url: str) -> int:
    client.get(url)  # first: sessions, the summary computed and cached
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("signed_in", [False, True])
def test_query_counts_do_not_grow_with_the_items(client, signed_in):
    if signed_in:
        client.force_login(UserFactory())
    counts = []
    for rows in (2, 12):
        topics, item = _library(rows)
        urls = [
            reverse("library:search"),
            reverse("library:search") + f"?q=cooperation&kind=report&topic={topics[0].slug}&language=en",
            reverse("library:topic", args=[topics[0].slug]),
            reverse("library:item", args=[item.pk]),
        ]
        counts.append([_queries(client, url) for url in urls])
    assert counts[0] == counts[1]
    base = 3 if signed_in else 0  # session, user, whether they need a second factor (accounts middleware)
    # search: topics + page (the summary is cached); topic: topic + items + materials + events; item: the item
    assert counts[0] == [base + 2, base + 2, base + 4, base + 1]


def test_a_search_is_counted_and_ranked_once_then_read_by_page(client, django_assert_num_queries):
    from events.library_cache import library_generation_bump

    topic = topic_make("Only")
    for n in range(5):
        item_make(topic, f"Item {n}")
    library_generation_bump()
    url = reverse("library:search") + "?q=item&kind=report"
    with django_assert_num_queries(4):  # topics, the counts (total and every facet), the ranked ids, the page
        client.get(url)
    with django_assert_num_queries(2):  # topics, the page (by id)
        client.get(url + "&page=1")
