"""The cache of the library's search summaries (the count and the facet counts of a search), keyed by a generation
that every write to the library bumps, as projects/search_cache.py does for the project database: no cached figure
outlives the items it was counted on. With Redis unreachable the summary is computed uncached (core.cache)."""

import hashlib
from collections.abc import Callable

from django.core.cache import cache

from interact_portal.core.cache import CacheUnavailable

GENERATION_KEY = "library:generation"
TIMEOUT = 3600
_bump_owed = False  # this process changed the library while Redis was unreachable: bumped at its next use


def library_generation() -> int:
    if _bump_owed:
        library_generation_bump()
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def library_generation_bump() -> None:
    global _bump_owed
    try:
        cache.incr(GENERATION_KEY)
    except CacheUnavailable:
        _bump_owed = True
        return
    except ValueError:
        cache.add(GENERATION_KEY, 1, timeout=None)
    _bump_owed = False


def library_cached(parts: list[str], compute: Callable):
    """compute()'s value under a key of the search's parts at the library's current generation."""
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
    return cache.get_or_set(f"library:{library_generation()}:{digest}", compute, TIMEOUT)
