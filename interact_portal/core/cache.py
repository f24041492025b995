"""The portal's cache: Django's Redis cache that answers "not cached" instead of raising when Redis is away.

Everything in the cache can be done without it, so an outage costs speed, never a page:
- reads answer their default (a miss): search counts its results again, a cached fragment is rendered again;
- writes are dropped; `add` answers True, as if the key were new: allauth's rate limits and its check that an
  authenticator code is not used twice *fail open* (sign-in keeps working, uncounted) — see the README;
- `incr` raises CacheUnavailable (a ValueError, as for a missing key) so a caller that must not lose an increment
  can tell, and the search index remembers its generation bump (projects/search_cache.py).
Short socket timeouts (OPTIONS in settings.CACHES) bound a call to a host that does not answer, and the server's
circuit (core/circuit.py, shared with the broker on the same server) skips Redis for a few seconds after a failure,
so each request does not wait again.
"""

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

from .circuit import circuit_for

FAILURES = (RedisError, OSError)


class CacheUnavailable(ValueError):
    pass


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self.circuit = circuit_for(self._servers[0])

    def _attempt(self, operation, fallback):
        if self.circuit.is_open():
            return fallback
        try:
            return operation()
        except FAILURES as error:
            self.circuit.trip(error)
            return fallback

    def get(self, key, default=None, version=None):
        return self._attempt(lambda: super(ResilientRedisCache, self).get(key, default, version), default)

    def get_many(self, keys, version=None):
        return self._attempt(lambda: super(ResilientRedisCache, self).get_many(keys, version), {})

    def has_key(self, key, version=None):
        return self._attempt(lambda: super(ResilientRedisCache, self).has_key(key, version), False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(lambda: super(ResilientRedisCache, self).add(key, value, timeout, version), True)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._attempt(lambda: super(ResilientRedisCache, self).set(key, value, timeout, version), None)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(lambda: super(ResilientRedisCache, self).set_many(data, timeout, version), [])

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(lambda: super(ResilientRedisCache, self).touch(key, timeout, version), False)

    def delete(self, key, version=None):
        return self._attempt(lambda: super(ResilientRedisCache, self).delete(key, version), False)

    def delete_many(self, keys, version=None):
        self._attempt(lambda: super(ResilientRedisCache, self).delete_many(keys, version), None)

    def clear(self):
        return self._attempt(lambda: super(ResilientRedisCache, self).clear(), False)

    def incr(self, key, delta=1, version=None):
        missing = object()
        value = self._attempt(lambda: super(ResilientRedisCache, self).incr(key, delta, version), missing)
        if value is missing:
            raise CacheUnavailable(f"the cache is unreachable: {key} not incremented")
        return value
