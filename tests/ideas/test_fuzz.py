"""The partner search's forms with generated input, as tests/fuzz does for the whole portal (20 examples a form, a
fixed seed): never a 500, and a refused POST writes no row at all."""

import pytest
from django.urls import reverse

from partnerships.idea_services import interest_express
from tests.fuzz.html_forms import page_forms
from tests.fuzz.test_bad_input import _fuzz_form, _fuzz_query

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _plain(templates_rendered_plainly, settings):
    settings.CONTACT_RELAY_PER_HOUR = settings.CONTACT_RELAY_PER_DAY = 10_000


def _forms(client, url: str):
    """The page's own POST forms (not the header's log-out button)."""
    forms = page_forms(client.get(url).content.decode(), f"http://testserver{url}")
    return [f for f in forms if f.method == "post" and ("/ideas/" in f.action or "/from-idea/" in f.action)]


def test_the_owners_forms_survive_generated_input(client, ideas_world, idea):
    client.force_login(ideas_world.owner)
    urls = [reverse("ideas:create"), reverse("ideas:edit", args=[idea.pk])]
    urls.append(reverse("projects:idea_convert", args=[idea.pk]))
    forms = [form for url in urls for form in _forms(client, url)]
    assert len(forms) == 3
    for form in forms:
        _fuzz_form(client, form)


def test_the_interest_form_survives_generated_input(client, ideas_world, idea):
    interest_express(idea=idea, person=ideas_world.stranger, body="Someone else's interest first.")
    client.force_login(ideas_world.person)
    forms = _forms(client, reverse("ideas:interest", args=[idea.pk]))
    assert len(forms) == 1
    _fuzz_form(client, forms[0])


def test_the_search_survives_generated_query_strings(client, ideas_world, idea):
    _fuzz_query(client, reverse("ideas:list"), ["q", "programme", "country", "partner_type", "page"])
