"""The public list of operations (Regulation (EU) 2021/1060, art. 49(3)): a programme's contracted and closed
projects, or every programme's, paginated by keyset (id), with a streaming CSV and, for signed-in visitors, the
report backbone's CSV and Excel. Organisations' names only: never an email address."""

import csv

from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify

from interact_portal.core.formatting import CSV_BOM
from programmes.models import Programme

from ..exports import _download, _Echo
from ..reports.reporting import operation_columns, operations

PAGE = 50


def _after(request) -> int:
    value = request.GET.get("after", "")
    return int(value) if value.isdigit() and len(value) < 12 else 0


def operation_list(request, slug: str | None = None):
    programme = get_object_or_404(Programme.objects.all(), slug=slug) if slug else None
    rows = operations(programme.pk if programme else None).select_related("programme")
    after = _after(request)
    page = list(rows.filter(pk__gt=after).order_by("pk")[: PAGE + 1])
    more = len(page) > PAGE
    page = page[:PAGE]
    context = {
        "programme": programme,
        "operations": page,
        "next_after": page[-1].pk if more else None,
        "first": after == 0,
    }
    return render(request, "projects/public/operations.html", context)


def operation_csv(request, slug: str | None = None):
    programme = get_object_or_404(Programme.objects.all(), slug=slug) if slug else None
    columns = operation_columns()
    from interact_portal.reports.registry import Sheet

    sheet = Sheet("operations", columns, operations(programme.pk if programme else None).order_by("pk"))
    writer = csv.writer(_Echo())

    def lines():
        yield CSV_BOM + writer.writerow(sheet.headers)
        for row in sheet.rows().iterator(chunk_size=2000):
            yield writer.writerow(["" if v is None else v for v in row])

    name = f"operations-{slugify(programme.slug)}.csv" if programme else "operations.csv"
    return _download(lines(), "text/csv; charset=utf-8", name)
