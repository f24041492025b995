"""Generated input to every form and every query string of the portal: never a 500, never a half-saved record.

The forms are found the way a person finds them: every page of the permission matrix is opened by each person who
may see it, and each form on it (a POST or a GET form) is filled in by Hypothesis, 20 examples per form with a fixed
seed. A POST that is refused (4xx, or the page shown again with its errors) must write no row at all (PostgreSQL
counts the rows each request inserts, updates or deletes); one that is accepted answers with a redirect. Each
example runs in a savepoint rolled back after it, so every example meets the same world.
"""

import copy
import logging

import pytest
from django.db import connection, transaction
from django.template.base import Template
from django.urls import resolve, reverse
from hypothesis import HealthCheck, given, settings

from partnerships.idea_search import IdeaSearchForm
from projects.filters import ProjectSearchForm
from projects.services.assessment import assessors_assign
from tests.access.conftest import ACTORS, answer, sign_in
from tests.access.test_reporting_matrix import EXPECTED as REPORTING_ANSWERS
from tests.access.test_reporting_matrix import PEOPLE as REPORTING_PEOPLE
from tests.access.test_url_matrix import CASES, every_case

from .html_forms import Form, page_forms
from .strategies import form_data, query_data

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=20,  # × some 60 forms and 20 query strings: the largest part of `make test` (15-minute budget)
    derandomize=True,  # the same examples on every run
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
PEOPLE = [*ACTORS, "assessor", "controller", "finance"]
REPORTING_ROLES = {"controller", "finance"}  # their pages are those the reporting matrix opens to them
QUERY_PAGES = {  # the pages that read their query string, and the parameters they know
    "database:search": list(ProjectSearchForm.base_fields),
    "database:export_csv": list(ProjectSearchForm.base_fields),
    "database:export_json": list(ProjectSearchForm.base_fields),
    "database:organisation": ["page"],
    "database:programme_list": ["page"],
    "events:list": ["page"],
    "library:search": ["q", "topic", "kind", "language", "page"],
    "programmes:call_list": ["page"],
    "partnerships:organisation_search": ["q", "organisation"],
    "staff:applications": ["page"],
    "ideas:list": list(IdeaSearchForm.base_fields),  # the partner search (issue 21)
    "notifications:list": ["page"],
    "reports:list": ["page"],
    # the open-data API (issue 21): its lists' filters, the keyset cursor and the page size
    **{
        f"api:{name}": [*parameters, "cursor", "page_size"]
        for name, parameters in {
            "projects": [*ProjectSearchForm.base_fields],
            "partners": ["project", "organisation", "country", "role"],
            "organisations": ["country", "type", "sector"],
            "programmes": ["period", "strand", "country"],
            "calls": ["programme", "status"],
            "events": ["when", "type", "format", "topic", "audience"],
        }.items()
    },
    "api:schema": ["format", "lang"],
}
SHARDS = 2  # the POST forms are fuzzed in this many tests (one per test worker)
UNTOUCHED = {"django_session", "audit_auditentry"}  # a session per request; failed logins are recorded on purpose


