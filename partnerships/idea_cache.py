"""The partner search's cached counts (total and facets per search), keyed by a generation number that every write
to an idea bumps (and by the day, since an idea leaves the search after its end date), so no cached figure outlives
its data. With Redis away the counts are computed every time (interact_portal.core.cache answers a miss); a bump that
could not reach Redis is made at the next read (interact_portal.core.generations)."""

from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from interact_portal.core.generations import Generation, digest

GENERATION_KEY = "ideas:generation"
TIMEOUT = 300
_generation = Generation(GENERATION_KEY)  # bumped by every write to an idea


def ideas_generation() -> int:
    return _generation.current()


def ideas_generation_bump() -> None:
    _generation.bump()


def ideas_changed() -> None:
    """An idea was written: now, for this transaction's readers, and after the commit, for everyone else's."""
    ideas_generation_bump()
    transaction.on_commit(ideas_generation_bump)


def cached_counts(q: str, facets: dict[str, str], compute: Callable):
    words_and_facets = digest(q, "&".join(f"{k}={v}" for k, v in sorted(facets.items())))
    key = f"ideas:{ideas_generation()}:{timezone.localdate().isoformat()}:{words_and_facets}"
    return cache.get_or_set(key, compute, TIMEOUT)
