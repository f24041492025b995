"""The application form a call configures: its sections and text fields, with the default rule of each field.

A call stores only its departures from these defaults (`Call.form_rules`: {field: {"required": bool, "limit": n}});
`field_rule(call, key)` is the one reader, used by the call setup, the application forms, the live counters and
the checklist alike. A translatable field may be required "in every language" of the call (`Call.input_languages`,
as Jems does): its rule then names the other languages it must be written in too.
`CONCEPT_NOTE_DEFAULT` is the subset of sections a two-step call asks for in step 1.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# (key, label) in the order of the applicants' workspace
SECTIONS: list[tuple[str, str]] = [
    ("identification", _("Identification")),
    ("description", _("Project description")),
    ("partners", _("Partnership")),
    ("workplan", _("Work plan")),
    ("results", _("Outputs and results")),
    ("budget", _("Budget")),
    ("annexes", _("Annexes")),
]
SECTION_KEYS = [key for key, _label in SECTIONS]
# a two-step call's step 1 (concept note), unless its setup chooses other sections
CONCEPT_NOTE_DEFAULT = ["identification", "description", "partners"]
# sections a concept note always has: without them there is no application to decide on
CONCEPT_NOTE_ALWAYS = ["identification", "partners"]


@dataclass(frozen=True)
class FieldSpec:
    key: str  # "<model>.<field>" as stored, e.g. "description.context"
    section: str
    label: str
    limit: int  # characters; 0 for fields that are not text
    required: bool = True
    translatable: bool = False  # may be asked for in each of the call's input languages


FIELDS: list[FieldSpec] = [
    FieldSpec("project.title", "identification", _("Title"), 300, translatable=True),
    FieldSpec("project.summary", "identification", _("Summary"), 2000, translatable=True),
    FieldSpec("description.context", "description", _("Context and challenge"), 5000),
    FieldSpec("description.overall_objective", "description", _("Overall objective"), 500),
    FieldSpec("description.durability", "description", _("Durability"), 3000),
    FieldSpec("description.transferability", "description", _("Transferability"), 3000),
    FieldSpec("description.communication", "description", _("Communication"), 3000),
    FieldSpec("description.horizontal_justification", "description", _("Horizontal principles: justification"), 1000),
    FieldSpec("objective.description", "description", _("Project specific objective: description"), 1000),
    FieldSpec("target_group.description", "description", _("Target group: description"), 500),
    FieldSpec("partner.experience", "partners", _("Partner's experience"), 2000),
    FieldSpec("partner.role_in_project", "partners", _("Partner's role in the project"), 2000),
    FieldSpec("work_package.objectives", "workplan", _("Work package objectives"), 2000),
    FieldSpec("activity.description", "workplan", _("Activity description"), 2000),
    FieldSpec("deliverable.description", "workplan", _("Deliverable description"), 1000),
    FieldSpec("output.description", "results", _("Output description"), 1000),
    FieldSpec("result.description", "results", _("Result description"), 1000),
    FieldSpec("annexes.any", "annexes", _("At least one annex"), 0, required=False),
]
FIELDS_BY_KEY = {spec.key: spec for spec in FIELDS}


@dataclass(frozen=True)
class FieldRule:
    required: bool
    limit: int
    every_language: bool = False  # required in each of the call's input languages (translatable fields only)
    languages: tuple[str, ...] = ()  # then: the input languages besides English it must be written in too


def other_input_languages(call, written_in: str = settings.LANGUAGE_CODE) -> list[str]:
    """The call's input languages besides the one the texts are written in, in the portal's order of languages."""
    declared = set(call.input_languages or []) if call is not None else set()
    return [code for code, _name in settings.LANGUAGES if code in declared and code != written_in]


def field_rule(call, key: str) -> FieldRule:
    """The rule of one field under a call: the call's own setting, else the default."""
    spec = FIELDS_BY_KEY[key]
    own = (call.form_rules or {}).get(key, {}) if call is not None else {}
    required = bool(own.get("required", spec.required))
    every = spec.translatable and required and bool(own.get("every_language"))
    languages = tuple(other_input_languages(call)) if every else ()
    return FieldRule(
        required=required, limit=int(own.get("limit", spec.limit)), every_language=every, languages=languages
    )


def languages_to_write(call, key: str, written_in: str) -> tuple[list[str], bool]:
    """For a project whose texts are written in `written_in`: the call's other input languages a translatable field
    is offered in, and whether each of them is required before submitting."""
    spec = FIELDS_BY_KEY[key]
    if not spec.translatable:
        return [], False
    return other_input_languages(call, written_in), field_rule(call, key).every_language


def concept_note_sections(call) -> list[str]:
    """The sections a two-step call asks for in step 1, in workspace order."""
    chosen = set(call.step1_sections or CONCEPT_NOTE_DEFAULT) | set(CONCEPT_NOTE_ALWAYS)
    return [key for key in SECTION_KEYS if key in chosen]
