"""The partner search's cached counts (total and facets per search), keyed by a generation number that every write
to an idea bumps (and by the day, since an idea leaves the search after its end date), so no cached figure outlives
its data. With Redis away the counts are computed every time (interact_portal.core.cache answers a miss); a bump that
could not reach Redis leaves cached counts at most TIMEOUT seconds old."""

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from interact_portal.core.cache import CacheUnavailable

GENERATION_KEY = "ideas:generation"
TIMEOUT = 300


def ideas_generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def ideas_generation_bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except CacheUnavailable:
        return
    except ValueError:
        cache.add(GENERATION_KEY, 1, timeout=None)


def ideas_changed() -> None:
    """An idea was written: now, for this transaction's readers, and after the commit, for everyone else's."""
    ideas_generation_bump()
    transaction.on_commit(ideas_generation_bump)


def cached_counts(q: str, facets: dict[str, str], compute: Callable):
    text = q + "\n" + "&".join(f"{k}={v}" for k, v in sorted(facets.items()))
    digest = hashlib.sha256(text.encode()).hexdigest()[:32]
    key = f"ideas:{ideas_generation()}:{timezone.localdate().isoformat()}:{digest}"
    return cache.get_or_set(key, compute, TIMEOUT)
