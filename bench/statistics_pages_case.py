"""The statistics pages at scale, measured in this process with Django's test client (production settings): the page
of all programmes and the page of the programme with most public projects, each asked for cold (the search index's
generation bumped before each request, so the figures are counted again) and warm. Prints one JSON line.
Usage (by bench/statistics_pages.py): python bench/statistics_pages_case.py WARM_REQUESTS COLD_REQUESTS
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
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.results import percentile  # noqa: E402
from partnerships.models import ProjectPartner  # noqa: E402
from programmes.models import Programme  # noqa: E402
from projects.models import Project  # noqa: E402
from projects.search_cache import generation_bump  # noqa: E402


def timed(client: Client, url: str, cold: bool) -> tuple[float, int]:
    if cold:
        generation_bump()
    started = time.perf_counter()
    response = client.get(url)
    return (time.perf_counter() - started) * 1000, response.status_code


def measure(client: Client, url: str, what: str, warm_requests: int, cold_requests: int) -> dict:
    assert client.get(url).status_code == 200  # templates loaded, connection open
    generation_bump()
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    cold_queries = len(queries)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    warm_queries = len(queries)
    cold, warm = [], []
    for _ in range(cold_requests):
        ms, code = timed(client, url, cold=True)
        cold.append(ms)
        status = max(status, code)
    for _ in range(warm_requests):
        ms, code = timed(client, url, cold=False)
        warm.append(ms)
        status = max(status, code)
    return {
        "url": url,
        "what": what,
        "status": status,
        "cold_queries": cold_queries,
        "warm_queries": warm_queries,
        "cold_p50": percentile(cold, 0.5),
        "cold_p95": percentile(cold, 0.95),
        "warm_p50": percentile(warm, 0.5),
        "warm_p95": percentile(warm, 0.95),
    }


def main(warm_requests: int, cold_requests: int) -> dict:
    largest = Project.objects.public().values("programme").annotate(n=Count("pk")).order_by("-n", "programme").first()
    programme = Programme.objects.get(pk=largest["programme"])
    client = Client()
    pages = [
        measure(client, reverse("database:statistics"), "all programmes", warm_requests, cold_requests),
        measure(
            client,
            reverse("database:programme_statistics", args=[programme.slug]),
            f"largest programme, {largest['n']:,} public projects",
            warm_requests,
            cold_requests,
        ),
    ]
    return {
        "projects": Project.objects.count(),
        "public": Project.objects.public().count(),
        "partners": ProjectPartner.objects.count(),
        "warm_requests": warm_requests,
        "cold_requests": cold_requests,
        "pages": pages,
    }


if __name__ == "__main__":
    warm_requests, cold_requests = (int(sys.argv[1]), int(sys.argv[2])) if len(sys.argv) > 2 else (200, 20)
    print(json.dumps(main(warm_requests, cold_requests)))
