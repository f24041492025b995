"""Second-factor secrets are encrypted in the database with a key from the environment (issue 23, #6): the TOTP key
and the recovery-code seed are not stored in clear, a code still signs in, secrets stored in clear before are
encrypted once by `manage.py mfa_encrypt_secrets` (and the migration), and production will not start without the key.
"""

import json
import os
import subprocess
import sys

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import generate_totp_secret
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from tests.mfa import totp_code, totp_setup

pytestmark = pytest.mark.django_db


def _stored(authenticator) -> str:
    """The row as the database holds it."""
    return json.dumps(Authenticator.objects.values_list("data", flat=True).get(pk=authenticator.pk))


def test_the_totp_secret_in_the_database_is_not_the_secret(db):
    user = UserFactory(is_staff=True)
    secret = totp_setup(user)
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    assert secret not in _stored(authenticator)
    assert authenticator.data["secret"] != secret and decrypt(authenticator.data["secret"]) == secret


def test_the_recovery_code_seed_is_encrypted_too(db):
    user = UserFactory(is_staff=True)
    totp_setup(user)
    codes = RecoveryCodes.activate(user)
    seed = decrypt(codes.instance.data["seed"])
    assert seed not in _stored(codes.instance)


def test_a_code_still_signs_in(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    secret = totp_setup(staff)
    client.post(reverse("account_login") + "?next=/admin/", {"login": staff.email, "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_secrets_stored_in_clear_are_encrypted_once(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    secret, seed = generate_totp_secret(), "ab" * 40
    totp = Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": secret})
    recovery = Authenticator.objects.create(
        user=staff, type=Authenticator.Type.RECOVERY_CODES, data={"seed": seed, "used_mask": 0}
    )
    call_command("mfa_encrypt_secrets")
    totp.refresh_from_db()
    once = totp.data["secret"]
    assert secret not in _stored(totp) and seed not in _stored(recovery)
    call_command("mfa_encrypt_secrets")  # idempotent: an encrypted secret is left alone
    totp.refresh_from_db()
    assert totp.data["secret"] == once and decrypt(once) == secret
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)}).status_code == 302


def test_production_needs_the_key():
    clean = {k: v for k, v in os.environ.items() if k not in ("MFA_ENCRYPTION_KEY", "DJANGO_DEBUG")}
    result = subprocess.run(
        [sys.executable, "-c", "import interact_portal.settings"],
        env={**clean, "DJANGO_SECRET_KEY": "x" * 50},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )
    assert result.returncode != 0 and "MFA_ENCRYPTION_KEY is not set" in result.stderr
    debug = subprocess.run(
        [sys.executable, "-c", "import interact_portal.settings as s; print(len(s.MFA_ENCRYPTION_KEYS))"],
        env={**clean, "DJANGO_DEBUG": "true"},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )
    assert debug.returncode == 0 and debug.stdout.strip() == "1", debug.stderr


def test_a_new_key_is_put_first_and_the_secrets_rotated(settings):
    user = UserFactory(is_staff=True)
    secret = totp_setup(user)
    old = list(settings.MFA_ENCRYPTION_KEYS)
    settings.MFA_ENCRYPTION_KEYS = ["a-new-key-" + "y" * 40, *old]
    call_command("mfa_encrypt_secrets", "--rotate")
    settings.MFA_ENCRYPTION_KEYS = settings.MFA_ENCRYPTION_KEYS[:1]  # the old key retired
    assert decrypt(Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"]) == secret
