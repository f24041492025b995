"""Cold search timings: each search once with a fresh cache generation (what the first visitor waits)."""

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interact_portal.settings")
import django  # noqa: E402

django.setup()
from bench.results import percentile  # noqa: E402
from projects.filters import ProjectSearchForm  # noqa: E402
from projects.search import public_search  # noqa: E402
from projects.search_cache import generation_bump  # noqa: E402

SEARCHES = [{"q": w} for w in ("energy", "water", "tourism", "heritage", "rail transport", "innovation cluster")]
SEARCHES += [{"country": c} for c in ("AT", "PL", "SK")] + [{"q": "climate", "country": "IT"}, {"period": "2014-2020"}]
SEARCHES += [{"q": "health", "period": "2021-2027", "sort": "budget"}, {}]

timings = []
for params in SEARCHES:
    generation_bump()
    started = time.perf_counter()
    public_search(ProjectSearchForm(params).state())
    timings.append((time.perf_counter() - started) * 1000)
print(
    json.dumps(
        {
            "n": len(timings),
            "median": statistics.median(timings),
            "p95": percentile(timings, 0.95),
        }
    )
)
