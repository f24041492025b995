"""The missing translations of programmes (issue 20): for each programme, each object and field whose English text has
no text in a language the programme declares. Read by the staff page (projects.views.staff.translations) and by
`manage.py missing_translations`.

It walks every model registered for translation (the apps' translation.py) through its `programme_path`, so events,
sessions and materials are checked with their organising programme without programmes importing events. One query
per registered model, whatever the number of objects; objects no programme owns are not listed.
"""

from dataclasses import dataclass, field

from django.db.models import F
from django.urls import NoReverseMatch, reverse
from modeltranslation.translator import translator

from interact_portal.core.content_languages import (
    ENGLISH,
    all_localized,
    language_name,
    localized,
    missing_fields,
    translated_fields,
)

from .models import Programme


@dataclass
class Missing:
    kind: str  # the model's verbose name
    label: str  # the object, as its __str__ reads in English
    field: str  # the field's verbose name
    languages: list[str]  # the declared languages it lacks, as codes
    admin_url: str = ""

    @property
    def language_names(self) -> list[str]:
        return [language_name(code) for code in self.languages]


@dataclass
class ProgrammeGaps:
    programme: Programme
    missing: list[Missing] = field(default_factory=list)

    @property
    def languages(self) -> list[str]:
        return self.programme.languages


def _admin_url(obj) -> str:
    try:
        return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


def missing_translations(programmes) -> list[ProgrammeGaps]:
    """The gaps of the given programmes (a queryset or list), in their order; a programme that declares English only
    has none."""
    report = {programme.pk: ProgrammeGaps(programme) for programme in programmes}
    wanted = [pk for pk, gaps in report.items() if len(gaps.languages) > 1]
    if not wanted:
        return list(report.values())
    for model in translator.get_registered_models(abstract=False):
        path = getattr(translator.get_options_for_model(model), "programme_path", None)
        fields = translated_fields(model)
        if path is None or not fields:
            continue
        lookup = path.replace(".", "__") or "pk"
        columns = all_localized(*fields)
        rows = (
            model._default_manager.filter(**{f"{lookup}__in": wanted})
            .annotate(content_programme=F(lookup))
            .only("pk", *columns, *_label_fields(model))
            .order_by(*(["pk"] if lookup == "pk" else [lookup, "pk"]))
        )
        for obj in rows:
            gaps = report[obj.content_programme]
            by_field: dict[str, list[str]] = {}
            for name, code in missing_fields(obj, gaps.languages):
                by_field.setdefault(name, []).append(code)
            for name, codes in by_field.items():
                gaps.missing.append(
                    Missing(
                        kind=str(model._meta.verbose_name),
                        label=_label(obj),
                        field=str(model._meta.get_field(name).verbose_name),
                        languages=codes,
                        admin_url=_admin_url(obj),
                    )
                )
    return list(report.values())


# what names an object in the report, read with its row (its __str__ may read more)
LABEL_FIELDS = {"code", "reference"}


def _label_fields(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.name in LABEL_FIELDS]


def _label(obj) -> str:
    """Its code or reference and its English title or name (never a query)."""
    parts = [getattr(obj, name) for name in ("code", "reference") if getattr(obj, name, "")]
    for name in ("title", "name"):
        english = getattr(obj, localized(name, ENGLISH), None)
        if english:
            parts.append(english)
            break
    return " ".join(str(part) for part in parts) or f"#{obj.pk}"
