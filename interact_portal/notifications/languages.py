"""Whose language a message is written in, and its links in that language.

- To a person with an account: their own language (`language_of`), whoever sends it and from whatever page.
- To an address with no account yet (an invitation): the language of the page the sender was on, the request's
  language, which is the active one while the request runs (English in a worker).
- A file someone asks for (a PDF, a report, a calendar): the language of the page they asked from, passed to the
  worker as a parameter (`in_language`).
"""

from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import translate_url
from django.utils import translation

from interact_portal.accounts.language import LANGUAGE_CODES, language_of


def language_for_address(email: str) -> str:
    """The account's language if the address has one, else the language of the page the sender is on."""
    user = get_user_model().objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
    return language_of(user) if user is not None else requested_language()


def requested_language() -> str:
    """The language of the page being served (the portal's default outside a request)."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    return code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE


def valid_language(code: str | None) -> str:
    return code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE


@contextmanager
def in_language(code: str | None):
    """Write everything inside in this language (an unknown code: the portal's default)."""
    with translation.override(valid_language(code)):
        yield


def unprefixed(path: str) -> str:
    """A portal path without its language prefix (/de/projects/1/ → /projects/1/), as notifications store it."""
    if not path or not path.startswith("/"):
        return path or ""
    code = translation.get_language_from_path(path)
    if code and code != settings.LANGUAGE_CODE:
        rest = path[len(code) + 1 :]
        return rest if rest.startswith("/") else "/" + rest
    return path


def path_in(path: str, language: str) -> str:
    """The same portal page in `language` (/projects/1/ → /de/projects/1/); a path outside the translated pages
    (the admin) or an address elsewhere stays as it is. No query."""
    if not path or not path.startswith("/"):
        return path or ""
    with translation.override(settings.LANGUAGE_CODE):
        return translate_url(unprefixed(path), valid_language(language))


def url_in(url: str, language: str, *, hosts: tuple[str, ...] = ()) -> str:
    """A link to a portal page (a path, or an absolute address on SITE_URL or one of `hosts`, e.g. the request's)
    in `language`; links elsewhere are unchanged."""
    if not url:
        return url or ""
    parts = urlsplit(url)
    if parts.netloc and parts.netloc not in (urlsplit(settings.SITE_URL).netloc, *hosts):
        return url
    return urlunsplit(parts._replace(path=path_in(parts.path, language))) if parts.path else url
