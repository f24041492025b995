"""What changed between two versions of an application: a pure function over two answers dicts (projects.answers as
JSON, what ApplicationVersion.answers holds), no queries.

`version_diff(old, new)` returns a `Diff`: its sections in the application's order (identification, description,
partners, work plan, results, indicator targets, budget, annexes), each with the rows that changed — a partner, a
work package, an activity, a deliverable, an output, a result… matched by what identifies them (a partner by its id,
the work plan by its numbers), each added, removed or changed with the fields that differ (label, old value, new
value) — and for the budget every cell partner × cost category × period whose amount differs, with its difference,
then the totals that moved. Nothing that did not change is reported, and everything that did is: the known fields
get their labels, and a key the answers gain one day is still compared, under its own name.

Amounts are strings in the JSON: they are compared as Decimal ("1000" and "1000.00" are the same amount) and shown
as money. An empty text and a missing value are the same ("—").
"""

from django.utils.translation import gettext_lazy as _

from .budget import _budget
from .result import ADDED, CHANGED, REMOVED, Cell, Change, Diff, Group, Section
from .sections import _annexes, _description, _identification, _partners, _results, _targets, _work_plan
from .values import _label, _show

__all__ = ["ADDED", "CHANGED", "REMOVED", "Cell", "Change", "Diff", "Group", "Section", "version_diff"]

SECTIONS = (_identification, _description, _partners, _work_plan, _results, _targets, _budget, _annexes)
KNOWN = {"identification", "description", "partners", "lead", "work_packages", "results", "budget", "annexes"}


def version_diff(old_answers: dict, new_answers: dict) -> Diff:
    """What changed from `old_answers` to `new_answers` (two versions' answers), section by section."""
    old, new = old_answers or {}, new_answers or {}
    sections = [build(old, new) for build in SECTIONS]
    # a section the answers gain one day: compared as it is, so nothing that changes goes unreported
    unknown = [k for k in list(new) + [k for k in old if k not in new] if k not in KNOWN]
    changes = [
        Change(_label(k), _show(k, old.get(k)), _show(k, new.get(k))) for k in unknown if old.get(k) != new.get(k)
    ]
    if changes:
        sections.append(Section("other", str(_("Other answers")), [Group("", CHANGED, changes)]))
    return Diff(sections)
