"""Second-factor helpers: an authenticator app set up for a user, and the code it would show now."""

import time

from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value

from interact_portal.accounts.middleware import needs_second_factor


def totp_setup(user) -> str:
    """Give the user an authenticator app; returns its secret."""
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if existing:
        return _secret(existing)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def _secret(authenticator) -> str:
    from allauth.mfa.utils import decrypt

    return decrypt(authenticator.data["secret"])


def totp_code(secret: str) -> str:
    """The code the app shows now. A code is good for its 30-second window only (no tolerance): when the window
    ends within 5 seconds, the next one's code is waited for, so that typing it in still falls in its window."""
    if 30 - time.time() % 30 < 5:
        time.sleep(30 - time.time() % 30 + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def with_second_factor(client, user) -> None:
    """What a complete staff login leaves in the session: the authenticator app used."""
    if needs_second_factor(user):
        totp_setup(user)
        session = client.session
        session[AUTHENTICATION_METHODS_SESSION_KEY] = [{"method": "mfa", "at": time.time(), "type": "totp"}]
        session.save()
