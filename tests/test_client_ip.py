"""Behind a reverse proxy every request comes from the proxy's address: TRUSTED_PROXY_COUNT (the proxies in front of
the portal that append to X-Forwarded-For) makes the rate limits and the audit trail see the person instead. With 0,
the default, the header is ignored: anyone can write it."""

import uuid

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from interact_portal.audit.models import AuditEntry
from interact_portal.core.client_ip import client_ip
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN_RATE = 30  # RATE_LIMIT_LOGIN's default: 30 a minute per address


def _forget_rate_limits():
    """This test run's counters only (the cache's key prefix): `make test`'s other worker counts its own meanwhile,
    and forgetting them in the middle of its 30 failed logins let its attacker through."""
    redis = cache._cache.get_client(write=True)
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    for key in redis.scan_iter(match=f"{prefix}:*allauth:rl:*"):
        redis.delete(key)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The counts live in Redis, by address: start from none, and leave none behind for the tests that follow."""
    _forget_rate_limits()
    yield
    _forget_rate_limits()


def _login(client, email: str, password: str, forwarded_for: str | None = None):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return client.post(reverse("account_login"), {"login": email, "password": password}, headers=headers)


def _fail_logins(client, forwarded_for: str | None, times: int = LOGIN_RATE) -> list[int]:
    """Wrong passwords for accounts that do not exist, each a new one, so that only the per-address limits count."""
    return [
        _login(client, f"{uuid.uuid4().hex}@example.org", "wrong-password-123", forwarded_for).status_code
        for _ in range(times)
    ]


def test_behind_one_proxy_one_persons_failed_logins_do_not_lock_out_another(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    user = UserFactory()
    # an attacker's guesses, through the proxy, which appends the attacker's address to what the client sent
    statuses = _fail_logins(client, "10.9.8.7, 198.51.100.66")
    statuses.append(_login(client, user.email, PASSWORD, "198.51.100.66").status_code)
    assert statuses[-1] == 429, "the attacker is limited"
    # someone else, through the same proxy, signs in
    response = _login(client, user.email, PASSWORD, "203.0.113.5")
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def test_behind_one_proxy_the_audit_trail_records_the_persons_address(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    user = UserFactory()
    _login(client, user.email, "wrong-password-123", "10.0.0.1, 203.0.113.9")
    assert AuditEntry.objects.get(action="auth.login_failed").ip == "203.0.113.9"
    _login(client, user.email, PASSWORD, "203.0.113.9")
    assert AuditEntry.objects.get(action="auth.login", actor=user).ip == "203.0.113.9"


def test_without_a_trusted_proxy_the_header_is_ignored_so_it_cannot_be_spoofed(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    user = UserFactory()
    _login(client, user.email, "wrong-password-123", "203.0.113.9")
    assert AuditEntry.objects.get(action="auth.login_failed").ip == "127.0.0.1"  # REMOTE_ADDR
    # a new made-up address on every guess does not reset the limit
    statuses = [
        _login(client, f"{uuid.uuid4().hex}@example.org", "wrong-password-123", f"198.51.100.{n}").status_code
        for n in range(LOGIN_RATE)
    ]
    assert 429 in statuses


@pytest.mark.parametrize(
    ("count", "forwarded_for", "expected"),
    [
        (0, "203.0.113.9", "192.0.2.1"),  # no proxy trusted: the header is the client's own words
        (1, "", "192.0.2.1"),  # no header: the peer
        (1, "10.0.0.1, 203.0.113.9", "203.0.113.9"),  # the address our proxy appended, not what the client wrote
        (2, "10.0.0.1, 203.0.113.9, 198.51.100.7", "203.0.113.9"),  # the outer of two proxies appended it
        (2, "203.0.113.9", "203.0.113.9"),  # fewer hops than proxies: the first one our proxies saw
        (1, " 2001:db8::5 ", "2001:db8::5"),
        (1, "unknown", "192.0.2.1"),  # not an address: the peer
    ],
)
def test_client_ip_counts_trusted_proxies_from_the_right(settings, count, forwarded_for, expected):
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded_for)
    assert client_ip(request) == expected
