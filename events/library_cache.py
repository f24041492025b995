"""The cache of the library's search summaries (the count and the facet counts of a search), keyed by a generation
that every write to the library bumps, as projects/search_cache.py does for the project database: no cached figure
outlives the items it was counted on. With Redis unreachable the summary is computed uncached (core.cache)."""

from collections.abc import Callable

from django.core.cache import cache

from interact_portal.core.generations import Generation, digest

GENERATION_KEY = "library:generation"
TIMEOUT = 3600
_generation = Generation(GENERATION_KEY)  # bumped by every write to the library


def library_generation() -> int:
    return _generation.current()


def library_generation_bump() -> None:
    _generation.bump()


def library_cached(parts: list[str], compute: Callable):
    """compute()'s value under a key of the search's parts at the library's current generation."""
    return cache.get_or_set(f"library:{library_generation()}:{digest(*parts)}", compute, TIMEOUT)
