"""Budget reallocations (issue 19, item 5): every URL of projects.views.reallocations × the twelve people of
test_reporting_matrix, on the contracted project SIGNED-AIR.

The rules the answers follow (projects.modification_access.reallocations_for and the service):
- the project's collaborators and the programme's staff who see its applications read the list (controllers do
  not: 404); anyone else gets a 404, anonymous people the login page;
- the project's managers and a partner's contact person post the form (empty here: its errors, 400); staff and
  superusers read only (403).
"""

import pytest

from .test_reporting_matrix import assert_matrix
from .test_url_matrix import CASES, Case

pytestmark = pytest.mark.django_db

MODULES = {"projects.views.reallocations"}

# Answers in the order of PEOPLE:
#          anon  mgr  partner other ctrl octrl fin  officer pm  assessor ostaff super
READ = "login 200 200 404 404 404 200 200 200 200 404 200"
EXPECTED: dict[str, str] = {"projects:reallocations": READ}
MORE: dict[str, tuple[str, Case, str]] = {
    "projects:reallocations (post)": (
        "projects:reallocations",
        Case("", lambda w: {"pk": w.reporting.project.pk}, "post"),
        "login 400 400 404 404 404 403 403 403 403 404 403",
    ),
}


def _names() -> set[str]:
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                module = getattr(pattern.callback, "view_class", pattern.callback).__module__
                name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
                yield name, module

    return {name for name, module in walk(get_resolver().url_patterns) if module in MODULES}


def test_every_reallocation_url_has_a_row():
    names = _names()
    assert names, "no reallocation URL found"
    assert names - set(EXPECTED) == set(), "add the new reallocation URL to EXPECTED: who may see it?"
    assert set(EXPECTED) - names == set(), "EXPECTED names a URL that no longer exists"


def rows() -> list[tuple[str, str, Case, str]]:
    found = [(name, name, CASES[name], EXPECTED[name]) for name in sorted(_names())]
    return found + [(label, name, case, expected) for label, (name, case, expected) in MORE.items()]


def test_reallocation_url_matrix(client, world):
    assert_matrix(client, world, rows())
