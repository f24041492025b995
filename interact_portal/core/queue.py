"""enqueue_on_commit(): hand a task to the broker once the transaction commits, never failing the request.

When the broker is unreachable the work is not lost: each kind of background work has a row in the database (an
outbox email, a queued report, a submission without its PDF) that a recovery task queues again (RECOVERY_TASKS).
So a publish is tried once, briefly (CELERY_TASK_PUBLISH_RETRY_POLICY, the broker's socket timeouts), and after a
failure the server's circuit (core/circuit.py) skips it for a few seconds: an outage costs a request at most one
short attempt.
Tasks store no result (CELERY_TASK_IGNORE_RESULT), so a publish never waits on the result backend either.
"""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

from .circuit import circuit_for

logger = logging.getLogger(__name__)
FAILURES = (OperationalError, RedisError, ConnectionError, OSError, TimeoutError)


def enqueue(task, *args, trust_circuit: bool = True) -> bool:
    circuit = circuit_for(task.app.conf.broker_url)
    if trust_circuit and circuit.is_open():
        logger.info("broker unreachable, %s%r left for the relay", task.name, args)
        return False
    try:
        task.apply_async(args)
    except FAILURES as error:
        circuit.trip(error)
        logger.warning("broker unreachable, %s%r left for the relay: %s", task.name, args, error)
        return False
    circuit.reset()
    return True


def enqueue_each(task, ids) -> int:
    """Queue the task once per id (what a recovery task found waiting); returns how many ids there were.

    A recovery task was itself delivered by the broker, so it tries whatever this process's circuit remembers."""
    for pk in ids:
        enqueue(task, pk, trust_circuit=False)
    return len(ids)


def enqueue_on_commit(task, *args) -> None:
    transaction.on_commit(lambda: enqueue(task, *args))
