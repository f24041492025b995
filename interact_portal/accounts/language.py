"""Which language a page speaks, and the switcher on every page (issue 20).

The rule, in one place: a path with a language prefix (/de/projects/…) speaks that language, so a shared link keeps
it; a path without one speaks the signed-in person's own language (chosen at signup from the browser, changed with
the switcher or on the account page), and English to everyone else. Everything sent to a person uses their own
language (`language_of`), never the sender's.
"""

from django.conf import settings
from django.db import transaction
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import get_script_prefix, is_valid_path, translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_info
from django.views.decorators.http import require_POST

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def language_name(code: str) -> str:
    """A language's name in the reader's language ("German" in English, "Deutsch" in German)."""
    return get_language_info(code)["name_translated"]


def language_of(user) -> str:
    """The language to write to this person in: their own, else the portal's default."""
    code = getattr(user, "language", "") or ""
    return code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE


def browser_language(request) -> str:
    """The page's prefix if it has one, else the best match of the browser's Accept-Language (for a new account)."""
    return translation.get_language_from_path(request.path_info) or translation.get_language_from_request(request)


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware with the portal's rule for paths without a prefix (after AuthenticationMiddleware):
    a signed-in person whose language is not English is sent from a page without a prefix to the same page with
    theirs (GET only: a form posts where its page, already in their language, sent it)."""

    def process_request(self, request):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        if language == settings.LANGUAGE_CODE and request.method in ("GET", "HEAD"):
            user = getattr(request, "user", None)
            own = language_of(user) if user is not None and user.is_authenticated else settings.LANGUAGE_CODE
            if own != settings.LANGUAGE_CODE:
                prefixed = f"/{own}{request.path_info}"
                with translation.override(own):
                    exists = is_valid_path(prefixed, getattr(request, "urlconf", None))
                if exists:
                    query = request.META.get("QUERY_STRING", "")
                    return HttpResponseRedirect(
                        get_script_prefix().rstrip("/") + prefixed + (f"?{query}" if query else "")
                    )
        return None


def language_switcher(request):
    """Template context: each language named in itself with this page's address in it; no query."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    base = settings.SITE_URL.rstrip("/")
    languages = []
    for code in LANGUAGE_CODES:
        url = translate_url(path, code) if getattr(request, "resolver_match", None) else path
        name = get_language_info(code)["name_local"]
        absolute_url = base + url
        languages.append(
            {"code": code, "name": name, "url": url, "absolute_url": absolute_url, "current": code == current}
        )
    return {"switcher_languages": languages, "switcher_current": current}


@transaction.atomic
def user_language_set(*, user, language: str) -> bool:
    """Keep the person's language; returns whether it changed."""
    if language not in LANGUAGE_CODES:
        raise ValueError(language)
    if user.language == language:
        return False
    user.language = language
    user.save(update_fields=["language"])
    return True


@require_POST
def language_choose(request):
    """The switcher's form: remember the choice for a signed-in person, then show the same page in that language."""
    language = request.POST.get("language", "")
    if language not in LANGUAGE_CODES:
        return HttpResponseBadRequest(translation.gettext("Choose one of the portal's languages."))
    if request.user.is_authenticated:
        user_language_set(user=request.user, language=language)
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=False):
        next_url = "/"
    # the address is read in its own language (its prefix), then written in the chosen one
    with translation.override(translation.get_language_from_path(next_url.split("?")[0]) or settings.LANGUAGE_CODE):
        target = translate_url(next_url, language)
    return HttpResponseRedirect(target)
