"""Every page of the permission matrix in a pseudo-language (issue 20): each string of the portal's own catalogue is
wrapped in ⟦…⟧, so a sentence of ours that reaches a page unwrapped was never marked for translation, or was
translated too early (at import, or in someone else's language) — the page shows it to everyone in English.

The pseudo-language's catalogue is built from the code as it is (makemessages on a copy, then every msgid wrapped),
so the test needs no maintenance: a new string is checked the day it is written.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from tests.i18n.catalogue import fresh_catalogue

from .conftest import ACTORS, answer, sign_in
from .test_url_matrix import every_case

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("catalogues")]
PSEUDO = "eo"  # a language code Django knows and the portal does not ship: it speaks the pseudo-language here
WRAPPED = re.compile(r"⟦[^⟦⟧]*⟧")
WORD = re.compile(r"[A-Za-z][a-z]+")
IGNORED_ELEMENTS = {"script", "style", "code", "pre", "textarea", "svg"}
READ_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label"}
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _wrap(text: str) -> str:
    body = text.strip()
    return text[: len(text) - len(text.lstrip())] + "⟦" + body + "⟧" + text[len(text.rstrip()) :] if body else text


@pytest.fixture(scope="module")
def pseudo_locale(tmp_path_factory) -> tuple[Path, set[str]]:
    """A catalogue of the pseudo-language (every msgid wrapped); and the portal's own messages, for the verdict."""
    directory = tmp_path_factory.mktemp("pseudo")
    catalogue = fresh_catalogue(directory, PSEUDO)
    for entry in catalogue:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: _wrap(entry.msgid), 1: _wrap(entry.msgid_plural)}
        else:
            entry.msgstr = _wrap(entry.msgid)
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    catalogue.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    catalogue.metadata_is_fuzzy = False
    locale = directory / "locale"
    (locale / PSEUDO / "LC_MESSAGES").mkdir(parents=True)
    catalogue.save_as_mofile(str(locale / PSEUDO / "LC_MESSAGES" / "django.mo"))
    own = {entry.msgid.strip() for entry in catalogue} | {entry.msgid_plural.strip() for entry in catalogue}
    return locale, {text for text in own if WORD.search(text)}


def _vocabulary(own: set[str]) -> set[str]:
    """The words the portal's English messages use: what is left of a page in other words (a time zone's name,
    another package's Esperanto) is not the portal's English."""
    return {word.lower() for message in own for word in WORD.findall(message)}


class _Texts(HTMLParser):
    """The text a reader meets, in order: text nodes (one per line) and the attributes read aloud; not code, not what
    people typed into fields, not what is marked as another language (`lang`: the switcher names each language in
    itself)."""

    def __init__(self):
        super().__init__()
        self.lines: list[str] = []
        self.attributes: list[str] = []
        self._open: list[tuple[str, bool]] = []

    def _skipping(self) -> bool:
        return any(skip for _tag, skip in self._open)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        skip = tag in IGNORED_ELEMENTS or attributes.get("lang", PSEUDO) != PSEUDO
        if tag not in VOID_ELEMENTS:
            self._open.append((tag, skip))
        if not skip and not self._skipping():
            self.attributes.extend(value for name, value in attrs if name in READ_ATTRIBUTES and value)

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        if not self._skipping() and data.strip():
            self.lines.append(" ".join(data.split()))


def _stored_texts() -> set[str]:
    """What people typed (names, titles, descriptions of the world's objects): theirs, in their language, as typed."""
    texts = set()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND data_type IN ('character varying', 'text', 'jsonb')"
        )
        for table, column in cursor.fetchall():
            cursor.execute(f'SELECT DISTINCT "{column}"::text FROM "{table}" WHERE "{column}" IS NOT NULL LIMIT 2000')  # noqa: S608
            for (text,) in cursor.fetchall():
                texts.update(" ".join(part.split()) for part in re.split(r'[\n"]', text) if len(part.strip()) >= 3)
    return texts


