"""The cache of search summaries (total, facets and relevance ranking), keyed by the index's generation.

Any write to the public index bumps the generation, so no cached figure outlives the data it was counted on.
Page turns and sort changes of one search reuse its summary: the last page costs what the first does. The
search page's facet list is cached as HTML under the same key (plus the sort its links keep).
"""

import hashlib
from collections.abc import Callable

from django.core.cache import cache

from .filters import SearchState

GENERATION_KEY = "search:generation"
TIMEOUT = 3600


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def generation_bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, 1, timeout=None)


def search_key(state: SearchState) -> str:
    """The cache key of a search's words and facets (not its sort or page) at the index's current generation."""
    facets = "&".join(f"{k}={v}" for k, v in sorted(state.facets.items()))
    digest = hashlib.sha256(f"{state.q}\n{facets}".encode()).hexdigest()[:32]
    return f"search:{generation()}:{digest}"


def cached_search(key: str, compute: Callable):
    """The value of ``compute()`` under ``key`` (a ``search_key``), computed on a miss."""
    return cache.get_or_set(key, compute, TIMEOUT)
