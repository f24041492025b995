"""Closure (issue 19, items 7 and 8): every closure URL × the twelve people of reporting (test_reporting_matrix), on
the contracted project SIGNED-AIR and on a closed project with published results.

The rules the answers follow:
- the closure section is its collaborators' (the managers write once it opens, the others read); anyone else,
  staff and superusers included, gets a 404 — staff read it on their close page;
- closing needs the CLOSE right (programme managers and officers), reopening the REOPEN right (managers only):
  other staff who see the project get a 403 with the reason; controllers and other programmes' staff a 404;
- the results' picture is public once the project is closed with results, a 404 before.
"""

from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile

from projects.models import CollaboratorLevel, ProjectClosure
from projects.workflow import Status
from tests.factories import CollaboratorFactory, ProjectFactory

from .test_reporting_matrix import assert_matrix
from .test_url_matrix import CASES, Case

pytestmark = pytest.mark.django_db

CLOSURE_MODULES = {"projects.views.closure", "projects.views.staff.closure"}
CLOSURE_NAMES = {"database:results_picture"}  # in projects.views.public, beside the public project page

# Answers in the order of PEOPLE:
#          anon  mgr  partner other ctrl octrl fin  officer pm  assessor ostaff super
COLLABORATORS = "login 200 200 404 404 404 404 404 404 404 404 404"
CLOSERS = "login 404 404 404 404 404 403 200 200 403 404 200"
REOPENERS = "login 404 404 404 404 404 403 403 200 403 404 200"
EXPECTED: dict[str, str] = {
    # SIGNED-AIR's final period has not started: the section is read, not written; its picture (the world's) too
    "projects:closure": COLLABORATORS,
    "projects:closure_picture": COLLABORATORS,
    "staff:close": CLOSERS,
    "staff:reopen": REOPENERS,
    "database:results_picture": "404 404 404 404 404 404 404 404 404 404 404 404",
}


def _closed(w) -> SimpleNamespace:
    """A closed project of programme A with published results and a picture (made on first use)."""
    if not hasattr(w, "closed_project"):
        project = ProjectFactory(
            programme=w.programme, call=w.call, status=Status.CLOSED, has_results=True, acronym="DONE-AIR"
        )
        CollaboratorFactory(project=project, user=w.manager, level=CollaboratorLevel.MANAGE)
        CollaboratorFactory(project=project, user=w.partner_user, level=CollaboratorLevel.VIEW)
        closure = ProjectClosure.objects.create(
            project=project, main_achievements="Done.", durable_outputs="Kept.", public_summary="It worked."
        )
        closure.picture.save("done.png", ContentFile(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32), save=False)
        closure.picture_alt = "A finished sensor"
        closure.save()
        w.closed_project = project
    return w.closed_project


def _on_closed(w) -> dict:
    return {"pk": _closed(w).pk}


def _staff_on_closed(w) -> dict:
    return {"slug": w.programme.slug, "pk": _closed(w).pk}


MORE: dict[str, tuple[str, Case, str]] = {
    # SIGNED-AIR: nothing to save before the final period (403 with the reason), for the managers as for the others
    "projects:closure (save)": (
        "projects:closure",
        Case("", CASES["projects:closure"].kwargs, "post"),
        "login 403 403 404 404 404 404 404 404 404 404 404",
    ),
    # an empty close is refused with its reasons; an empty reopen lacks its reason
    "staff:close (post)": (
        "staff:close",
        Case("", CASES["staff:close"].kwargs, "post"),
        "login 404 404 404 404 404 403 400 400 403 404 400",
    ),
    "staff:reopen (post)": (
        "staff:reopen",
        Case("", CASES["staff:reopen"].kwargs, "post"),
        "login 404 404 404 404 404 403 403 400 403 404 400",
    ),
    # the closed project with results
    "database:results_picture (closed)": (
        "database:results_picture",
        Case("", _on_closed),
        "200 200 200 200 200 200 200 200 200 200 200 200",
    ),
    "projects:closure (closed)": ("projects:closure", Case("", _on_closed), COLLABORATORS),
    "projects:closure_picture (closed)": ("projects:closure_picture", Case("", _on_closed), COLLABORATORS),
    "projects:closure (closed, save)": (
        "projects:closure",
        Case("", _on_closed, "post"),
        "login 403 403 404 404 404 404 404 404 404 404 404",
    ),
    "staff:close (closed: nothing to do)": (
        "staff:close",
        Case("", _staff_on_closed, "post"),
        "login 404 404 404 404 404 403 302 302 403 404 302",
    ),
    "staff:reopen (closed)": ("staff:reopen", Case("", _staff_on_closed), REOPENERS),
}


def closure_url_names() -> set[str]:
    """The URLs of the closure views (the same walk of the resolver as test_reporting_matrix)."""
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

    return {
        name for name, module in walk(get_resolver().url_patterns) if module in CLOSURE_MODULES or name in CLOSURE_NAMES
    }


def test_every_closure_url_has_a_row():
    names = closure_url_names()
    assert names - set(EXPECTED) == set(), "add the new closure URL to EXPECTED: who may see it?"
    assert set(EXPECTED) - names == set(), "EXPECTED names a URL that no longer exists"


def rows() -> list[tuple[str, str, Case, str]]:
    found = [(name, name, CASES[name], EXPECTED[name]) for name in sorted(closure_url_names())]
    return found + [(label, name, case, expected) for label, (name, case, expected) in MORE.items()]


def test_closure_url_matrix(client, world):
    assert_matrix(client, world, rows())
