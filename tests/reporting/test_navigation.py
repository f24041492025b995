"""The header after the contract: a controller finds "My control work", a finance officer (programme staff without
the admin) the staff workspace; remembered at login, no query on every page."""

from django.urls import reverse

from tests.factories import PASSWORD


def _nav(client, user) -> str:
    assert client.login(email=user.email, password=PASSWORD)
    return client.get(reverse("database:search")).content.decode().replace('href="/staff/control/"', "CONTROL")


def test_each_person_finds_their_work_in_the_header(client, contracted):
    page = _nav(client, contracted.controller)
    assert "CONTROL" in page and f'href="{reverse("staff:home")}"' not in page
    client.logout()
    page = _nav(client, contracted.finance)
    assert f'href="{reverse("staff:home")}"' in page and "CONTROL" not in page
    client.logout()
    page = _nav(client, contracted.partner_user)
    assert f'href="{reverse("staff:home")}"' not in page and "CONTROL" not in page
