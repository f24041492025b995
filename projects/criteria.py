"""The eligibility checklist and the quality criteria with their weights: what staff record, and how it adds up.

Each call has its own checklist and criteria (programmes.models CallEligibilityItem, CallCriterion), copied from the
default template (programmes.call_template) when the call is created. These functions are the one reader: an
application without a call, or a call without rows of its own, is assessed against the default template.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from programmes import call_template

# the default template, under the names older code and tests use (the keys of every new call start as these)
ELIGIBILITY_CHECKLIST: list[tuple[str, str]] = list(call_template.ELIGIBILITY)
QUALITY_CRITERIA: list[tuple[str, str, int]] = [
    (key, label, weight) for key, label, _n, weight, _s in call_template.CRITERIA
]
CRITERION_NAMES = call_template.CRITERION_NAMES
SCORES = [(n, str(n)) for n in range(1, 6)]


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    name: str
    weight: int
    sections: tuple[str, ...] = ()


def _rows(call, related: str) -> list | None:
    """The call's own rows (prefetched ones are not fetched again), or None to use the default template."""
    if call is None or call.pk is None:
        return None
    rows = list(getattr(call, related).all())
    return rows or None


def eligibility_checklist(call) -> list[tuple[str, str]]:
    """(key, wording) of each item of the call's eligibility checklist, in order."""
    rows = _rows(call, "eligibility_items")
    if rows is None:
        return ELIGIBILITY_CHECKLIST
    return [(row.key, row.text) for row in rows]


def quality_criteria(call) -> list[Criterion]:
    """The call's quality criteria with their weights (adding up to 100), in order."""
    rows = _rows(call, "criteria")
    if rows is None:
        return [
            Criterion(key, label, name, weight, tuple(sections))
            for key, label, name, weight, sections in call_template.CRITERIA
        ]
    return [Criterion(row.key, row.text, row.name, row.weight, tuple(row.sections)) for row in rows]


def criterion_names(call) -> dict[str, str]:
    """Key → short name of the call's criteria (table headings and reports say "Work plan", never "work_plan")."""
    return {criterion.key: criterion.name for criterion in quality_criteria(call)}


def weighted_total(call, scores: dict[str, int]) -> Decimal:
    """The weighted average of 1–5 scores under the call's weights, to two decimals (every criterion scored)."""
    criteria = quality_criteria(call)
    total = sum(Decimal(scores[c.key]) * c.weight for c in criteria)
    return (total / sum(c.weight for c in criteria)).quantize(Decimal("0.01"), ROUND_HALF_UP)
