"""The identification texts in the call's other input languages (issue 20, as Jems does): one field per language
beside the one in the project's own language (`Project.language`, English unless the applicants choose another of
the call's languages) — `summary_de` under `summary` — with the same character limit and live counter, required
before submitting when the call asks for the field in every language (programmes.application_form.field_rule).
The texts are kept in `Project.text_translations` ({"summary": {"de": "…"}}); the checklist reads the same rule."""

import copy

from django import forms
from django.utils.translation import gettext as _

from interact_portal.accounts.language import language_name
from programmes.application_form import languages_to_write

from .form_rules import REQUIRED_HELP


class InputLanguagesMixin:
    """For a FieldRulesMixin form of a Project: `translated_fields` maps a form field to its application_form key."""

    translated_fields: dict[str, str] = {}

    def add_language_fields(self) -> None:
        """Before apply_field_rules: each translated field gets one field per other input language of the call."""
        call = self.instance.call
        texts = self.instance.text_translations or {}
        self.language_fields: list[tuple[str, str, str]] = []  # (form field, translated field, language)
        self.field_keys = dict(self.field_keys)
        written_in = self.instance.language or "en"
        for name, key in self.translated_fields.items():
            for language in languages_to_write(call, key, written_in)[0]:
                field_name = f"{name}_{language}"
                base = self.fields[name]
                field = forms.CharField(
                    label=_("%(field)s in %(language)s") % {"field": base.label, "language": language_name(language)},
                    required=False,
                    widget=copy.deepcopy(base.widget),
                    max_length=getattr(base, "max_length", None),
                )
                field.widget.attrs["lang"] = language
                self.fields[field_name] = field
                self.initial[field_name] = texts.get(name, {}).get(language, "")
                self.field_keys[field_name] = key
                self.language_fields.append((field_name, name, language))
        after: dict[str, list[str]] = {}
        for field_name, name, _language in self.language_fields:
            after.setdefault(name, []).append(field_name)
        own = [name for name in self.fields if name not in {f for f, _n, _l in self.language_fields}]
        self.order_fields([each for name in own for each in (name, *after.get(name, []))])

    def settle_language_rules(self) -> None:
        """After apply_field_rules: a language version is required only when the call asks for it in every language."""
        call = self.instance.call
        for field_name, _name, _language in self.language_fields:
            required = languages_to_write(call, self.field_keys[field_name], self.instance.language or "en")[1]
            _was, limit = self.field_rules[field_name]
            self.field_rules[field_name] = (required, limit)
            if not required:
                field = self.fields[field_name]
                field.widget.attrs.pop("data-required", None)
                field.help_text = (field.help_text or "").replace(str(REQUIRED_HELP), "").strip()

    def text_translations(self) -> dict:
        """The saved texts with this form's language versions written over them (other languages kept)."""
        texts = {name: dict(versions) for name, versions in (self.instance.text_translations or {}).items()}
        for field_name, name, language in self.language_fields:
            value = (self.cleaned_data.get(field_name) or "").strip()
            if value:
                texts.setdefault(name, {})[language] = value
            else:
                texts.get(name, {}).pop(language, None)
        return {name: versions for name, versions in texts.items() if versions}
