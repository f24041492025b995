"""The translation catalogues (issue 20): complete, checked by msgfmt, up to date with the code, real plurals."""

import re

import pytest
from django.utils import translation

from .catalogue import LOCALE, SHIPPED, fresh_catalogue, msgfmt_check, shipped_catalogue

pytestmark = pytest.mark.xdist_group("catalogues")
PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sdfi]|%[sdfi]")


@pytest.mark.parametrize("language", SHIPPED)
def test_msgfmt_accepts_the_catalogue(language):
    checked = msgfmt_check(LOCALE / language / "LC_MESSAGES" / "django.po")
    assert checked.returncode == 0, checked.stderr


@pytest.mark.parametrize("language", SHIPPED)
def test_every_entry_is_translated_and_none_is_fuzzy(language):
    catalogue = shipped_catalogue(language)
    assert not catalogue.metadata_is_fuzzy
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == [] and fuzzy == [], f"untranslated: {untranslated[:10]}, fuzzy: {fuzzy[:10]}"


@pytest.mark.parametrize("language", SHIPPED)
def test_translations_keep_the_named_placeholders(language):
    """msgfmt checks the format strings it recognises; this one also those of strings not flagged python-format."""
    differ = []
    for entry in shipped_catalogue(language).translated_entries():
        named = set(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid)) - {"%s", "%d", "%f", "%i"}
        for text in entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]:
            if "no-python-format" not in entry.flags and not named <= set(PLACEHOLDER.findall(text)):
                differ.append((entry.msgid, text))
    assert differ == []


def test_the_catalogues_hold_every_string_the_code_marks(tmp_path):
    """A string added to a template or to Python without `make messages` and its translations fails here."""
    marked = {(entry.msgctxt, entry.msgid) for entry in fresh_catalogue(tmp_path, "de")}
    for language in SHIPPED:
        shipped = {(entry.msgctxt, entry.msgid) for entry in shipped_catalogue(language).translated_entries()}
        missing = sorted(msgid for _context, msgid in marked - shipped)
        assert missing == [], f"{language}: not in the catalogue, run `make messages` and translate: {missing[:15]}"


PARTNERS = (
    "At least %(n)s partner (associated partners not counted)",
    "At least %(n)s partners (associated partners not counted)",
)


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "1 partner "),
        (2, "2 partnerzy "),
        (4, "4 partnerzy "),
        (5, "5 partnerów "),
        (12, "12 partnerów "),
        (22, "22 partnerzy "),
    ],
)
def test_polish_plurals_are_real(count, expected):
    """One partner, two to four partnerzy, five partnerów (and 22 partnerzy again): Polish has three forms."""
    with translation.override("pl"):
        said = translation.ngettext(*PARTNERS, count) % {"n": count}
    assert said.startswith("Co najmniej " + expected)


@pytest.mark.parametrize(("count", "expected"), [(1, "1 projekt"), (3, "3 projekty"), (5, "5 projektów")])
def test_polish_plurals_of_a_noun_alone(count, expected):
    with translation.override("pl"):
        assert translation.ngettext("%(n)s project", "%(n)s projects", count) % {"n": count} == expected
