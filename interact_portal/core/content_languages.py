"""Content in the languages a programme declares (issue 20), the one place that knows how:

- which fields of a model are translated (the apps' translation.py, django-modeltranslation) and the column of each
  language (`title_de`);
- which languages apply to an object: its programme's declared `languages` (the `programme_path` of its translation
  options), all five for an object no programme owns;
- whether a page shows a field in English because the reader's language has no text (`fallback_fields`, read by the
  content_language template tags: never a query, the columns are on the row);
- forms that edit each declared language as its own field (`ContentLanguagesForm`), marked for the tabs of
  static/js/content-tabs.js.

Cross-cutting: it reads the translation registry and never imports a domain app.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language, get_language_info
from modeltranslation.translator import NotRegistered, translator

ENGLISH = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
ALL_LANGUAGES = [code for code, _name in settings.LANGUAGES]


def localized(field: str, language: str) -> str:
    return f"{field}_{language}"


def translated_fields(model) -> tuple[str, ...]:
    """The translated fields of a model (its translation options' own and inherited), () when not registered."""
    try:
        return tuple(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return ()


def all_localized(*fields: str) -> list[str]:
    """Every language's column of each field, e.g. for a ModelForm's Meta.fields."""
    return [localized(field, code) for field in fields for code in ALL_LANGUAGES]


def language_name(code: str) -> str:
    """The language's own name ("Deutsch"): a reader finds their language under it."""
    return get_language_info(code)["name_local"]


def programme_path(model) -> str | None:
    """The dotted path from an object of the model to its programme ("" for the programme), None when unknown."""
    try:
        return getattr(translator.get_options_for_model(model), "programme_path", None)
    except NotRegistered:
        return None


def programme_of(obj):
    """The programme an object belongs to, or None (a new object, or one no programme owns)."""
    if obj is None:
        return None
    path = programme_path(type(obj))
    if path is None:
        return None
    for step in filter(None, path.split(".")):
        obj = getattr(obj, step, None)
        if obj is None:
            return None
    return obj


def declared_languages(obj) -> list[str]:
    """The languages an object's texts are kept in: its programme's, English only for a new object (its programme
    is chosen with it), all five for one no programme owns (Interact's own events)."""
    programme = programme_of(obj)
    if programme is not None:
        return list(programme.languages)
    return [ENGLISH] if obj is None or obj.pk is None else list(ALL_LANGUAGES)


def is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def falls_back(obj, field: str, language: str | None = None) -> bool:
    """True when the field is shown in English because the reader's language has no text for it."""
    language = (language or get_language() or ENGLISH).split("-")[0]
    if language == ENGLISH or field not in translated_fields(type(obj)):
        return False
    return is_empty(getattr(obj, localized(field, language), None)) and not is_empty(
        getattr(obj, localized(field, ENGLISH), None)
    )


def missing_fields(obj, languages) -> list[tuple[str, str]]:
    """(field, language) pairs of the declared languages with no text where the English has one."""
    missing = []
    for field in translated_fields(type(obj)):
        if is_empty(getattr(obj, localized(field, ENGLISH), None)):
            continue  # nothing to translate
        missing += [
            (field, code) for code in languages if code != ENGLISH and is_empty(getattr(obj, localized(field, code)))
        ]
    return missing


def mark_widget(form_field, field: str, language: str) -> None:
    """Data attributes the tab widget groups by (static/js/content-tabs.js), and the language of the text typed."""
    form_field.widget.attrs.update(
        {
            "data-content-field": field,
            "data-content-language": language,
            "data-content-language-name": language_name(language),
            "lang": language,
        }
    )


def localize_names(names, model, languages) -> list:
    """A list of field names (or of groups of them) with each translated field replaced by its declared languages'
    columns, and the other languages' columns left out."""
    translated = translated_fields(model)
    columns = set(all_localized(*translated))
    shown = {localized(field, code) for field in translated for code in languages}
    result = []
    for name in names:
        if isinstance(name, (list, tuple)):
            result.append(type(name)(localize_names(name, model, languages)))
            continue
        for column in [localized(name, code) for code in languages] if name in translated else [name]:
            if column not in result and (column not in columns or column in shown):
                result.append(column)
    return result


def prepare_language_fields(form_fields, model, languages) -> None:
    """On a form's fields (a dict): English required where the field is, each column marked for the tabs and
    labelled with its language."""
    for field in translated_fields(model):
        original: models.Field = model._meta.get_field(field)
        for code in languages:
            name = localized(field, code)
            if name not in form_fields:
                continue
            form_field = form_fields[name]
            # the language named in the reader's language ("Title (German)", "Titel (Deutsch)"): a label is read
            # in the page's language; the tabs name each language in itself
            named = dict(settings.LANGUAGES)[code]
            form_field.label = f"{original.verbose_name[:1].upper()}{original.verbose_name[1:]} ({named})"
            if code == ENGLISH and not original.blank:
                form_field.required = True
            if isinstance(original, models.TextField) and hasattr(form_field.widget, "attrs"):
                form_field.widget.attrs.setdefault("rows", 4)
            mark_widget(form_field, field, code)


class ContentLanguagesForm:
    """A ModelForm mixin (first among its bases): its Meta.fields name every language's column (`all_localized`);
    the form keeps those of `languages` (the programme's), so the text typed goes to the language it is in whatever
    the interface language, and a column not shown keeps its text."""

    def __init__(self, *args, languages=None, **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        keep = languages or declared_languages(self.instance)
        for field in translated_fields(model):
            for code in ALL_LANGUAGES:
                if code not in keep:
                    self.fields.pop(localized(field, code), None)
        prepare_language_fields(self.fields, model, keep)
