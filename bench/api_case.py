"""The open-data API's project list at scale, measured in this process with Django's test client (production
settings, anonymous): the first page, a filtered page (words and a facet), and a page deep in the walk (a cursor
half-way through the public projects), each asked REQUESTS times. Prints one JSON line.
Usage (by bench/api.py): python bench/api_case.py REQUESTS
"""

import base64
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
from django.test import Client  # noqa: E402

from bench.results import percentile  # noqa: E402
from projects.models import Project  # noqa: E402


def deep_cursor() -> tuple[str, int]:
    """The cursor of the page that starts half-way through the public projects (newest first), and that count."""
    public = Project.objects.public()
    total = public.count()
    row = public.order_by("-sort_date", "-id").values_list("sort_date", "id")[total // 2]
    data = json.dumps({"k": [row[0].isoformat(), str(row[1])]})
    return base64.urlsafe_b64encode(data.encode()).decode().rstrip("="), total


def measure(client: Client, url: str, requests: int) -> dict:
    for _ in range(3):  # warm-up: the connection, the search's cached summary is not used by the API
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
    queries = []  # counted by a wrapper: the test client's request_started resets connection.queries

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    data = response.json()
    rows = len(data["results"]) if "results" in data else int("acronym" in data)
    times, sql = [], []
    spent = [0.0]

    def timed(execute, sql_text, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql_text, params, many, context)
        finally:
            spent[0] += time.perf_counter() - started

    with connection.execute_wrapper(timed):
        for _ in range(requests):
            spent[0] = 0.0
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            sql.append(spent[0] * 1000)
    return {
        "url": url,
        "queries": len(queries),
        "rows": rows,
        "status": response.status_code,
        "p50": percentile(times, 0.5),
        "p95": percentile(times, 0.95),
        "sql_p50": percentile(sql, 0.5),
    }


def main(requests: int) -> dict:
    cursor, total = deep_cursor()
    client = Client()
    pages = {
        "the API's root (no query: the floor of a request)": "/api/v1/",
        "first page": "/api/v1/projects/",
        "filtered (q=water&country=AT)": "/api/v1/projects/?q=water&country=AT",
        "filtered (country=AT&status=contracted&budget=1m-2m)": (
            "/api/v1/projects/?country=AT&status=contracted&budget=1m-2m"
        ),
        "by budget (sort=budget)": "/api/v1/projects/?sort=budget",
        f"cursor page (row {total // 2:,})": f"/api/v1/projects/?cursor={cursor}",
        "a project": f"/api/v1/projects/{Project.objects.public().order_by('pk').values_list('pk', flat=True)[0]}/",
    }
    return {
        "public": total,
        "requests": requests,
        "pages": {k: measure(client, url, requests) for k, url in pages.items()},
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)))
