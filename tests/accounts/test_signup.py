"""Signup with mandatory email verification, then login by email + password; password reset."""

import re
from datetime import timedelta

import pytest
from django.core import mail

from interact_portal.accounts.models import User
from interact_portal.notifications.models import OutboxEmail
from interact_portal.notifications.outbox import outbox_relay
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _link(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/[^\s]+)", message.body).group(1)


def _relayed() -> list:
    """allauth's emails wait in the outbox (a test's transaction never commits, so no task was queued): relay them."""
    outbox_relay(older_than=timedelta(0))
    return mail.outbox


def test_signup_verification_mail_then_login(client):
    response = client.post(
        "/accounts/signup/",
        {
            "first_name": "Cora",
            "last_name": "Ordinator",
            "email": "Coordinator@Example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"  # mandatory: no session before verification
    waiting = OutboxEmail.objects.get(to="coordinator@example.org", sent_at=None)
    assert mail.outbox == [] and "/accounts/confirm-email/" in waiting.body
    assert len(_relayed()) == 1 and mail.outbox[0].to == ["coordinator@example.org"]
    waiting.refresh_from_db()
    assert waiting.sent_at is not None and waiting.body == ""  # the link is not kept once sent

    blocked = client.post("/accounts/login/", {"login": "coordinator@example.org", "password": PASSWORD})
    assert blocked["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session

    confirm = _link(_relayed()[-1])
    assert client.get(confirm).status_code == 200
    assert client.post(confirm).status_code == 302

    client.logout()
    response = client.post("/accounts/login/", {"login": "coordinator@example.org", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert int(client.session["_auth_user_id"]) == User.objects.get(email__iexact="coordinator@example.org").pk


def test_short_password_is_refused_next_to_the_field(client):
    response = client.post(
        "/accounts/signup/", {"email": "a@example.org", "password1": "short1", "password2": "short1"}
    )
    assert response.status_code == 200
    assert "at least 10 characters" in response.content.decode()
    assert not User.objects.exists()


def test_wrong_password_gives_a_message_not_an_error(client):
    UserFactory(email="known@example.org")
    response = client.post("/accounts/login/", {"login": "known@example.org", "password": "wrong-password-1"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_password_reset_sends_a_working_link(client):
    UserFactory(email="forgetful@example.org")
    client.post("/accounts/password/reset/", {"email": "forgetful@example.org"})
    assert len(_relayed()) == 1
    reset = client.get(_link(mail.outbox[0]), follow=True)
    form_url = reset.redirect_chain[-1][0] if reset.redirect_chain else _link(mail.outbox[0])
    new_password = "another-long-password-7"
    done = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert done.status_code == 302
    assert User.objects.get(email="forgetful@example.org").check_password(new_password)


def test_logout_only_on_post(client, user):
    client.force_login(user)
    client.get("/accounts/logout/")
    assert "_auth_user_id" in client.session
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_auth_pages_use_the_portal_layout(client):
    for url in ("/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"):
        html = client.get(url).content.decode()
        assert 'class="site-header"' in html and "<main" in html, url
