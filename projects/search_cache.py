"""The cache of search summaries (total, facets and relevance ranking), keyed by the index's generation.

Any write to the public index bumps the generation, so no cached figure outlives the data it was counted on.
With Redis unreachable the search is computed uncached (interact_portal.core.cache answers a miss), and a bump
that could not reach Redis is remembered by this process and made at its next search or index write.
Page turns and sort changes of one search reuse its summary: the last page costs what the first does. The
search page's facet list and map are cached as HTML under the same key (plus the sort and map choice their links
keep); so is a programme page's map.
"""

from collections.abc import Callable

from django.core.cache import cache

from interact_portal.core.generations import Generation, digest

from .filters import SearchState

GENERATION_KEY = "search:generation"
TIMEOUT = 3600
# The shape of a cached summary: raised when it changes, so no process reads a summary stored by older code.
SUMMARY_VERSION = 2


_generation = Generation(GENERATION_KEY)  # bumped by every write to the public index


def generation() -> int:
    return _generation.current()


def generation_bump() -> None:
    _generation.bump()


def search_key(state: SearchState) -> str:
    """The cache key of a search's words and facets (not its sort or page) at the index's current generation."""
    facets = "&".join(f"{k}={v}" for k, v in sorted(state.facets.items()))
    return f"search:{generation()}:v{SUMMARY_VERSION}:{digest(state.q, facets)}"


def cached_search(key: str, compute: Callable):
    """The value of ``compute()`` under ``key`` (a ``search_key``), computed on a miss."""
    return cache.get_or_set(key, compute, TIMEOUT)
