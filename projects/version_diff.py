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

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from interact_portal.core.formatting import NOTHING, format_money, to_decimal

ADDED, REMOVED, CHANGED = "added", "removed", "changed"


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass
class Group:
    """One row of the application that was added, removed or changed (`title` is empty for a section's own fields)."""

    title: str
    status: str = CHANGED
    changes: list[Change] = field(default_factory=list)


@dataclass(frozen=True)
class Cell:
    """One budget cell (or total) whose amount differs; a row that did not exist is "—" and counts as zero."""

    partner: str
    category: str
    period: str
    old: str
    new: str
    difference: str
    increase: bool


@dataclass
class Section:
    key: str
    title: str
    groups: list[Group] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.groups or self.cells)


@dataclass
class Diff:
    sections: list[Section]

    @property
    def empty(self) -> bool:
        return not any(self.sections)

    @property
    def changed_sections(self) -> list[Section]:
        return [s for s in self.sections if s]

    def lines(self) -> list[tuple]:
        """Every reported change as a flat tuple (tests and exports read this): (section, row, status, label, old,
        new) for fields and rows, (section, partner, category, period, old, new, difference) for budget cells."""
        found: list[tuple] = []
        for section in self.sections:
            for group in section.groups:
                if group.status != CHANGED:
                    found.append((section.key, group.title, group.status, "", "", ""))
                for change in group.changes:
                    found.append((section.key, group.title, group.status, change.label, change.old, change.new))
            for cell in section.cells:
                found.append(
                    (section.key, cell.partner, cell.category, cell.period, cell.old, cell.new, cell.difference)
                )
        return found

    def __len__(self) -> int:
        return len(self.lines())


# ---------------------------------------------------------------------------------------------------------------
# values: how they compare and how they are shown

MONEY = frozenset(
    {"amount", "total", "preparation", "cofinancing", "own_contribution", "budget", "cell", "by_period", "by_category"}
)
NUMBERS = frozenset({"target_value", "baseline", "rate", "cofinancing_rate", "size"})
RATES = frozenset({"rate", "cofinancing_rate"})


def _blank(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _number(value) -> Decimal | None:
    return value if isinstance(value, Decimal) else to_decimal(value) if isinstance(value, str | int) else None


def _same(key: str, old, new) -> bool:
    if old == new:  # the common case, and the cheap one
        return True
    if _blank(old) and _blank(new):
        return True
    if (
        key in MONEY or key in RATES
    ):  # an amount (or rate) not there is zero: a partner added with no budget is no change
        a, b = _money(old), _money(new)
        if a is not None and b is not None:
            return a == b
    if key in NUMBERS:
        a, b = _number(old), _number(new)
        if a is not None and b is not None:
            return a == b
    return old == new


def _money(value) -> Decimal | None:
    return Decimal("0") if _blank(value) else _number(value)


def _show(key: str, value) -> str:
    if _blank(value):
        return NOTHING
    if key in MONEY:
        return format_money(value)
    if key in NUMBERS and _number(value) is not None:
        text = f"{_number(value).normalize():f}"
        return f"{text} %" if key in RATES else text
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, dict):
        if "code" in value:  # a specific objective, an indicator
            return " — ".join(str(value[k]) for k in ("code", "title", "name") if value.get(k))
        return "; ".join(f"{k}: {_show(k, v)}" for k, v in value.items() if not _blank(v))
    if isinstance(value, list | tuple):
        return ", ".join(_show(key, v) for v in value)
    return str(value)


def _difference(old: Decimal, new: Decimal) -> str:
    change = new - old
    return f"+{format_money(change)}" if change > 0 else format_money(change)


# ---------------------------------------------------------------------------------------------------------------
# fields and rows