def writes() -> dict[str, int]:
    """Rows inserted, updated or deleted so far in this transaction, per table (PostgreSQL's own count)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables")
        return {table: count for table, count in cursor.fetchall() if table not in UNTOUCHED}


@pytest.fixture(autouse=True)
def _templates_rendered_plainly(monkeypatch):
    """The test client records every template a response renders, with a copy of its context: on a page with a
    600-option select that is most of the time. Nothing here reads it, so pages render as in production."""
    monkeypatch.setattr(Template, "_render", lambda self, context: self.nodelist.render(context))


@pytest.fixture(autouse=True)
def _refusals_not_logged(caplog):
    """Django logs each 4xx answer as a warning, a 403 with its traceback; thousands of them, captured and formatted,
    cost more than the requests. A 500 still fails the test: the test client raises it."""
    caplog.set_level(logging.ERROR, logger="django.request")
    caplog.set_level(logging.ERROR, logger="django.security")


def _pages(world, person: str):
    """The URLs of the matrix's pages this person may open; the assessor tries the manager's and the quality page;
    a controller and a finance officer the reporting pages the reporting matrix opens to them."""
    if person in REPORTING_ROLES:
        column = REPORTING_PEOPLE.index(person)
        for name, expected in REPORTING_ANSWERS.items():
            case = CASES.get(name)
            if case is not None and case.method == "get" and expected.split()[column] == "200":
                yield name, reverse(name, kwargs=case.kwargs(world))
        return
    column = "staff" if person == "assessor" else person
    for _label, name, case in every_case():
        if case.method == "get" and (answer(case.expected, column) == "200" or name == "staff:quality"):
            yield name, reverse(name, kwargs=case.kwargs(world))


def discover(client, world) -> list[tuple[str, Form]]:
    """Every form on every page, once, with the first person (in PEOPLE's order) who meets it."""
    assessors_assign(project=world.project, by=world.officer, assessors=[world.assessor])
    found = {}
    for person in PEOPLE:
        sign_in(client, world, person)
        for _name, url in _pages(world, person):
            response = client.get(url)
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                for form in page_forms(response.content.decode(), f"http://testserver{url}"):
                    path = form.action.removeprefix("http://testserver").split("?")[0]
                    key = (form.method, resolve(path).url_name, tuple(sorted(form.fields)))
                    found.setdefault(key, (person, form))
    return list(found.values())


def _post_keeps_promise(client, form: Form, data: dict) -> None:
    cookies = copy.deepcopy(client.cookies)
    with transaction.atomic():
        before = writes()
        response = client.post(form.action, data)
        assert response.status_code < 500
        if response.status_code != 302:  # refused or shown again: nothing of it written
            # a write makes a count grow (PostgreSQL 15 may also drop counts of earlier transactions it flushes)
            changed = [table for table, count in writes().items() if count > before.get(table, 0)]
            assert not changed, f"{form.action} answered {response.status_code} but wrote to {changed}"
        transaction.set_rollback(True)
    client.cookies = cookies


def _fuzz_form(client, form: Form) -> None:
    @EXAMPLES
    @given(data=form_data(form))
    def post(data):
        _post_keeps_promise(client, form, data)

    post()


def _fuzz_query(client, url: str, names: list[str]) -> None:
    @EXAMPLES
    @given(params=query_data(names))
    def get(params):
        assert client.get(url, params).status_code < 500

    get()


def _query_targets(world, forms) -> dict[str, tuple[str, set]]:
    """The pages that read their query string, with their own parameters and their GET forms' fields."""
    targets = {}
    for person in PEOPLE:
        for name, url in _pages(world, person):
            if name in QUERY_PAGES:
                targets.setdefault(f"http://testserver{url}", (person, set(QUERY_PAGES[name])))
    for person, form in forms:
        if form.method == "get":
            url = form.action.split("?")[0]
            targets.setdefault(url, (person, set()))[1].update(form.fields)
    return targets


@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_form_and_query_string_survives_generated_input(client, world, settings, shard):
    """Every POST form and every page that reads its query string, in SHARDS parts (each part discovers the same
    forms in the same order, once, and fuzzes every SHARDS-th form and query page), so that `make test`'s two
    workers share the work."""
    settings.ACCOUNT_RATE_LIMITS = False  # limits are tested in tests/accounts; here every attempt reaches the form
    settings.API_RATE_ANONYMOUS = settings.API_RATE_SIGNED_IN = None  # every example reaches the API's filters
    forms = discover(client, world)
    posts = [(person, form) for person, form in forms if form.method == "post"]
    assert len(posts) >= 30, "the crawl found fewer forms than the portal has"
    targets = _query_targets(world, forms)
    assert len(targets) >= len(QUERY_PAGES)
    for person, form in posts[shard::SHARDS]:
        sign_in(client, world, person)
        _fuzz_form(client, form)
    for url, (person, names) in sorted(targets.items())[shard::SHARDS]:
        sign_in(client, world, person)
        _fuzz_query(client, url, sorted(names))