def _fragments(messages) -> set[str]:
    """The runs of words of other packages' messages (allauth's pages are allauth's: it ships no pseudo-language)."""
    return {
        " ".join(run.split())
        for message in messages
        for run in re.split(r"%\([a-z_]+\)s|%s|<[^>]+>|\{[^}]*\}", message)
        if WORD.search(run) and len(run.strip()) >= 3
    }


@pytest.fixture(scope="module")
def third_party() -> set[str]:
    import allauth

    catalogue = Path(allauth.__file__).parent / "locale" / "de" / "LC_MESSAGES" / "django.po"
    return _fragments(entry.msgid for entry in polib.pofile(str(catalogue)))


def _without(text: str, others: list[str]) -> str:
    for value in others:
        if value in text:
            text = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", " ", text)
    return " ".join(text.split())


def untranslated(html: str, own: set[str], others: set[str]) -> list[str]:
    """The pieces of text of a page that are the portal's own and were not translated: three words or more left
    once the wrapped strings and what people typed are taken out, or one of the portal's messages whole."""
    parser = _Texts()
    parser.feed(html)
    text = "\n".join(parser.lines)
    while WRAPPED.search(text):  # a wrapped string may span elements (a sentence with a link inside)
        text = WRAPPED.sub("\n", text)
    vocabulary = _vocabulary(own)
    longest_first = sorted((value for value in others if " " in value or len(value) >= 4), key=len, reverse=True)
    found = []
    for piece in [*text.split("\n"), *(WRAPPED.sub(" ", value) for value in parser.attributes)]:
        if not WORD.search(piece):
            continue
        rest = _without(piece, longest_first)
        words = [word for word in WORD.findall(rest) if word.lower() in vocabulary]
        if len(words) >= 3 or (words and rest.strip(" .,:;·—-()[]") in own):
            found.append(rest)
    return found


def _pages():
    """Every page the matrix reads (GET), each asked by the first person who may see it."""
    for label, name, case in every_case():
        if case.method != "get":
            continue
        reader = next((actor for actor in ACTORS if answer(case.expected, actor) == "200"), None)
        if reader is not None:
            yield label, name, case, reader


@pytest.mark.usefixtures("templates_rendered_plainly")
def test_every_page_speaks_the_pseudo_language(client, world, settings, pseudo_locale, third_party):
    locale, own = pseudo_locale
    settings.LOCALE_PATHS = [locale, *settings.LOCALE_PATHS]
    settings.LANGUAGES = [*settings.LANGUAGES, (PSEUDO, "Pseudo")]
    others = _stored_texts() | third_party
    problems = {}
    pages = 0
    for label, name, case, reader in _pages():
        sign_in(client, world, reader)
        with translation.override(PSEUDO):
            url = reverse(name, kwargs=case.kwargs(world)) + (f"?{case.query}" if case.query else "")
        if not url.startswith(f"/{PSEUDO}/"):
            continue  # outside the language prefix: machines' addresses (the API speaks English, its data as typed)
        response = client.get(url)
        assert response.status_code == 200, f"{label} as {reader}: {response.status_code}"
        if "text/html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        html = response.content.decode()
        assert "<html" not in html or f'<html lang="{PSEUDO}"' in html, label  # fragments (htmx) have no <html>
        if found := untranslated(html, own, others):
            problems[f"{label} ({url} as {reader})"] = found
    assert pages > 100
    assert not problems, "untranslated text of the portal's own:\n" + "\n".join(
        f"{page}: {texts}" for page, texts in problems.items()
    )


def test_the_check_finds_an_unmarked_sentence(pseudo_locale):
    """The verdict itself: an unmarked sentence is found, a wrapped one and a typed title are not."""
    _locale, own = pseudo_locale
    html = (
        '<h1>⟦Projects⟧</h1><p>Programme XY-LAB</p><p>⟦Read <a href="/">the guide</a> first⟧</p>'
        '<a lang="de">Deutsch</a><p title="Count the figures again">Please wait while we count the figures</p>'
    )
    assert untranslated(html, own, {"Programme XY-LAB"}) == [
        "Please wait while we count the figures",
        "Count the figures again",
    ]