LABELS = {
    # identification
    "acronym": _("Acronym"),
    "title": _("Title"),
    "summary": _("Summary"),
    "specific_objective": _("Specific objective"),
    "duration_months": _("Duration (months)"),
    # description
    "context": _("Context"),
    "overall_objective": _("Overall objective"),
    "durability": _("Durability"),
    "transferability": _("Transferability"),
    "communication": _("Communication"),
    "description": _("Description"),
    "group_label": _("Target group"),
    "target_value": _("Target value"),
    "effect_label": _("Effect"),
    "justification": _("Justification"),
    # partners
    "abbreviation": _("Abbreviation"),
    "role": _("Role"),
    "department": _("Department"),
    "department_address": _("Department address"),
    "department_nuts": _("Department NUTS region"),
    "vat_recovery": _("VAT recovery"),
    "legal_representative": _("Legal representative"),
    "contact_name": _("Contact person"),
    "contact_email": _("Contact email"),
    "contact_phone": _("Contact phone"),
    "experience": _("Experience"),
    "role_in_project": _("Role in the project"),
    "state_aid_result": _("State aid"),
    "withdrawn_from_period": _("Withdrawn from period"),
    # organisation
    "name": _("Name"),
    "name_en": _("Name in English"),
    "country_name": _("Country"),
    "nuts_region": _("NUTS region"),
    "type": _("Type"),
    "sector": _("Sector"),
    "size": _("Size"),
    "nace_code": _("NACE code"),
    "legal_status": _("Legal status"),
    "address": _("Address"),
    "vat": _("VAT number"),
    "pic": _("PIC"),
    "website": _("Website"),
    # work plan and results
    "objectives": _("Objectives"),
    "responsible": _("Responsible partner"),
    "partners": _("Partners"),
    "start_period": _("Start period"),
    "end_period": _("End period"),
    "period": _("Period"),
    "indicator": _("Indicator"),
    "baseline": _("Baseline"),
    # budget
    "total": _("Total"),
    "preparation": _("Preparation lump sum"),
    "cofinancing_rate": _("Co-financing rate"),
    "cofinancing": _("Co-financing"),
    "own_contribution": _("Own contribution"),
    "lead": _("Lead partner"),
    # annexes
    "file_name": _("File"),
    "content_type": _("File type"),
}
# codes shown through their label (a changed code changes its label), and what the rows' keys already say
CODES = frozenset({"role_code", "group", "effect", "key", "kind", "country", "id", "number"})


def _label(key: str) -> str:
    return str(LABELS.get(key, key.replace("_", " ").capitalize()))


def _fields(old: dict, new: dict, *, skip: Iterable[str] = (), prefix: str = "") -> list[Change]:
    """The fields of one row that differ, in the row's order; nested dicts (an organisation) flattened."""
    skip = set(skip) | CODES
    changes = []
    for key in list(new) + [k for k in old if k not in new]:
        if key in skip:
            continue
        a, b = old.get(key), new.get(key)
        if isinstance(a, dict) and isinstance(b, dict) and "code" not in a and "code" not in b:
            changes += _fields(a, b, prefix=f"{prefix}{_label(key)}: ")
        elif not _same(key, a, b):
            changes.append(Change(f"{prefix}{_label(key)}", _show(key, a), _show(key, b)))
    return changes


def _keyed(rows: list | None, key: Callable[[dict], object]) -> dict:
    """Rows by their key; rows sharing a key are told apart by their order among them."""
    found: dict = {}
    seen: dict = {}
    for row in rows or []:
        k = key(row)
        n = seen[k] = seen.get(k, -1) + 1
        found[(k, n) if n else k] = row
    return found


def _rows(
    old: list | None,
    new: list | None,
    *,
    key: Callable[[dict], object],
    title: Callable[[dict], str],
    skip: Iterable[str] = (),
    inner: Callable[[dict, dict], list[Group]] | None = None,
    extra: Callable[[dict, dict], list[Change]] | None = None,
) -> list[Group]:
    """Rows matched by `key`: added and removed rows as such, changed ones with their fields (and `inner` rows)."""
    before, after = _keyed(old, key), _keyed(new, key)
    groups = []
    for k in list(after) + [k for k in before if k not in after]:
        a, b = before.get(k), after.get(k)
        if a is None:
            groups.append(Group(title(b), ADDED))
            continue
        if b is None:
            groups.append(Group(title(a), REMOVED))
            continue
        changes = _fields(a, b, skip=skip)
        if extra:
            changes += extra(a, b)
        if changes:
            groups.append(Group(title(b), CHANGED, changes))
        if inner:
            groups += inner(a, b)
    return groups


