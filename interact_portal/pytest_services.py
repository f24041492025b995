"""pytest plugin (loaded with ``-p`` before Django is set up): the test run's database, broker and secret.

With DATABASE_URL / REDIS_URL set, the suite uses those services; otherwise embedded ones. The test run gets a
Redis of its own so that a ``make run`` worker on this machine never consumes the tests' tasks.
"""

import os
import secrets

from interact_portal.embedded import VAR_DIR, ensure_services

os.environ.setdefault("DJANGO_SECRET_KEY", f"test-only-{secrets.token_hex(16)}")
os.environ.setdefault("MFA_ENCRYPTION_KEY", f"test-only-{secrets.token_hex(32)}")
# pytest-xdist (`make test` runs two workers): the services are started once, by the controller, whose environment
# the workers inherit; each worker has its own database (pytest-django's _gw0/_gw1 suffix) and here its own Celery
# queue, cache keys and media directory, so that one worker's tasks, counters and files never meet the other's.
worker = os.environ.get("PYTEST_XDIST_WORKER")
if worker:
    os.environ["CELERY_TASK_DEFAULT_QUEUE"] = f"celery-test-{worker}"
    os.environ["CACHE_KEY_PREFIX"] = f"portal:test-{worker}"
    os.environ.setdefault("MEDIA_ROOT", str(VAR_DIR / f"media-test-{worker}"))
ensure_services(redis_dir="redis-test")
