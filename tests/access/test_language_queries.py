"""The language switcher and the languages add no query (issue 20): every page of the permission matrix asks the
database the same questions in German as in English, switcher included."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from .conftest import sign_in
from .test_pseudo_locale import _pages

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.usefixtures("templates_rendered_plainly")
def test_every_page_costs_the_same_queries_in_german_and_english(client, world, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}  # both computed in full
    differ = {}
    for label, name, case, reader in _pages():
        sign_in(client, world, reader)
        urls = {}
        for language in ("en", "de"):
            with translation.override(language):
                urls[language] = reverse(name, kwargs=case.kwargs(world)) + (f"?{case.query}" if case.query else "")
        _queries(client, urls["en"])  # the process's own first-use work (content types, compiled forms) done once
        english, german = _queries(client, urls["en"]), _queries(client, urls["de"])
        if english != german:
            differ[label] = f"{english} queries in English, {german} in German"
    assert not differ, differ


def test_the_switcher_asks_nothing(rf, django_assert_num_queries, user):
    from django.template.loader import render_to_string

    from interact_portal.accounts.language import language_switcher

    request = rf.get("/de/projects/?q=water")
    request.user = user
    request.resolver_match = None
    with translation.override("de"), django_assert_num_queries(0):
        context = language_switcher(request)
        html = render_to_string("partials/language_switcher.html", {**context, "user": user}, request=request)
    assert [language["code"] for language in context["switcher_languages"]] == ["en", "de", "fr", "es", "pl"]
    assert 'lang="pl"' in html and "Polski" in html and "Deutsch" in html
