"""Open-data exports of a public search: CSV and JSON, streamed row by row (memory stays flat at any size)."""

import csv
import json
from collections.abc import Iterator

from django.db.models import Case, F, Func, QuerySet, TextField, Value, When
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from interact_portal.core.formatting import CSV_BOM

CHUNK = 2000
LICENCE = _(
    "Open data under the Creative Commons Attribution 4.0 licence (CC BY 4.0): reuse freely, citing "
    "“Interact Portal, Interreg project database” and the date of the export."
)
# (column, database path, meaning): the documented fields of both formats, in order.
FIELDS = [
    ("id", "id", _("Project number in this portal; the project page is /projects/<id>/.")),
    ("acronym", "acronym", _("Project acronym.")),
    ("title", "title", _("Project title.")),
    ("programme", "programme__name", _("Interreg programme that funds the project.")),
    ("programme_slug", "programme__slug", _("Programme identifier, as in /programmes/<slug>/.")),
    ("period", "programme__period", _("Programming period, e.g. 2021-2027.")),
    ("strand", "programme__strand", _("Interreg strand: cross_border, transnational, interregional, outermost.")),
    ("specific_objective", "specific_objective__code", _("Code of the programme's specific objective.")),
    ("status", "status", _("approved, contracted or closed.")),
    ("start_date", "start_date", _("Start date (ISO 8601), empty before the contract.")),
    ("end_date", "end_date", _("End date (ISO 8601), empty before the contract.")),
    ("total_budget_eur", "total_budget", _("Sum of the partners' budgets, in euro.")),
    ("partner_count", "partner_count", _("Number of partners, the lead partner included.")),
    ("lead_partner_country", "lead_country", _("ISO 3166 code of the lead partner's country.")),
    ("partner_countries", "partner_countries", _("ISO 3166 codes of all partners' countries, ';'-separated in CSV.")),
    ("partner_regions", "partner_regions", _("NUTS 2 regions of the partners, ';'-separated in CSV.")),
    # a closed project's published results (issue 19): empty for every other project
    ("results_available", "has_results", _("true when the project is closed and its results are published.")),
    ("results_summary", "published_summary", _("The project's summary of its results, once published.")),
    ("main_achievements", "published_achievements", _("The project's main achievements, once published.")),
]


def _published(path: str) -> Case:
    """A closure text of a project whose results are published, else empty; any word with an '@' (an address,
    a handle) is left out, whatever the service let through before."""
    scrubbed = Func(F(path), Value(r"\S*@\S*"), Value(""), Value("g"), function="regexp_replace")
    return Case(When(has_results=True, then=scrubbed), default=Value(""), output_field=TextField())


# the exported values that are computed, by their path in FIELDS
COMPUTED = {
    "published_summary": _published("closure__public_summary"),
    "published_achievements": _published("closure__main_achievements"),
}


def with_computed(matches: QuerySet) -> QuerySet:
    """The matches with the computed columns of FIELDS: what every export of a search reads (CSV, JSON, workbook)."""
    return matches.annotate(**COMPUTED)


def _rows(matches: QuerySet) -> Iterator[tuple]:
    paths = [path for _, path, _ in FIELDS]
    return with_computed(matches).order_by("-sort_date", "-id").values_list(*paths).iterator(chunk_size=CHUNK)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(matches: QuerySet) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield CSV_BOM + writer.writerow([name for name, _, _ in FIELDS])
        for row in _rows(matches):
            yield writer.writerow([";".join(v) if isinstance(v, list) else ("" if v is None else v) for v in row])

    return _download(lines(), "text/csv; charset=utf-8", "interreg-projects.csv")


def json_response(matches: QuerySet, request) -> StreamingHttpResponse:
    names = [name for name, _, _ in FIELDS]
    page = request.build_absolute_uri(reverse("database:search"))

    def chunks() -> Iterator[str]:
        header = {
            "source": page,
            "licence": str(LICENCE),
            "fields": {name: str(meaning) for name, _, meaning in FIELDS},
        }
        yield json.dumps(header, ensure_ascii=False)[:-1] + ', "projects": ['
        for n, row in enumerate(_rows(matches)):
            yield ("," if n else "") + json.dumps(dict(zip(names, row, strict=True)), default=str, ensure_ascii=False)
        yield "]}"

    return _download(chunks(), "application/json", "interreg-projects.json")


def _download(content: Iterator[str], content_type: str, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
