"""The cache of search summaries (total and facets) and relevance rankings, keyed by the index's generation.

Any write to the public index bumps the generation, so no cached figure outlives the data it was counted on.
Page turns and sort changes of one search reuse its summary: the last page costs what the first does.
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


def cached_search(kind: str, state: SearchState, compute: Callable):
    """The value of ``compute()`` for this search's words and facets (not its sort or page), cached."""
    facets = "&".join(f"{k}={v}" for k, v in sorted(state.facets.items()))
    digest = hashlib.sha256(f"{state.q}\n{facets}".encode()).hexdigest()[:32]
    key = f"search:{generation()}:{kind}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value
