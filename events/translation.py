"""Events' texts in several languages (issue 20), as programmes/translation.py. An event's languages are those of its
organising office's programme; an event no programme organises (Interact's own) may carry any of the five."""

from modeltranslation.translator import TranslationOptions, register

from .models import Event, Material, Session


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "description")
    programme_path = "organising_office.programme"


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "description")
    programme_path = "event.organising_office.programme"


@register(Material)
class MaterialTranslation(TranslationOptions):
    fields = ("title",)
    programme_path = "event.organising_office.programme"