def _list_rows(old: list | None, new: list | None, *, key: str, label: str, value: str) -> list[Change]:
    """A short list inside a row (state-aid answers), one change per entry that differs."""
    before, after = _keyed(old, lambda r: r.get(key)), _keyed(new, lambda r: r.get(key))
    changes = []
    for k in list(after) + [k for k in before if k not in after]:
        a, b = before.get(k) or {}, after.get(k) or {}
        if not _same(value, a.get(value), b.get(value)):
            changes.append(Change(str((b or a).get(label, k)), _show(value, a.get(value)), _show(value, b.get(value))))
    return changes


# ---------------------------------------------------------------------------------------------------------------
# sections


def _identification(old: dict, new: dict) -> Section:
    changes = _fields(old.get("identification") or {}, new.get("identification") or {})
    return Section("identification", str(_("Identification")), [Group("", CHANGED, changes)] if changes else [])


def _description(old: dict, new: dict) -> Section:
    a, b = old.get("description") or {}, new.get("description") or {}
    groups = []
    changes = _fields(a, b, skip={"horizontal_principles", "objectives", "target_groups"})
    if changes:
        groups.append(Group("", CHANGED, changes))
    groups += _rows(
        a.get("objectives"),
        b.get("objectives"),
        key=lambda r: r.get("number"),
        title=lambda r: str(_("Objective %(number)s") % {"number": r.get("number")}),
    )
    groups += _rows(
        a.get("target_groups"),
        b.get("target_groups"),
        key=lambda r: r.get("group"),
        title=lambda r: str(_("Target group: %(group)s") % {"group": r.get("group_label") or r.get("group")}),
        skip={"group_label"},
    )
    groups += _rows(
        a.get("horizontal_principles"),
        b.get("horizontal_principles"),
        key=lambda r: r.get("key"),
        title=lambda r: str(_("Horizontal principle: %(label)s") % {"label": r.get("label") or r.get("key")}),
        skip={"label"},
    )
    return Section("description", str(_("Project description")), groups)


def _partner_title(row: dict) -> str:
    organisation = (row.get("organisation") or {}).get("name")
    return f"{row.get('abbreviation')} — {organisation}" if organisation else str(row.get("abbreviation"))


def _contributions(a: dict, b: dict) -> list[Change]:
    """Own contributions, matched by kind and source: one change per contribution added, removed or changed."""
    before = _keyed(a.get("contributions"), lambda r: (r.get("kind"), r.get("source")))
    after = _keyed(b.get("contributions"), lambda r: (r.get("kind"), r.get("source")))
    changes = []
    for k in list(after) + [k for k in before if k not in after]:
        x, y = before.get(k), after.get(k)
        row = y or x
        label = str(
            _("Own contribution: %(kind)s, %(source)s") % {"kind": row.get("kind_label"), "source": row.get("source")}
        )
        if not _same("amount", (x or {}).get("amount"), (y or {}).get("amount")) or x is None or y is None:
            changes.append(
                Change(label, _show("amount", x and x.get("amount")), _show("amount", y and y.get("amount")))
            )
    return changes


def _partners(old: dict, new: dict) -> Section:
    groups = []
    if not _same("lead", old.get("lead"), new.get("lead")):
        groups.append(
            Group("", CHANGED, [Change(_label("lead"), _show("", old.get("lead")), _show("", new.get("lead")))])
        )
    groups += _rows(
        old.get("partners"),
        new.get("partners"),
        key=lambda r: r.get("id"),
        title=_partner_title,
        skip={"budget", "contributions", "state_aid"},
        extra=lambda a, b: (
            _list_rows(a.get("state_aid"), b.get("state_aid"), key="key", label="question", value="answer")
            + _contributions(a, b)
        ),
    )
    return Section("partners", str(_("Partnership")), groups)


