"""The statistics pages at scale, measured in this process with Django's test client (production settings): the page
of all programmes and the page of the programme with most public projects, each asked for cold (no figures ever
counted: the latest figures deleted and the search index's generation bumped before each request, so the visitor
counts them), stale (the generation bumped before each request, the figures counted before kept: they are shown with
their time and one recount is queued — to the broker, for the first request; the others find its lock) and warm.
Prints one JSON line.
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
from django.core.cache import cache  # noqa: E402
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
from projects.statistics import latest_key, statistics_recount  # noqa: E402

NOTE = b"being updated"


def recounted(scope: int | None) -> None:
    """What the worker does for the stale pages: count again (and release the recount's lock)."""
    statistics_recount(scope)


def prepare(kind: str, scope: int | None) -> None:
    """cold: no figures ever counted; stale: the index moved since they were counted; warm: nothing moved."""
    if kind in ("cold", "stale"):
        generation_bump()
    if kind == "cold":
        cache.delete(latest_key(scope))


def timed(client: Client, url: str, kind: str, scope: int | None) -> tuple[float, int]:
    prepare(kind, scope)
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    assert (NOTE in response.content) == (kind == "stale"), (url, kind)  # the note, and only on stale pages
    return elapsed, response.status_code


def measure(client: Client, url: str, scope: int | None, what: str, warm_requests: int, cold_requests: int) -> dict:
    assert client.get(url).status_code == 200  # templates loaded, connection open
    result, status = {"url": url, "what": what}, 200
    for kind in ("cold", "stale", "warm"):
        if kind == "warm":
            recounted(scope)
        prepare(kind, scope)
        with CaptureQueriesContext(connection) as queries:
            status = max(status, client.get(url).status_code)
        result[f"{kind}_queries"] = len(queries)
    for kind, requests in (("cold", cold_requests), ("stale", warm_requests), ("warm", warm_requests)):
        times = []
        if kind == "warm":
            recounted(scope)
        for _ in range(requests):
            ms, code = timed(client, url, kind, scope)
            times.append(ms)
            status = max(status, code)
        result[f"{kind}_p50"], result[f"{kind}_p95"] = percentile(times, 0.5), percentile(times, 0.95)
    result["status"] = status
    return result


def main(warm_requests: int, cold_requests: int) -> dict:
    largest = Project.objects.public().values("programme").annotate(n=Count("pk")).order_by("-n", "programme").first()
    programme = Programme.objects.get(pk=largest["programme"])
    client = Client()
    pages = [
        measure(client, reverse("database:statistics"), None, "all programmes", warm_requests, cold_requests),
        measure(
            client,
            reverse("database:programme_statistics", args=[programme.slug]),
            programme.pk,
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
