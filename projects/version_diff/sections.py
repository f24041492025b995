"""The sections of the application but the budget: identification, description, partners, work plan, results,
indicator targets, annexes."""

from django.utils.translation import gettext_lazy as _

from interact_portal.core.formatting import NOTHING

from .result import ADDED, CHANGED, REMOVED, Change, Group, Section
from .values import _fields, _keyed, _label, _list_rows, _rows, _same, _show

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


def _annexes(old: dict, new: dict) -> Section:
    groups = _rows(
        old.get("annexes"),
        new.get("annexes"),
        key=lambda r: (r.get("title"), r.get("file_name")),
        title=lambda r: str(r.get("title") or r.get("file_name")),
    )
    return Section("annexes", str(_("Annexes")), groups)
