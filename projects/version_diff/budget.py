"""The budget: every cell partner × cost category × period whose amount differs, each partner's money and the
project's totals."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .result import ADDED, CHANGED, REMOVED, Cell, Change, Group, Section
from .values import _difference, _keyed, _label, _number, _same, _show


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
