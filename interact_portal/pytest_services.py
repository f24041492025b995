"""pytest plugin (loaded with ``-p`` before Django is set up): the test run's database, broker and secret.

With DATABASE_URL / REDIS_URL set, the suite uses those services; otherwise embedded ones. The test run gets a
Redis of its own so that a ``make run`` worker on this machine never consumes the tests' tasks.
"""

import os
import secrets

from interact_portal.embedded import ensure_services

os.environ.setdefault("DJANGO_SECRET_KEY", f"test-only-{secrets.token_hex(16)}")
os.environ.setdefault("MFA_ENCRYPTION_KEY", f"test-only-{secrets.token_hex(32)}")
ensure_services(redis_dir="redis-test")
