"""enqueue_on_commit(): hand a task to the broker once the transaction commits, never failing the request.

When the broker is unreachable the work is not lost: each kind of background work has a row in the database (an
outbox email, a queued report, a submission without its PDF) that a recovery task queues again (RECOVERY_TASKS).
"""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def enqueue(task, *args) -> bool:
    try:
        task.delay(*args)
    except (OperationalError, ConnectionError, OSError) as error:
        logger.warning("broker unreachable, %s%r left for the relay: %s", task.name, args, error)
        return False
    return True


def enqueue_each(task, ids) -> int:
    """Queue the task once per id (what a recovery task found waiting); returns how many ids there were."""
    for pk in ids:
        enqueue(task, pk)
    return len(ids)


def enqueue_on_commit(task, *args) -> None:
    transaction.on_commit(lambda: enqueue(task, *args))
