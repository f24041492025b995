"""The diff's result: sections of rows (groups) with their changes, and budget cells (see the package)."""

from dataclasses import dataclass, field

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
