"""A circuit breaker in process memory: after one failure to reach a service, stop asking it for a few seconds.

During an outage each request would otherwise pay the connection timeout again (and a blackholed host costs the
whole timeout, not the instant "connection refused" of a stopped server). The first failure opens the circuit and
is logged once; while it is open, callers skip the service at no cost; after `seconds` the next call tries again.
One circuit per service and process (each gunicorn worker and Celery process learns on its own, by one failure).
"""

import logging
import threading
import time

logger = logging.getLogger(__name__)


class Circuit:
    def __init__(self, name: str, seconds: float, consequence: str):
        self.name, self.seconds, self.consequence = name, seconds, consequence
        self._open_until = 0.0
        self._lock = threading.Lock()

    def is_open(self) -> bool:
        return time.monotonic() < self._open_until

    def trip(self, error: BaseException) -> None:
        """Record a failure: skip the service for the next `seconds` (logged when the circuit opens)."""
        with self._lock:
            was_open = self.is_open()
            self._open_until = time.monotonic() + self.seconds
        if not was_open:
            logger.warning(
                "%s unreachable (%s: %s); %s; trying again in %.0f s",
                self.name,
                type(error).__name__,
                error,
                self.consequence,
                self.seconds,
            )

    def reset(self) -> None:
        self._open_until = 0.0
