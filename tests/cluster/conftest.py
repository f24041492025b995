"""Slower multi-process checks of issue 22 (pgbouncer, the restore drill): run by `make test-cluster`
(CLUSTER_TESTS=1), not by `make test`, whose added time they would exceed. `make cluster` is the full check."""

import os

import pytest

from tests.reliability.conftest import worker_processes  # noqa: F401 - the fixture, for these tests too


def pytest_collection_modifyitems(config, items):
    if os.environ.get("CLUSTER_TESTS") == "1":
        return
    skip = pytest.mark.skip(reason="a cluster test: make test-cluster (CLUSTER_TESTS=1)")
    for item in items:
        if "tests/cluster/" in str(item.fspath):
            item.add_marker(skip)
