"""The knowledge library at 10,000 items, measured in this process: the search page with Django's test client
(queries of one request, p50/p95 over many requests) with no words, with a few words, with words and facets, with
facets alone and a deep page — as readers meet it (each search's counts cached until the library changes) and with
the cache bypassed (every request counts its matches and facets). Prints one JSON line.

The items (12 topics, every kind, five languages, one in five for signed-in people only, each with a description
and a text as long as a short report's) are created once and reused.

Usage (by bench/library.py): python bench/library_case.py REQUESTS ITEMS
"""

import json
import os
import random
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interact_portal.settings")

import django  # noqa: E402

django.setup()

from django.core.cache.backends.dummy import DummyCache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from bench.application_case import measure  # noqa: E402
from events import library_cache  # noqa: E402
from events.choices import LibraryKind, TextStatus  # noqa: E402
from events.library_services import library_index_refresh  # noqa: E402
from events.models import LibraryItem, Topic  # noqa: E402
from interact_portal.demo.scale_text import SENTENCES, TOPICS, title_and_summary  # noqa: E402

TOPIC_NAMES = [
    "Partnership principle",
    "Civil society",
    "Finance and control",
    "Communication",
    "Capitalisation",
    "Programme management",
    "State aid",
    "Simplified cost options",
    "Monitoring and evaluation",
    "Alternative funding",
    "Support to applicants",
    "Harmonised implementation tools",
]
LANGUAGES = ["en", "en", "en", "de", "fr", "it", "pl"]


@transaction.atomic
def library(size: int) -> list[Topic]:
    topics = [
        Topic.objects.get_or_create(slug=f"bench-{n}", defaults={"name": f"{name} (bench)"})[0]
        for n, name in enumerate(TOPIC_NAMES)
    ]
    have = LibraryItem.objects.count()
    if have >= size:
        return topics
    rng = random.Random(21 + have)
    kinds = LibraryKind.values
    rows = []
    for n in range(have, size):
        title, summary = title_and_summary(rng, rng.randint(3, 30))
        _word, topic = rng.choice(TOPICS)
        text = " ".join(s.format(n=n % 40, topic=topic, place="the programme area") for s in rng.sample(SENTENCES, 5))
        rows.append(
            LibraryItem(
                topic=topics[n % len(topics)],
                kind=kinds[n % len(kinds)],
                title=title,
                description=summary,
                date=date(2015, 1, 1) + timedelta(days=rng.randrange(3650)),
                language=rng.choice(LANGUAGES),
                visibility="signed_in" if n % 5 == 0 else "public",
                url=f"https://www.interact.eu/library/item-{n}",
                text=(text + " ") * 6,  # ~2,500 characters: the text of a short report's PDF
                text_status=TextStatus.DONE,
            )
        )
    LibraryItem.objects.bulk_create(rows, batch_size=2000)
    library_index_refresh()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE events_libraryitem")  # the planner's statistics of the loaded rows
    return topics


def pages(topics: list[Topic]) -> list[tuple[str, list[str]]]:
    words = ["energy", "climate change", "tourism", "cooperation", "biodiversity", "governance", "heritage"]
    first = topics[0].slug
    return [
        ("/library/ (no words)", ["/library/"]),
        ("/library/?q= (a few words, rotating)", [f"/library/?q={w.replace(' ', '+')}" for w in words]),
        (
            "/library/?q=…&kind=…&language=… (words and facets)",
            [f"/library/?q={w.replace(' ', '+')}&kind=report&language=en" for w in words],
        ),
        ("/library/?topic=…&kind=… (facets alone)", [f"/library/?topic={t.slug}&kind=guidance" for t in topics[:7]]),
        ("/library/?q=cooperation&page=150 (a deep page)", ["/library/?q=cooperation&page=150"]),
        (f"/library/topics/{first}/ (a topic)", [f"/library/topics/{first}/"]),
    ]


def main(requests: int = 200, size: int = 10_000) -> dict:
    topics = library(size)
    client = Client()
    figures = {f"{name}, cached counts": measure(client, urls, requests) for name, urls in pages(topics)}
    cached = library_cache.cache
    library_cache.cache = DummyCache("none", {})  # every request counts the matches and facets
    try:
        for name, urls in pages(topics)[:5]:
            figures[f"{name}, counted each time"] = measure(client, urls, requests)
    finally:
        library_cache.cache = cached
    figures["items"] = LibraryItem.objects.count()
    return figures


if __name__ == "__main__":
    arguments = [int(a) for a in sys.argv[1:3]]
    print(json.dumps(main(*arguments)))