def _work_plan(old: dict, new: dict) -> Section:
    def activities(a: dict, b: dict) -> list[Group]:
        return _rows(
            a.get("activities"),
            b.get("activities"),
            key=lambda r: r.get("number"),
            title=lambda r: str(_("Activity %(number)s: %(title)s") % r),
            skip={"deliverables"},
            inner=lambda x, y: _rows(
                x.get("deliverables"),
                y.get("deliverables"),
                key=lambda r: r.get("number"),
                title=lambda r: str(_("Deliverable %(number)s: %(title)s") % r),
            ),
        )

    def outputs(a: dict, b: dict) -> list[Group]:
        return _rows(
            a.get("outputs"),
            b.get("outputs"),
            key=lambda r: r.get("number"),
            title=lambda r: str(_("Output %(number)s: %(title)s") % r),
            skip={"target_value"},  # in the indicator targets
        )

    groups = _rows(
        old.get("work_packages"),
        new.get("work_packages"),
        key=lambda r: r.get("number"),
        title=lambda r: str(_("Work package %(number)s: %(title)s") % r),
        skip={"activities", "outputs"},
        inner=lambda a, b: activities(a, b) + outputs(a, b),
    )
    return Section("work_packages", str(_("Work plan")), groups)


def _results(old: dict, new: dict) -> Section:
    groups = _rows(
        old.get("results"),
        new.get("results"),
        key=lambda r: r.get("number"),
        title=_result_title,
        skip={"target_value"},  # in the indicator targets
    )
    return Section("results", str(_("Results")), groups)


def _result_title(row: dict) -> str:
    indicator = (row.get("indicator") or {}).get("code", "")
    return str(_("Result %(number)s: %(indicator)s") % {"number": row.get("number"), "indicator": indicator})


def _targets(old: dict, new: dict) -> Section:
    """Every output's and result's target: one row per target that differs, and the targets of the outputs and
    results added or removed."""

    def outputs(answers: dict) -> list[dict]:
        return [o for wp in answers.get("work_packages") or [] for o in wp.get("outputs") or []]

    def results(answers: dict) -> list[dict]:
        return answers.get("results") or []

    groups = []
    for kind, rows in ((_("Output"), outputs), (_("Result"), results)):
        before = _keyed(rows(old), lambda r: r.get("number"))
        after = _keyed(rows(new), lambda r: r.get("number"))
        for k in list(after) + [k for k in before if k not in after]:
            x, y = before.get(k), after.get(k)
            if x is not None and y is not None and _same("target_value", x.get("target_value"), y.get("target_value")):
                continue
            row = y or x
            status = ADDED if x is None else REMOVED if y is None else CHANGED
            title = f"{kind} {row.get('number')}: {_show('indicator', row.get('indicator'))}"
            change = Change(
                _label("target_value"),
                _show("target_value", x.get("target_value")) if x else NOTHING,
                _show("target_value", y.get("target_value")) if y else NOTHING,
            )
            groups.append(Group(title, status, [change]))
    return Section("targets", str(_("Indicator targets")), groups)


def _grid(periods: list | None, rows: list | None) -> tuple[dict, dict]:
    """Budget rows as cells by (category, period number), and the categories' labels."""
    numbers = [p.get("number") for p in periods or []]
    cells, categories = {}, {}
    for row in rows or []:
        categories[row.get("category")] = row.get("label")
        for number, amount in zip(numbers, row.get("cells") or [], strict=False):
            cells[(row.get("category"), number)] = amount
    return cells, categories


def _money_cell(partner: str, category: str, period: str, old, new) -> Cell | None:
    if old == new:  # most cells: the same text, no Decimal needed
        return None
    a = _number(old) if old is not None else None
    b = _number(new) if new is not None else None
    if (a or Decimal("0")) == (b or Decimal("0")):
        return None
    change = (b or Decimal("0")) - (a or Decimal("0"))
    return Cell(partner, category, period, _show("cell", a), _show("cell", b), _difference(a or 0, b or 0), change > 0)


