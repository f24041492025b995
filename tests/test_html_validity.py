"""What the Nu HTML Checker found, kept from coming back: htmx attributes spelled as valid `data-hx-*`, a figure's
caption as its first or last child, allauth's forms without block elements inside paragraphs, and htmx's inline
indicator style switched off (the Content-Security-Policy blocks it) with its rules in the stylesheet instead."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string

from interact_portal.core.charts import bar_chart

ROOT = Path(settings.BASE_DIR)
SOURCES = [
    path
    for pattern in ("**/templates/**/*.html", "**/*.py", "static/js/**/*.js")
    for path in ROOT.glob(pattern)
    if not {".venv", "node_modules", "tests", "vendor", "migrations"} & set(path.relative_to(ROOT).parts)
]
# an attribute (in markup or a widget's attrs) named hx-…, not data-hx-…
BARE_HX = re.compile(r"""(?<![\w-])["']?hx-[a-z-]+["']?\s*[=:]""")


def test_no_template_or_widget_has_a_bare_hx_attribute():
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()[:80]}"
        for path in SOURCES
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if BARE_HX.search(line)
    ]
    assert len(SOURCES) > 100
    assert found == [], "hx-* is not valid HTML; write data-hx-*:\n" + "\n".join(found)


def test_the_check_finds_a_bare_hx_attribute():
    assert BARE_HX.search('<div hx-get="/x">') and BARE_HX.search('"hx-target": "#x",')
    assert not BARE_HX.search('<div data-hx-get="/x">') and not BARE_HX.search('"data-hx-target": "#x",')


class _BlockInParagraph(HTMLParser):
    """Reports a block element opened inside an open <p> (the browser closes the <p> early: invalid markup)."""

    BLOCKS = {"div", "ul", "ol", "p", "table", "form", "section", "fieldset", "h1", "h2", "h3", "dl", "pre"}

    def __init__(self):
        super().__init__()
        self.open_p = 0
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS and self.open_p:
            self.problems.append(f"<{tag}> inside <p> at line {self.getpos()[0]}")
        if tag == "p":
            self.open_p += 1

    def handle_endtag(self, tag):
        if tag == "p" and self.open_p:
            self.open_p -= 1


def _blocks_in_paragraphs(html: str) -> list[str]:
    parser = _BlockInParagraph()
    parser.feed(html)
    return parser.problems


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/accounts/signup/", "/accounts/login/", "/accounts/password/reset/"])
def test_allauth_forms_use_the_portal_field_partial(client, url):
    html = client.get(url).content.decode()
    assert _blocks_in_paragraphs(html) == []
    assert 'class="field' in html  # partials/form_fields.html: one div per field, errors next to it


def test_the_paragraph_check_finds_a_list_inside_a_paragraph():
    assert _blocks_in_paragraphs("<p><span><ul><li>x</li></ul></span></p>") == ["<ul> inside <p> at line 1"]


def test_a_bar_chart_figure_has_its_caption_first():
    html = render_to_string("partials/bar_chart.html", {"chart": bar_chart("Seats", [("EU", 3, "3")]), "chart_id": "c"})
    top_level = _children_of_the_figure(html)
    assert top_level[0] == "figcaption" or top_level[-1] == "figcaption", top_level


def _children_of_the_figure(html: str) -> list[str]:
    class Children(HTMLParser):
        depth, children = 0, []

        def handle_starttag(self, tag, attrs):
            if self.depth == 1:
                self.children.append(tag)
            self.depth += 1

        def handle_endtag(self, tag):
            self.depth -= 1

    parser = Children()
    parser.feed(html)
    return parser.children


@pytest.mark.django_db
def test_htmx_inline_indicator_style_is_off_and_its_rules_are_in_the_stylesheet(client):
    html = client.get("/").content.decode()
    assert """<meta name="htmx-config" content='{"includeIndicatorStyles": false}'>""" in html
    css = (ROOT / "static/css/portal.css").read_text()
    assert ".htmx-indicator { opacity: 0; }" in css and ".htmx-request .htmx-indicator" in css
