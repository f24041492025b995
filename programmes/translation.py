"""The programme's texts in the languages it declares (issue 20): django-modeltranslation adds a column per language
(`title_en`, `title_de`, …) beside each field named here; the field itself reads the reader's language and falls back
to English. Slugs, codes, references, units and addresses stay one value.

`programme_path` (dotted, from the object to its programme; "" for the programme itself) says whose declared
languages apply: the admin and staff forms offer those, and the missing-translations report checks them
(interact_portal.core.content_languages).
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Call, CallDocument, Indicator, Priority, Programme, SpecificObjective


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name", "description")
    programme_path = ""


@register(Priority)
class PriorityTranslation(TranslationOptions):
    fields = ("title",)
    programme_path = "programme"


@register(SpecificObjective)
class SpecificObjectiveTranslation(TranslationOptions):
    fields = ("title",)
    programme_path = "priority.programme"


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name",)
    programme_path = "programme"


@register(Call)
class CallTranslation(TranslationOptions):
    fields = ("title", "description")
    programme_path = "programme"


@register(CallDocument)
class CallDocumentTranslation(TranslationOptions):
    fields = ("title",)
    programme_path = "call.programme"
