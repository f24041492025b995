"""Staff sign-in as a person does it with the test client: a password, then the authenticator app's code, and the
staff page they asked for — no second password prompt; and the first set-up of the app ends on the page they wanted,
with the recovery codes shown on the way."""

import re
import time

import pytest
from allauth.account import app_settings as account_settings
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

from programmes.models import ProgrammeStaff, StaffRole
from tests.factories import PASSWORD, ProgrammeFactory, UserFactory
from tests.mfa import totp_code, totp_setup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    """Limits are tested in test_security; these journeys sign in and up more often than 127.0.0.1 may per minute."""
    settings.ACCOUNT_RATE_LIMITS = False


def _login(client, user, next_url):
    return client.post(reverse("account_login") + f"?next={next_url}", {"login": user.email, "password": PASSWORD})


@pytest.mark.parametrize("is_staff", [True, False])
def test_a_fresh_login_with_password_and_code_reaches_the_staff_page_directly(client, is_staff):
    staff, programme = UserFactory(is_staff=is_staff), ProgrammeFactory()
    ProgrammeStaff.objects.create(programme=programme, user=staff, role=StaffRole.OFFICER)
    secret = totp_setup(staff)
    response = _login(client, staff, "/staff/")
    assert response["Location"].startswith(reverse("mfa_authenticate"))
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302 and response["Location"] == "/staff/"
    page = client.get("/staff/", follow=True)  # one programme: its dashboard
    assert page.status_code == 200 and page.redirect_chain == [(f"/staff/{programme.slug}/", 302)]


def _programme_staff():
    staff, programme = UserFactory(is_staff=True), ProgrammeFactory()
    ProgrammeStaff.objects.create(programme=programme, user=staff, role=StaffRole.OFFICER)
    return staff, programme


def test_staff_setting_up_the_app_right_after_login_are_not_asked_for_the_password_again(client):
    staff, _programme = _programme_staff()
    _login(client, staff, "/staff/")
    response = client.get("/staff/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_activate_totp"))
    setup = client.get(response["Location"])
    assert setup.status_code == 200, setup.get("Location")


def test_setting_up_the_app_ends_on_the_page_wanted_after_showing_the_recovery_codes(client):
    staff, programme = _programme_staff()
    _login(client, staff, "/staff/")
    setup_url = client.get("/staff/")["Location"]
    setup = client.get(setup_url)
    assert '<input type="hidden" name="next" value="/staff/">' in setup.content.decode()  # kept by the form
    form = setup.context["form"]
    code = format_hotp_value(hotp_value(form.secret, int(time.time()) // 30))
    response = client.post(setup_url, {"code": code})
    assert response.status_code == 302
    codes_url = response["Location"]
    assert codes_url.startswith(reverse("mfa_view_recovery_codes"))
    page = client.get(codes_url)
    html = page.content.decode()
    assert page.status_code == 200
    codes = Authenticator.objects.get(user=staff, type=Authenticator.Type.RECOVERY_CODES).wrap().get_unused_codes()
    assert all(code in html for code in codes)  # shown before continuing
    assert reverse("mfa_download_recovery_codes") in html
    download = client.get(reverse("mfa_download_recovery_codes"))
    assert download.status_code == 200 and codes[0] in download.content.decode()
    continue_link = re.search(r'<a class="button" href="([^"]+)">Continue</a>', html)
    assert continue_link and continue_link.group(1) == "/staff/"
    dashboard = client.get("/staff/", follow=True)
    assert dashboard.status_code == 200 and dashboard.redirect_chain == [(f"/staff/{programme.slug}/", 302)]


def test_setting_up_the_app_without_a_wanted_page_continues_to_the_security_page(client):
    user = UserFactory()
    _login(client, user, "/")
    setup_url = reverse("mfa_activate_totp")
    form = client.get(setup_url).context["form"]
    code = format_hotp_value(hotp_value(form.secret, int(time.time()) // 30))
    codes_url = client.post(setup_url, {"code": code})["Location"]
    html = client.get(codes_url).content.decode()
    assert f'<a class="button" href="{reverse("mfa_index")}">Continue</a>' in html


def test_an_offsite_next_is_not_followed_after_set_up(client):
    staff = UserFactory(is_staff=True)
    _login(client, staff, "/")
    setup_url = reverse("mfa_activate_totp") + "?next=https://evil.example.com/"
    form = client.get(setup_url).context["form"]
    code = format_hotp_value(hotp_value(form.secret, int(time.time()) // 30))
    codes_url = client.post(setup_url, {"code": code})["Location"]
    assert "evil" not in client.get(codes_url).content.decode()


def test_sensitive_changes_long_after_login_still_ask_for_the_password(client):
    user = UserFactory()
    _login(client, user, "/")
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {**record, "at": record["at"] - account_settings.REAUTHENTICATION_TIMEOUT - 1}
        for record in session[AUTHENTICATION_METHODS_SESSION_KEY]
    ]
    session.save()
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_reauthenticate"))
