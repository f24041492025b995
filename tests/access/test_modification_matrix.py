"""Modifications (issue 19): every modification URL × the twelve people of reporting (test_reporting_matrix).

The URL patterns come from the resolver, by the module of their view: a modification URL without a row here fails
the test. The world is the access world's contracted project SIGNED-AIR with a modification its owner asked for
(test_url_matrix.modification_world). POSTs are sent empty and rolled back (test_url_matrix.ask).

The rules the answers follow:
- the applicants' pages are the project's collaborators' (the owner manages; the partner contact reads, and is
  refused with the reason when acting: 403); nobody else finds them, not even superusers (404);
- every programme staff member who sees the project reads the staff pages (finance, assessors too); only managers
  and officers (and superusers, acting as managers) act: the others get 403 with the reason;
- controllers see only the partner reports they control: 404, as do staff of another programme.
"""

import pytest

from .test_reporting_matrix import assert_matrix
from .test_url_matrix import CASES

pytestmark = pytest.mark.django_db

MODIFICATION_MODULES = {"projects.views.modifications", "projects.views.staff.modifications"}

# Answers in the order of PEOPLE:
#          anon  mgr  partner other ctrl octrl fin  officer pm  assessor ostaff super
COLLABORATORS = "login 200 200 404 404 404 404 404 404 404 404 404"
OWNER_STEP = "login 302 403 404 404 404 404 404 404 404 404 404"  # refused with a message (not open yet)
STAFF_READ = "login 404 404 404 404 404 200 200 200 200 404 200"
STAFF_FORM = "login 404 404 404 404 404 403 400 400 403 404 400"  # the empty form's errors; no right: 403
EXPECTED: dict[str, str] = {
    "projects:modifications": COLLABORATORS,
    "projects:modification": COLLABORATORS,
    "projects:modification_submit": OWNER_STEP,
    "projects:modification_withdraw": OWNER_STEP,
    "projects:partner_withdraw": COLLABORATORS,  # the page says why nothing can be done now
    "projects:partner_reinstate": "login 403 403 404 404 404 404 404 404 404 404 404",
    "staff:modifications": STAFF_READ,
    "staff:modification": STAFF_READ,
    "staff:modification_open": "login 404 404 404 404 404 403 302 302 403 404 302",
    "staff:modification_decline": STAFF_FORM,
    "staff:modification_return": STAFF_FORM,
    "staff:modification_approve": STAFF_FORM,
    "staff:modification_reject": STAFF_FORM,
}


def modification_url_names() -> set[str]:
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

    return {name for name, module in walk(get_resolver().url_patterns) if module in MODIFICATION_MODULES}


def test_every_modification_url_has_a_row():
    names = modification_url_names()
    assert len(names) == 13
    assert names == set(EXPECTED), "add the new modification URL to EXPECTED: who may see it?"


@pytest.mark.usefixtures("templates_rendered_plainly")
def test_modification_url_matrix(client, world):
    assert_matrix(client, world, [(name, name, CASES[name], EXPECTED[name]) for name in sorted(EXPECTED)])