def _budget(old: dict, new: dict) -> Section:
    a, b = old.get("budget") or {}, new.get("budget") or {}
    periods = {p.get("number"): p.get("label") for p in (a.get("periods") or []) + (b.get("periods") or [])}
    period_order = sorted(periods, key=lambda n: (n is None, n))
    section = Section("budget", str(_("Budget")))
    before = {p.get("id"): p for p in a.get("partners") or []}
    after = {p.get("id"): p for p in b.get("partners") or []}
    names = {p.get("id"): p.get("abbreviation") for p in (old.get("partners") or []) + (new.get("partners") or [])}
    names |= {k: v.get("abbreviation") for k, v in before.items()} | {
        k: v.get("abbreviation") for k, v in after.items()
    }
    ids = list(after) + [k for k in before if k not in after]
    for pk in ids:
        x, y = before.get(pk), after.get(pk)
        name = str(names.get(pk) or pk)
        old_cells, old_categories = _grid(a.get("periods"), (x or {}).get("rows"))
        new_cells, new_categories = _grid(b.get("periods"), (y or {}).get("rows"))
        categories = new_categories | {k: v for k, v in old_categories.items() if k not in new_categories}
        for category, label in categories.items():
            for number in period_order:
                cell = _money_cell(
                    name,
                    str(label),
                    str(periods[number]),
                    old_cells.get((category, number)) if x else None,
                    new_cells.get((category, number)) if y else None,
                )
                if cell:
                    section.cells.append(cell)
        changes = _partner_money(x or {}, y or {})
        if changes:
            status = ADDED if x is None else REMOVED if y is None else CHANGED
            section.groups.append(Group(str(_("Budget of %(partner)s") % {"partner": name}), status, changes))
    project = _project_money(a, b, periods, period_order)
    if project:
        section.groups.append(Group(str(_("Project totals")), CHANGED, project))
    return section


def _funds(old: list | None, new: list | None, *, rates: bool) -> list[Change]:
    before, after = _keyed(old, lambda r: r.get("fund")), _keyed(new, lambda r: r.get("fund"))
    changes = []
    for k in list(after) + [k for k in before if k not in after]:
        x, y = before.get(k) or {}, after.get(k) or {}
        fund = str(y.get("label") or x.get("label") or k)
        if rates and not _same("rate", x.get("rate"), y.get("rate")):
            changes.append(
                Change(
                    str(_("%(fund)s rate") % {"fund": fund}), _show("rate", x.get("rate")), _show("rate", y.get("rate"))
                )
            )
        if not _same("amount", x.get("amount"), y.get("amount")):
            changes.append(Change(fund, _show("amount", x.get("amount")), _show("amount", y.get("amount"))))
    return changes


def _partner_money(old: dict, new: dict) -> list[Change]:
    changes = []
    for key in ("total", "preparation", "cofinancing_rate", "cofinancing", "own_contribution"):
        if not _same(key, old.get(key), new.get(key)):
            changes.append(Change(_label(key), _show(key, old.get(key)), _show(key, new.get(key))))
    return changes + _funds(old.get("funds"), new.get("funds"), rates=True)


def _project_money(old: dict, new: dict, periods: dict, period_order: list) -> list[Change]:
    changes = []
    before = {r.get("category"): r for r in old.get("by_category") or []}
    after = {r.get("category"): r for r in new.get("by_category") or []}
    for category in list(after) + [c for c in before if c not in after]:
        x, y = before.get(category) or {}, after.get(category) or {}
        if not _same("total", x.get("total"), y.get("total")):
            label = str(y.get("label") or x.get("label") or category)
            changes.append(Change(label, _show("total", x.get("total")), _show("total", y.get("total"))))
    by_period = [
        {p.get("number"): amount for p, amount in zip(b.get("periods") or [], b.get("by_period") or [], strict=False)}
        for b in (old, new)
    ]
    for number in period_order:
        x, y = by_period[0].get(number), by_period[1].get(number)
        if not _same("by_period", x or "0", y or "0"):
            label = str(_("Period %(period)s") % {"period": periods[number]})
            changes.append(Change(label, _show("by_period", x), _show("by_period", y)))
    for key in ("preparation", "total", "cofinancing", "own_contribution"):
        if not _same(key, old.get(key), new.get(key)):
            changes.append(Change(_label(key), _show(key, old.get(key)), _show(key, new.get(key))))
    return changes + _funds(old.get("funds"), new.get("funds"), rates=False)


def _annexes(old: dict, new: dict) -> Section:
    groups = _rows(
        old.get("annexes"),
        new.get("annexes"),
        key=lambda r: (r.get("title"), r.get("file_name")),
        title=lambda r: str(r.get("title") or r.get("file_name")),
    )
    return Section("annexes", str(_("Annexes")), groups)


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
