"""Generation counters in the cache: a number that every write of some data bumps, so that a key made with it (a
search's counts, a page's figures) outlives no write. The project database, the knowledge library and the partner
search each have one.

With Redis unreachable a read answers the generation as 1 through core.cache's miss; a bump that could not reach
Redis is remembered by this process and made at its next read or bump, so nothing cached before the write is
served once Redis is back."""

import hashlib
import logging

from django.core.cache import cache

from .cache import CacheUnavailable

logger = logging.getLogger(__name__)


class Generation:
    def __init__(self, key: str):
        self.key = key
        self.bump_owed = False  # this process wrote while Redis was unreachable

    def current(self) -> int:
        if self.bump_owed:
            self.bump()
        value = cache.get(self.key)
        if value is None:
            cache.add(self.key, 1, timeout=None)
            value = cache.get(self.key, 1)
        return value

    def bump(self) -> None:
        try:
            cache.incr(self.key)
        except CacheUnavailable:
            if not self.bump_owed:
                logger.warning("%s changed while the cache is unreachable: its generation is bumped later", self.key)
            self.bump_owed = True
            return
        except ValueError:  # not in the cache (evicted, or never read): start again
            cache.add(self.key, 1, timeout=None)
        self.bump_owed = False


def digest(*parts: str) -> str:
    """A short, stable name for a search's words and facets, for cache keys."""
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
