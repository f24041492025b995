"""Which sections of an application are shown read-only, in the workspace's order, and with which template.

The data is projects.answers.application_answers(project) (the one source, also of the snapshot and the PDF); each
section's template projects/templates/projects/sections/<key>.html shows `answers` for that section, without a
heading: the page including it gives the heading (the check-your-answers page with its "Change" link, the staff
assessment pages with the assessors' comments)."""

from dataclasses import dataclass

from programmes.application_form import SECTIONS

SECTION_TEMPLATES = {key: f"projects/sections/{key}.html" for key, _label in SECTIONS}
SECTION_LABELS = dict(SECTIONS)


@dataclass(frozen=True)
class SectionRef:
    key: str
    label: str
    template: str


def section_refs(keys=None) -> list[SectionRef]:
    """The sections (all, or these keys) in the workspace's order."""
    chosen = None if keys is None else set(keys)
    return [
        SectionRef(key, label, SECTION_TEMPLATES[key]) for key, label in SECTIONS if chosen is None or key in chosen
    ]


def criteria_with_sections(call) -> list[dict]:
    """The quality criteria of the call with the sections assessors read next to each (projects.criteria: the
    call's own criteria when it has them, else the default template's)."""
    from .criteria import quality_criteria

    return [
        {"key": c.key, "name": c.name, "text": c.label, "weight": c.weight, "sections": section_refs(list(c.sections))}
        for c in quality_criteria(call)
    ]
