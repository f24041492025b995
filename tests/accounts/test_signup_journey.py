"""Signing up as a person does: a name to be greeted by, and the page they came from (an invitation) kept through the
signup and the email confirmation, which signs them in."""

import html
import re
import uuid
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from interact_portal.accounts.models import User
from interact_portal.notifications.outbox import outbox_relay
from interact_portal.notifications.services import notify
from projects.services.invitations import invitation_link
from tests.factories import PASSWORD, CallFactory, InvitationFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    """Limits are tested in test_security; these journeys sign in and up more often than 127.0.0.1 may per minute."""
    settings.ACCOUNT_RATE_LIMITS = False


@pytest.fixture
def email() -> str:
    """A fresh address: allauth sends one confirmation per address every few minutes, counted in Redis beyond a test."""
    return f"person-{uuid.uuid4().hex[:12]}@example.org"


def _signup(client, email, next_url=None, **names):
    data = {"email": email, "password1": PASSWORD, "password2": PASSWORD, "first_name": "Anna", "last_name": "Berg"}
    data.update(names)
    if next_url:
        data["next"] = next_url
    return client.post(reverse("account_signup"), data)


def _confirmation_link() -> str:
    outbox_relay(older_than=timedelta(0))
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+)", mail.outbox[-1].body).group(1)


def _invitation(email):
    call = CallFactory()
    project = ProjectFactory(programme=call.programme, call=call)
    return InvitationFactory(project=project, email=email, invited_by=UserFactory())


def test_signup_asks_for_a_name(client, email):
    html = client.get(reverse("account_signup")).content.decode()
    assert 'name="first_name"' in html and 'name="last_name"' in html
    assert 'autocomplete="given-name"' in html and 'autocomplete="family-name"' in html
    assert html.index('name="first_name"') < html.index('name="last_name"') < html.index('name="email"')
    response = _signup(client, email)
    assert response.status_code == 302
    user = User.objects.get(email=email)
    assert (user.first_name, user.last_name) == ("Anna", "Berg")


@pytest.mark.parametrize("missing", ["first_name", "last_name"])
def test_signup_without_a_name_is_refused_next_to_the_field(client, email, missing):
    response = _signup(client, email, **{missing: "  "})
    assert response.status_code == 200
    assert response.context["form"].errors[missing] == ["This field is required."]
    assert not User.objects.exists()


def test_emails_greet_the_person_by_the_name_given_at_signup(client, email):
    _signup(client, email)
    user = User.objects.get(email=email)
    mail.outbox.clear()
    notify(event="test", actor=None, target=None, recipients=[user], title="Your application was approved")
    outbox_relay(older_than=timedelta(0))
    assert mail.outbox[-1].body.startswith("Hello Anna Berg,")


def test_confirming_the_email_signs_the_person_in(client, email):
    _signup(client, email)
    assert "_auth_user_id" not in client.session
    response = client.post(_confirmation_link())
    assert response.status_code == 302 and response["Location"] == "/"
    assert int(client.session["_auth_user_id"]) == User.objects.get(email=email).pk


def test_an_invitee_who_signs_up_lands_back_on_the_invitation(client, email):
    invitation = _invitation(email)
    path = re.search(r"https?://[^/]+(/.*)", invitation_link(invitation)).group(1)
    page = client.get(path).content.decode()
    signup_url = html.unescape(re.search(r'href="(/accounts/signup/\?next=[^"]+)"', page).group(1))
    form = client.get(signup_url).content.decode()
    assert f'<input type="hidden" name="next" value="{path}">' in form  # kept through the signup form
    response = _signup(client, email, next_url=path)
    assert response.status_code == 302 and response["Location"] == reverse("account_email_verification_sent")
    response = client.post(_confirmation_link())
    assert response.status_code == 302 and response["Location"] == path
    assert "Accept and join" in client.get(path).content.decode()  # signed in, on the invitation


def test_the_login_page_keeps_the_invitation_in_its_sign_up_link(client, email):
    path = re.search(r"https?://[^/]+(/.*)", invitation_link(_invitation(email))).group(1)
    page = client.get(f"{reverse('account_login')}?next={quote(path, safe='')}").content.decode()
    links = [html.unescape(link) for link in re.findall(r'href="(/accounts/signup/[^"]*)"', page)]
    assert f"{reverse('account_signup')}?next={quote(path, safe='')}" in links  # the form's "sign up" link


def test_an_invitee_confirming_in_another_browser_is_sent_to_log_in_then_to_the_invitation(client, email):
    invitation = _invitation(email)
    path = re.search(r"https?://[^/]+(/.*)", invitation_link(invitation)).group(1)
    _signup(client, email, next_url=path)
    link = _confirmation_link()
    other_browser = Client()
    response = other_browser.post(link)
    assert response.status_code == 302 and response["Location"] == path  # not signed in there: the page says log in
    assert "_auth_user_id" not in other_browser.session
    login = other_browser.post(
        f"{reverse('account_login')}?next={quote(path, safe='')}", {"login": email, "password": PASSWORD}
    )
    assert login["Location"] == path


def test_an_offsite_next_is_not_put_in_the_confirmation_link(client, email):
    _signup(client, email, next_url="https://evil.example.com/")
    assert "evil" not in _confirmation_link()
