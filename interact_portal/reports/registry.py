"""Report kinds: each domain app registers what its reports hold; the reports app knows only this interface.

A kind turns the requester's parameters into a `Scope` (a title, the programme it is about, the clean
parameters) or refuses them, and describes its content as sheets: a queryset and its columns, read row by row.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import F, QuerySet


@dataclass(frozen=True)
class Sheet:
    """One table of a report: (header, database path or expression) per column, over an ordered queryset."""

    title: str
    columns: list[tuple[str, object]]
    queryset: QuerySet

    @property
    def headers(self) -> list[str]:
        return [str(header) for header, _ in self.columns]

    def rows(self) -> QuerySet:
        """The rows as tuples, in column order (one SELECT; callers stream it with iterator() or COPY)."""
        named = {f"col_{i}": F(c) if isinstance(c, str) else c for i, (_, c) in enumerate(self.columns)}
        return self.queryset.annotate(**named).values_list(*named)


@dataclass(frozen=True)
class Scope:
    title: str
    parameters: dict
    programme: object = None


@dataclass(frozen=True)
class ReportKind:
    key: str
    label: str
    formats: tuple[str, ...]
    # (user, raw parameters) → Scope; raises ValidationError (bad input) or Http404 (not the user's to see)
    scope: Callable
    # parameters → the sheets; the CSV format writes the first one
    sheets: Callable
    # (user, report) → may this user download it? (the requester always may)
    may_download: Callable = field(default=lambda user, report: False)
    # only the requester may download (personal data): not even superusers
    requester_only: bool = False
    # (parameters, path, progress) → writes a PDF; only kinds with "pdf" in formats
    pdf: Callable | None = None
    # (parameters, path, progress) → writes a JSON document; only kinds with "json" in formats
    json: Callable | None = None


KINDS: dict[str, ReportKind] = {}


def register(kind: ReportKind) -> ReportKind:
    KINDS[kind.key] = kind
    return kind
