"""Access rules of the sessions: a second factor for staff, session limits, rate limits, passwords, headers, and a
deployment check with no warnings."""

import os
import secrets
import subprocess
import sys
import time
import uuid

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.urls import reverse

from interact_portal.accounts.middleware import LOGGED_IN_AT, SEEN_AT
from tests.factories import PASSWORD, UserFactory
from tests.mfa import totp_code, totp_setup

pytestmark = pytest.mark.django_db


def _password_login(client, user, next_url="/"):
    return client.post(reverse("account_login") + f"?next={next_url}", {"login": user.email, "password": PASSWORD})


def test_staff_without_an_authenticator_app_are_sent_to_set_one_up(client):
    staff = UserFactory(is_staff=True)
    _password_login(client, staff)
    for url in ("/staff/", "/admin/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp") + f"?next={url}"


def test_staff_log_in_with_password_and_code_then_reach_the_staff_pages(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    secret = totp_setup(staff)
    response = _password_login(client, staff, "/admin/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_authenticate"))
    assert client.get("/admin/").status_code == 302  # not signed in until the code is given
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200 and "code" in wrong.context["form"].errors
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200 and client.get("/staff/").status_code == 200


def test_a_recovery_code_replaces_a_lost_phone_once(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    totp_setup(staff)
    code = RecoveryCodes.activate(staff).get_unused_codes()[0]
    _password_login(client, staff)
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    assert client.get("/staff/").status_code == 200
    client.logout()
    _password_login(client, staff)
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 200  # used up


def test_the_second_factor_is_optional_for_applicants(client):
    applicant = UserFactory()
    assert _password_login(client, applicant)["Location"] == "/"
    assert client.get(reverse("projects:list")).status_code == 200
    # they may set it up (just signed in: no second password prompt; later, one: test_staff_sign_in)
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    assert not Authenticator.objects.filter(user=applicant).exists()


def test_login_starts_a_new_session(client):
    user = UserFactory()
    client.get(reverse("account_login"))
    session = client.session
    session["before_login"] = True
    session.save()
    before = session.session_key
    _password_login(client, user)
    assert client.session.session_key != before


@pytest.mark.parametrize(("key", "age"), [(SEEN_AT, 31 * 60), (LOGGED_IN_AT, 12 * 3600 + 60)])
def test_a_staff_session_ends_after_30_idle_minutes_or_12_hours(client, key, age):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    assert client.get("/staff/").status_code == 200
    session = client.session
    session[key] = time.time() - age
    session.save()
    response = client.get("/staff/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_an_applicant_session_is_not_cut_after_30_minutes(client):
    applicant = UserFactory()
    _password_login(client, applicant)
    session = client.session
    session[SEEN_AT] = time.time() - 31 * 60
    session.save()
    assert client.get(reverse("projects:list")).status_code == 200


def test_repeated_failed_logins_are_rate_limited(client):
    user = UserFactory(email=f"{uuid.uuid4().hex}@example.org")  # the count lives in Redis, beyond this test
    pages = [
        client.post(reverse("account_login"), {"login": user.email, "password": f"wrong-{n}-password"})
        for n in range(6)
    ]
    assert all("Too many failed login attempts" not in page.content.decode() for page in pages[:5])
    assert "Too many failed login attempts" in pages[5].content.decode()
    # even the right password is refused until the window has passed
    refused = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert refused.status_code == 200 and "_auth_user_id" not in client.session


def test_passwords_need_ten_characters(client):
    response = client.post(
        reverse("account_signup"), {"email": "new@example.org", "password1": "Xq7#pL2m!", "password2": "Xq7#pL2m!"}
    )
    assert response.status_code == 200
    assert "at least 10 characters" in str(response.context["form"].errors["password1"])


def test_security_headers_on_every_page(client):
    response = client.get("/", secure=True)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Frame-Options"] == "DENY" and response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" not in response.get("Cache-Control", "")  # a public page may be cached


def test_pages_of_a_signed_in_person_are_never_stored(client):
    client.force_login(UserFactory())
    for url in ("/", reverse("projects:list"), "/notifications/"):
        assert "no-store" in client.get(url)["Cache-Control"]


def test_session_and_csrf_cookies_are_secure_and_httponly(client, settings):
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE  # production defaults (DEBUG off)
    response = _password_login(client, UserFactory())
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


def test_deployment_check_with_production_variables_has_no_warnings():
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}  # set for Playwright
    env = {
        **inherited,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "portal.example.org",
        "DJANGO_SECURE_SSL_REDIRECT": "true",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
