"""Every public page in English, German and Polish, measured in this process with Django's test client (production
settings, anonymous): the queries of one request in each language, then p50/p95 over many requests taking turns
(English, German, Polish, English, …) so the three meet the same load. The demo data is seeded once (seed_demo) and
reused. Prints one JSON line.

Usage (by bench/languages.py): python bench/languages_case.py REQUESTS
"""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interact_portal.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from bench.results import percentile  # noqa: E402
from events.models import Event, LibraryItem  # noqa: E402
from programmes.models import Call, Programme  # noqa: E402
from projects.models import Project  # noqa: E402

LANGUAGES = ("en", "de", "pl")


def pages() -> list[tuple[str, str, dict]]:
    """(what, URL name, kwargs) of each public page, on the demo data."""
    programme = Programme.objects.order_by("pk").first()
    call = Call.objects.filter(is_published=True).order_by("pk").first()
    project = Project.objects.public().order_by("pk").first()
    event = Event.objects.published().order_by("pk").first()
    item = LibraryItem.objects.order_by("pk").first()
    found = [
        ("home", "home", {}),
        ("programmes", "database:programme_list", {}),
        ("a programme", "database:programme", {"slug": programme.slug}),
        ("calls", "programmes:call_list", {}),
        ("a call", "programmes:call_detail", {"pk": call.pk}),
        ("project search", "database:search", {}),
        ("a project", "database:detail", {"pk": project.pk}),
        ("statistics", "database:statistics", {}),
        ("events", "events:list", {}),
        ("an event", "events:detail", {"slug": event.slug}),
        ("library", "library:search", {}),
        ("partner search", "ideas:list", {}),
    ]
    if item is not None:
        found.append(("a library item", "library:item", {"pk": item.pk}))
    return found


def url_in(language: str, name: str, kwargs: dict) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def main(requests: int) -> dict:
    if not Programme.objects.exists():
        call_command("seed_demo")
    client = Client()
    result = []
    for what, name, kwargs in pages():
        urls = {language: url_in(language, name, kwargs) for language in LANGUAGES}
        row = {"what": what, "url": urls["en"], "queries": {}, "p50": {}, "p95": {}, "status": 200}
        for language, url in urls.items():
            for _ in range(3):  # warm-up: templates, catalogues, caches, connection
                client.get(url)
            with CaptureQueriesContext(connection) as queries:
                row["status"] = max(row["status"], client.get(url).status_code)
            row["queries"][language] = len(queries)
        timings = {language: [] for language in LANGUAGES}
        for _ in range(requests):
            for language, url in urls.items():
                started = time.perf_counter()
                response = client.get(url)
                timings[language].append((time.perf_counter() - started) * 1000)
                row["status"] = max(row["status"], response.status_code)
        for language in LANGUAGES:
            row["p50"][language] = percentile(timings[language], 0.5)
            row["p95"][language] = percentile(timings[language], 0.95)
        result.append(row)
    return {"pages": result}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]))))
