"""Second-factor secrets (the authenticator app's TOTP key, the recovery codes' seed) are encrypted in the database
with a key from the environment (MFA_ENCRYPTION_KEY), through allauth's MFA adapter hooks: a copy of the database
alone no longer gives anyone the codes.

Fernet (AES-128-CBC with an HMAC-SHA256) from `cryptography`. Several keys may be given, comma-separated: the first
encrypts, every one decrypts, so a key is rotated by putting the new one first and running
`manage.py mfa_encrypt_secrets --rotate`. An encrypted value is stored as `fernet:<token>`; a value without the prefix
is a secret stored in clear before encryption was introduced: still read, and encrypted by the migration and by
`mfa_encrypt_secrets`.
"""

import base64
import binascii
import hashlib
from functools import cache

from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings

PREFIX = "fernet:"
# where allauth keeps a secret in an authenticator's data, by its type
SECRET_FIELDS = {"totp": ("secret",), "recovery_codes": ("seed",)}


def _fernet_key(key: str) -> bytes:
    """A Fernet key as given, or one derived from any other (long, random) string."""
    try:
        if len(base64.urlsafe_b64decode(key.encode())) == 32:
            return key.encode()
    except (binascii.Error, ValueError):
        pass
    return base64.urlsafe_b64encode(hashlib.sha256(key.encode()).digest())


@cache
def _cipher(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(_fernet_key(key)) for key in keys])


def cipher() -> MultiFernet:
    return _cipher(tuple(settings.MFA_ENCRYPTION_KEYS))


def is_encrypted(value: str) -> bool:
    return value.startswith(PREFIX)


def secret_encrypt(text: str) -> str:
    return PREFIX + cipher().encrypt(text.encode()).decode()


def secret_decrypt(value: str) -> str:
    if not is_encrypted(value):
        return value  # stored in clear before encryption: mfa_encrypt_secrets encrypts it
    return cipher().decrypt(value.removeprefix(PREFIX).encode()).decode()


def data_encrypted(kind: str, data: dict, *, rotate: bool = False) -> dict | None:
    """An authenticator's data with its secrets encrypted (with the first key, if `rotate`), or None if unchanged."""
    changed = dict(data)
    for name in SECRET_FIELDS.get(kind, ()):
        value = data.get(name)
        if isinstance(value, str) and (not is_encrypted(value) or rotate):
            changed[name] = secret_encrypt(secret_decrypt(value))
    codes = data.get("migrated_codes")  # codes brought from django-allauth-2fa, decrypted one by one by allauth
    if kind == "recovery_codes" and isinstance(codes, list):
        changed["migrated_codes"] = [
            secret_encrypt(secret_decrypt(c)) if (not is_encrypted(c) or rotate) else c for c in codes
        ]
    return changed if changed != data else None


def authenticators_encrypt(model, *, rotate: bool = False) -> int:
    """Encrypt every secret still stored in clear (or re-encrypt all with the first key); returns the rows changed.
    `model` is the Authenticator model (the historical one in a migration)."""
    done = 0
    for pk, kind, data in model.objects.order_by("pk").values_list("pk", "type", "data").iterator(chunk_size=500):
        changed = data_encrypted(kind, data or {}, rotate=rotate)
        if changed is not None:
            model.objects.filter(pk=pk).update(data=changed)
            done += 1
    return done


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return secret_encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return secret_decrypt(encrypted_text)
