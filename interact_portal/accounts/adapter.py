"""allauth's emails (address confirmation, password reset, unknown-account notices) leave through the outbox like
every other email: written in the request's transaction and sent by Celery, so a mail server that is down never
turns a signup into an error page, and a redelivered task sends nothing twice.

Signing in counts as confirming who you are for a few minutes (ACCOUNT_REAUTHENTICATION_TIMEOUT): a person who has
just typed their password (and code) is not asked for it again to set up their authenticator app.

The address-confirmation link carries the page the person signed up from (`next`, e.g. a partner invitation): the
confirmation signs them in and takes them there, or, opened in another browser, takes them there to log in."""

import time
from urllib.parse import urlencode

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.account.utils import get_next_redirect_url
from django.contrib.auth import REDIRECT_FIELD_NAME

from interact_portal.accounts.language import language_of
from interact_portal.core.client_ip import client_ip
from interact_portal.notifications.languages import in_language, language_for_address, url_in
from interact_portal.notifications.outbox import OutboxBackend


def signed_in_recently(request) -> bool:
    """The last password, code or reset of this session was given less than the reauthentication timeout ago."""
    records = get_authentication_records(request, getattr(request, "user", None))
    latest = max((record.get("at", 0) for record in records), default=0)
    return time.time() - latest < app_settings.REAUTHENTICATION_TIMEOUT


def mail_language(email: str, context: dict) -> str:
    """A person with an account is written to in their own language; an address without one (a signup not yet
    confirmed, an unknown-account notice) in the language of the page the request came from."""
    user = context.get("user")
    if user is not None and getattr(user, "pk", None) and getattr(user, "language", ""):
        return language_of(user)
    return language_for_address(email)


def localized_links(context: dict, language: str, hosts: tuple[str, ...] = ()) -> dict:
    """The context's links (activate_url, password_reset_url, …) to the pages in `language` (/pl/accounts/…)."""
    localized = {}
    for key, value in context.items():
        is_link = key.endswith("_url") and isinstance(value, str)
        localized[key] = url_in(value, language, hosts=hosts) if is_link else value
    return localized


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Written in the recipient's language (mail_language), with links to the pages in that language."""
        language = mail_language(email, context)
        with in_language(language):
            hosts = (self.request.get_host(),) if self.request is not None else ()
            super().send_mail(template_prefix, email, localized_links(context, language, hosts))

    def render_mail(self, template_prefix, email, context, headers=None):
        message = super().render_mail(template_prefix, email, context, headers)
        message.connection = OutboxBackend()
        return message

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        if self.request is not None and signed_in_recently(self.request):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        url = super().get_email_confirmation_url(request, emailconfirmation)
        wanted = get_next_redirect_url(request, REDIRECT_FIELD_NAME) if request is not None else None
        return f"{url}?{urlencode({REDIRECT_FIELD_NAME: wanted})}" if wanted else url

    def get_client_ip(self, request):
        """The person's address for the rate limits: the same answer the audit trail records (TRUSTED_PROXY_COUNT)."""
        return client_ip(request) or super().get_client_ip(request)
