"""Choosing a language (issue 20): the prefix, the switcher, a person's own language, signup from the browser."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Zażółć gęślą jaźń 2026!"


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.ACCOUNT_RATE_LIMITS = False


def test_a_prefixed_link_keeps_its_language_for_everyone(client):
    for prefix, heading in [("", "Calls for proposals"), ("/de", "Aufrufe"), ("/pl", "Nabory")]:
        page = client.get(f"{prefix}/calls/").content.decode()
        assert f'<html lang="{prefix.strip("/") or "en"}">' in page
        assert heading in page


def test_every_page_names_its_alternates_in_every_language(client):
    page = client.get("/fr/projects/?q=water").content.decode()
    for code, path in [("en", "/projects/?q=water"), ("de", "/de/projects/?q=water"), ("pl", "/pl/projects/?q=water")]:
        assert f'hreflang="{code}" href="http://' in page and f'{path}">' in page
    assert 'hreflang="x-default"' in page


def test_the_switcher_names_each_language_in_itself_and_keeps_the_page(client):
    page = client.get("/de/events/").content.decode()
    for code, name, url in [
        ("en", "English", "/events/"),
        ("fr", "Français", "/fr/events/"),
        ("pl", "Polski", "/pl/events/"),
    ]:
        assert f'<a href="{url}" hreflang="{code}" lang="{code}">{name}</a>' in page
    assert 'lang="de" aria-current="true">Deutsch</a>' in page


def test_a_signed_in_person_choosing_a_language_keeps_it(client):
    person = UserFactory(language="en")
    client.force_login(person)
    response = client.post(reverse("language_choose"), {"language": "pl", "next": "/events/?page=1"})
    assert response.status_code == 302 and response.url == "/pl/events/?page=1"
    person.refresh_from_db()
    assert person.language == "pl"
    # a page without a prefix now leads to the same page in the person's language; forms still post without one
    response = client.get("/events/?page=1")
    assert response.status_code == 302 and response.url == "/pl/events/?page=1"
    assert '<html lang="pl">' in client.get(response.url).content.decode()
    assert client.get("/healthz").status_code == 200  # machines' addresses have no language


def test_the_switcher_refuses_an_unknown_language_and_a_foreign_next(client):
    assert client.post(reverse("language_choose"), {"language": "xx", "next": "/"}).status_code == 400
    response = client.post(reverse("language_choose"), {"language": "de", "next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == "/de/"


def test_choosing_a_language_is_a_post(client):
    assert client.get(reverse("language_choose") + "?language=de").status_code == 405


def test_an_anonymous_visitor_without_a_prefix_reads_english_whatever_the_browser(client):
    page = client.get("/calls/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9").content.decode()
    assert '<html lang="en">' in page


def test_a_new_account_takes_the_language_it_signed_up_in(client):
    from interact_portal.accounts.models import User

    data = {
        "email": "ola@example.pl",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "first_name": "Ola",
        "last_name": "Nowak",
    }
    with translation.override("pl"):
        url = reverse("account_signup")
    assert url.startswith("/pl/")
    client.post(url, data)
    assert User.objects.get(email="ola@example.pl").language == "pl"


def test_without_a_prefix_the_browser_language_is_taken_at_signup(client):
    from interact_portal.accounts.models import User

    data = {
        "email": "jean@example.fr",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "first_name": "Jean",
        "last_name": "Roy",
    }
    client.post(reverse("account_signup"), data, HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9,en;q=0.5")
    assert User.objects.get(email="jean@example.fr").language == "fr"


def test_the_account_page_changes_the_language(client):
    person = UserFactory(language="en", first_name="Ana", last_name="Ruiz")
    client.force_login(person)
    response = client.post(reverse("profile"), {"first_name": "Ana", "last_name": "Ruiz", "language": "es"})
    assert response.status_code == 302 and response.url == "/es/account/profile/"
    person.refresh_from_db()
    assert person.language == "es"
    page = client.get(response.url)
    assert page.status_code == 200 and '<option value="es" selected lang="es">Español</option>' in page.content.decode()


def test_the_account_page_refuses_an_unknown_language(client):
    person = UserFactory(language="de", first_name="A", last_name="B")
    client.force_login(person)
    response = client.post(reverse("profile"), {"first_name": "C", "last_name": "D", "language": "tlh"})
    assert response.status_code == 400
    person.refresh_from_db()
    assert (person.language, person.first_name) == ("de", "A")  # nothing half-saved
