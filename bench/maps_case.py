"""The project search with and without its map at scale, measured in this process with Django's test client
(production settings): each search is asked for cold (the search index's generation bumped before the request, so
the summary query, the facet list and the map are computed again) and warm (all three from the cache), with the map
by country (the default), by NUTS 2 region, and left out (``map=none``), taking turns so that the machine's load
falls on all alike. Then the summary query alone, as it is now (every partner country and region with its budget)
and as it was before the maps (the top values only: projects/facets.py of BASE), on the same searches.
Prints one JSON line.
Usage (by bench/maps.py): python bench/maps_case.py REQUESTS BASE
"""

import json
import os
import subprocess
import sys
import time
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interact_portal.settings")
import django  # noqa: E402

django.setup()
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.results import percentile  # noqa: E402
from projects import facets  # noqa: E402
from projects.filters import ProjectSearchForm  # noqa: E402
from projects.maps import search_map  # noqa: E402
from projects.search import RELEVANCE_WINDOW, public_matches  # noqa: E402
from projects.search_cache import generation_bump  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEARCHES = ("", "q=energy", "country=AT")
VIEWS = {"country": "", "region": "map=region", "none": "map=none"}
PARTIAL = "projects/public/partials/map.html"


def url(search: str, view: str) -> str:
    query = "&".join(part for part in (search, VIEWS[view]) if part)
    return "/projects/" + (f"?{query}" if query else "")


def facets_before(base: str):
    """projects/facets.py as it was at ``base`` (before the maps), loaded as a module of the projects package."""
    source = subprocess.run(
        ["git", "show", f"{base}:projects/facets.py"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    module = types.ModuleType("projects._facets_before")
    module.__package__ = "projects"
    exec(compile(source, "projects/facets.py@" + base, "exec"), module.__dict__)  # noqa: S102 - our own file
    return module


def timed(function) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def map_work(requests: int) -> dict:
    """The map's own cost, apart from the page: drawing its HTML from a summary (what a cold page adds, beside the
    summary query) and reading that HTML from the cache (what a warm page adds), for each view of the search."""
    state = ProjectSearchForm({}).state()
    places = facets.search_summary(public_matches(state)).places
    result = {}
    for view in ("country", "region"):
        chosen = ProjectSearchForm({"map": view}).state()
        draw = [
            timed(lambda c=chosen: render_to_string(PARTIAL, {"map": search_map(c, places), "level": 3}))
            for _ in range(requests * 2)
        ]
        html = render_to_string(PARTIAL, {"map": search_map(chosen, places), "level": 3})
        cache.set(f"bench:maps:{view}", html, 600)
        read = [timed(lambda v=view: cache.get(f"bench:maps:{v}")) for _ in range(requests * 2)]
        result[view] = {
            "draw_p50": percentile(draw, 0.5),
            "draw_p95": percentile(draw, 0.95),
            "read_p50": percentile(read, 0.5),
            "read_p95": percentile(read, 0.95),
            "bytes": len(html.encode()),
        }
    return result


def main(requests: int, base: str) -> dict:
    client = Client()
    for search in SEARCHES:  # warm-up: templates, connection, the geometry of the maps
        for view in VIEWS:
            assert client.get(url(search, view)).status_code == 200
    queries, sizes, status = {}, {}, 200
    for view in VIEWS:
        generation_bump()
        with CaptureQueriesContext(connection) as cold:
            response = client.get(url("", view))
        with CaptureQueriesContext(connection) as warm:
            client.get(url("", view))
        queries[view] = (len(cold), len(warm))
        sizes[view] = len(response.content)
    cold = {view: [] for view in VIEWS}
    warm = {view: [] for view in VIEWS}
    for n in range(requests):
        search = SEARCHES[n % len(SEARCHES)]
        for view in VIEWS:
            generation_bump()
            started = time.perf_counter()
            response = client.get(url(search, view))
            cold[view].append((time.perf_counter() - started) * 1000)
            status = max(status, response.status_code)
            started = time.perf_counter()
            response = client.get(url(search, view))
            warm[view].append((time.perf_counter() - started) * 1000)
            status = max(status, response.status_code)
    before = facets_before(base)
    summary_now, summary_before = [], []
    for n in range(requests):
        state = ProjectSearchForm(dict(p.split("=") for p in SEARCHES[n % len(SEARCHES)].split("&") if p)).state()
        ranked = RELEVANCE_WINDOW if state.q else 0
        summary_now.append(timed(lambda s=state, r=ranked: facets.search_summary(public_matches(s), r)))
        summary_before.append(timed(lambda s=state, r=ranked: before.search_summary(public_matches(s), r)))
    work = map_work(requests)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM projects_project WHERE status IN ('approved', 'contracted', 'closed')")
        public = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(DISTINCT r) FROM projects_project, unnest(partner_regions) r "
            "WHERE status IN ('approved', 'contracted', 'closed')"
        )
        regions = cursor.fetchone()[0]

    def figures(timings: list[float]) -> dict:
        return {"p50": percentile(timings, 0.5), "p95": percentile(timings, 0.95)}

    return {
        "requests": requests,
        "status": status,
        "public": public,
        "regions": regions,
        "queries": queries,
        "bytes": sizes,
        "cold": {view: figures(t) for view, t in cold.items()},
        "warm": {view: figures(t) for view, t in warm.items()},
        "work": work,
        "summary_now": figures(summary_now),
        "summary_before": figures(summary_before),
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 30, sys.argv[2] if len(sys.argv) > 2 else "main")))
