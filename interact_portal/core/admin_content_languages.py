"""The admin edits translated texts one language per tab (issue 20), for the languages of the object's programme.

`ContentLanguagesAdmin` (first among a model admin's or an inline's bases) replaces each translated field of the
fieldsets by the columns of the declared languages (interact_portal.core.content_languages), so the form saves each
text into its language whatever the admin's interface language, then hands the form to the admin's own save (its
services, as before). The tabs are static/js/content-tabs.js: no jQuery UI from a CDN, as modeltranslation's
TabbedTranslationAdmin would load.
"""

from django import forms

from .content_languages import (
    ENGLISH,
    all_localized,
    declared_languages,
    localize_names,
    localized,
    prepare_language_fields,
    translated_fields,
)

TAB_MEDIA = forms.Media(js=["js/content-tabs.js"], css={"all": ["css/content-tabs.css"]})


class ContentLanguagesAdmin:
    def content_languages(self, request, obj) -> list[str]:
        """Asked several times per page: answered once per request and object."""
        known = request.__dict__.setdefault("_content_languages", {})
        key = (type(obj), getattr(obj, "pk", None)) if obj is not None else None
        if key not in known:
            known[key] = declared_languages(obj)
        return known[key]

    def get_fieldsets(self, request, obj=None):
        languages = self.content_languages(request, obj)
        return [
            (name, {**options, "fields": localize_names(options["fields"], self.model, languages)})
            for name, options in super().get_fieldsets(request, obj)
        ]

    def get_prepopulated_fields(self, request, obj=None):
        translated = translated_fields(self.model)
        return {
            dest: [localized(source, ENGLISH) if source in translated else source for source in sources]
            for dest, sources in super().get_prepopulated_fields(request, obj).items()
        }

    def get_search_fields(self, request):
        """A translated field is searched in every language (modeltranslation would read only the admin's own)."""
        translated = translated_fields(self.model)
        fields = []
        for name in super().get_search_fields(request):
            fields += all_localized(name) if name in translated else [name]
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **self._localized_fields(request, obj, kwargs))
        prepare_language_fields(form.base_fields, self.model, self.content_languages(request, obj))
        return form

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **self._localized_fields(request, obj, kwargs))
        prepare_language_fields(formset.form.base_fields, self.model, self.content_languages(request, obj))
        return formset

    def _localized_fields(self, request, obj, kwargs) -> dict:
        if kwargs.get("fields"):
            kwargs["fields"] = localize_names(kwargs["fields"], self.model, self.content_languages(request, obj))
        return kwargs

    @property
    def media(self):
        return super().media + TAB_MEDIA
