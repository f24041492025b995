"""Values (how they compare and show), labels, and the fields and rows of two answers matched and compared."""

from collections.abc import Callable, Iterable
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from interact_portal.core.formatting import NOTHING, format_money, to_decimal

from .result import ADDED, CHANGED, REMOVED, Change, Group

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
