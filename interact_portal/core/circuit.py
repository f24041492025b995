"""A circuit breaker in process memory: after one failure to reach a Redis server, leave it alone for a few seconds.

During an outage each request would otherwise pay the connection or socket timeout again (a stopped server answers
"connection refused" at once, a hung one only after the timeout). The first failure opens the circuit and is
logged; while it is open, the cache answers a miss and tasks stay in the database, at no cost; after
REDIS_CIRCUIT_SECONDS the next call tries again. One circuit per Redis server and process: the cache and the broker
on one server learn from each other's failures (each gunicorn worker and Celery process by one failure of its own).
"""

import logging
import threading
import time
from urllib.parse import urlsplit

from django.conf import settings

logger = logging.getLogger(__name__)
CONSEQUENCE = (
    "pages are served uncached, rate limits and authenticator code reuse are not checked (fail open), and tasks wait "
    "in the database for the recovery tasks"
)


class Circuit:
    def __init__(self, name: str, seconds: float):
        self.name, self.seconds = name, seconds
        self._open_until = 0.0
        self._lock = threading.Lock()

    def is_open(self) -> bool:
        return time.monotonic() < self._open_until

    def trip(self, error: BaseException) -> None:
        """Record a failure: skip the server for the next `seconds` (logged each time the circuit opens)."""
        with self._lock:
            was_open = self.is_open()
            self._open_until = time.monotonic() + self.seconds
        if not was_open:
            logger.warning(
                "%s unreachable (%s: %s); %s; trying again in %.0f s",
                self.name,
                type(error).__name__,
                error,
                CONSEQUENCE,
                self.seconds,
            )

    def reset(self) -> None:
        self._open_until = 0.0


_circuits: dict[str, Circuit] = {}
_registry_lock = threading.Lock()


def circuit_for(url: str) -> Circuit:
    """The circuit of the Redis server at `url` (its host and port: every database number on it shares one)."""
    parts = urlsplit(url)
    key = f"{parts.hostname or parts.path}:{parts.port or 6379}"
    circuit = _circuits.get(key)
    if circuit is None:
        with _registry_lock:
            circuit = _circuits.setdefault(key, Circuit(f"Redis at {key}", settings.REDIS_CIRCUIT_SECONDS))
    return circuit


def reset_all() -> None:
    """Forget every failure (tests: one test's outage must not outlive it)."""
    for circuit in list(_circuits.values()):
        circuit.reset()
