"""Content in the reader's language, and a notice when English stands in (issue 20): `{% load content_language %}`.

A translated field (`call.title`) reads the reader's language and falls back to English (modeltranslation); these
tags say so on the page. They read columns already on the row: never a query.

<h1>{% translated call "title" %}</h1>               the text; in <span lang="en"> when it is the English fallback
<div{% content_lang call "description" %}>…</div>      ` lang="en"` on an element holding a fallback text
{% content_notice call "title" "description" %}      "Not available in Deutsch — shown in English." when any falls back
{% content_notice objectives "title" %}              the same for a list of objects: one notice for the list
{% content_notice objectives "title" also=priority %}  … and for one more object (a heading above the list)
{% content_notice call "title" inline=True %}         a <span>, not a <p>: inside a list's card
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..content_languages import ENGLISH, falls_back, language_name

register = template.Library()


def _objects(value):
    if value is None or value == "":
        return []
    return list(value) if hasattr(value, "__iter__") and not hasattr(value, "_meta") else [value]


@register.simple_tag
def translated(obj, field: str):
    text = getattr(obj, field, "") if obj not in (None, "") else ""
    if falls_back(obj, field):
        return format_html('<span lang="{}">{}</span>', ENGLISH, text)
    return text


@register.simple_tag
def content_lang(obj, field: str):
    return format_html(' lang="{}"', ENGLISH) if obj not in (None, "") and falls_back(obj, field) else ""


@register.simple_tag
def content_notice(objects, *fields: str, inline: bool = False, also=None):
    if not any(falls_back(obj, field) for obj in [*_objects(objects), *_objects(also)] for field in fields):
        return ""
    text = _("Not available in %(language)s — shown in English.") % {"language": language_name(get_language())}
    return format_html('<{0} class="content-fallback">{1}</{0}>', "span" if inline else "p", text)
