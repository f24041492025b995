"""Slower multi-process checks of issue 22 (pgbouncer, the restore drill): run by `make test-cluster`
(CLUSTER_TESTS=1), not by `make test`, whose added time they would exceed (tests/conftest.py leaves them out of
its collection). `make cluster` is the full check."""

from tests.reliability.conftest import worker_processes  # noqa: F401 - the fixture, for these tests too
