"""The versions of a contracted application and the diff between two (issue 19, item 3): every URL × the twelve people
of reporting (tests/access/test_reporting_matrix.py), on the contracted project SIGNED-AIR with its version 1.

The URL patterns come from the resolver, by the module of their view: a version URL without a row here fails the
test. The rule (projects.modification_access): the project's collaborators (any level) and the programme's staff
who see its applications — managers, officers, assessors, finance — read them; controllers, other applicants and
staff of another programme get a 404; anonymous people are sent to the login page. Bad version numbers: 404 for a
version that does not exist, 400 with the reason for a number that is not one — only for people who may read.
"""

import pytest

from .test_reporting_matrix import assert_matrix
from .test_url_matrix import Case, versioned

pytestmark = pytest.mark.django_db

VERSION_MODULES = {"projects.views.versions"}

# Answers in the order of PEOPLE:
#          anon  mgr  partner other ctrl octrl fin  officer pm  assessor ostaff super
READERS = "login 200 200 404 404 404 200 200 200 200 404 200"
EXPECTED: dict[str, str] = {
    "projects:versions": READERS,
    "projects:version_diff": READERS,
}
MORE: dict[str, tuple[str, Case, str]] = {
    "projects:version_diff (no such version)": (
        "projects:version_diff",
        Case("", versioned, query="from=1&to=7"),
        "login 404 404 404 404 404 404 404 404 404 404 404",
    ),
    "projects:version_diff (not a number)": (
        "projects:version_diff",
        Case("", versioned, query="from=one&to=1"),
        "login 400 400 404 404 404 400 400 400 400 404 400",
    ),
    "projects:version_diff (no draft: no modification open)": (
        "projects:version_diff",
        Case("", versioned, query="from=1&to=draft"),
        "login 400 400 404 404 404 400 400 400 400 404 400",
    ),
}


def version_url_names() -> set[str]:
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, ":".join(filter(None, [namespace, pattern.namespace])) or None)
            elif isinstance(pattern, URLPattern) and pattern.callback.__module__ in VERSION_MODULES:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return set(walk(get_resolver().url_patterns))


def test_every_version_url_has_a_row():
    names = version_url_names()
    assert names, "the version pages are gone?"
    assert names - set(EXPECTED) == set(), "add the new version URL to EXPECTED: who may see it?"
    assert set(EXPECTED) - names == set(), "EXPECTED names a URL that no longer exists"


def rows() -> list[tuple[str, str, Case, str]]:
    found = [(name, name, Case("", versioned, query="from=1&to=1"), EXPECTED[name]) for name in sorted(EXPECTED)]
    return found + [(label, name, case, expected) for label, (name, case, expected) in MORE.items()]


def test_version_url_matrix(client, world):
    assert_matrix(client, world, rows())
