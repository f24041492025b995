"""PostgreSQL COPY of model rows: the fast path for the scale data (dicts by attname in, rows in the table out)."""

import io
from collections.abc import Iterable, Iterator
from datetime import date, datetime

from django.db import connection
from django.db.models import Model
from django.utils import timezone

from interact_portal.core.content_languages import ENGLISH, localized, translated_fields

CHUNK_ROWS = 50_000


def _text(value) -> str:
    """A value in COPY's text format (the generated data never holds tabs, newlines or backslashes)."""
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, list | tuple):
        return "{" + ",".join(f'"{v}"' for v in value) + "}"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def next_ids(model: type[Model], count: int) -> range:
    """Reserve ``count`` primary keys from the table's sequence (so COPY can write the ids it links by)."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        (sequence,) = cursor.fetchone()
        cursor.execute("SELECT setval(%s, nextval(%s) + %s - 1)", [sequence, sequence, count])
        (last,) = cursor.fetchone()
    return range(last - count + 1, last + 1)


def copy_rows(model: type[Model], rows: Iterable[dict]) -> int:
    """COPY dict rows into the model's table; absent fields take the model's default, auto timestamps now."""
    fields = [f for f in model._meta.concrete_fields if not f.generated]
    now = timezone.now()
    defaults = {}
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            defaults[field.attname] = now
        else:
            defaults[field.attname] = field.get_default()
    names = [f.attname for f in fields]
    english = [(name, localized(name, ENGLISH)) for name in translated_fields(model)]
    columns = ", ".join(f'"{f.column}"' for f in fields)
    sql = f"COPY {model._meta.db_table} ({columns}) FROM STDIN"
    written = 0
    with connection.cursor() as cursor:
        for chunk in _chunks(rows):
            buffer = io.StringIO()
            for row in chunk:
                for name, column in english:  # a text given by its field name is the English one (issue 20)
                    if row.get(column) is None and name in row:
                        row = {**row, column: row[name]}
                buffer.write("\t".join(_text(row.get(name, defaults[name])) for name in names))
                buffer.write("\n")
            buffer.seek(0)
            cursor.cursor.copy_expert(sql, buffer)
            written += len(chunk)
    return written


def copy_values(model: type[Model], columns: list[str], rows: Iterable[tuple]) -> int:
    """COPY tuples of values for the given attnames only (the rest takes the column's database default, if any):
    the fast path for the tables with millions of narrow rows (budget lines)."""
    by_name = {f.attname: f for f in model._meta.concrete_fields}
    names = ", ".join(f'"{by_name[name].column}"' for name in columns)
    sql = f"COPY {model._meta.db_table} ({names}) FROM STDIN"
    written = 0
    with connection.cursor() as cursor:
        for chunk in _chunks(rows, size=CHUNK_ROWS * 4):
            buffer = io.StringIO()
            buffer.writelines("\t".join(map(_text, row)) + "\n" for row in chunk)
            buffer.seek(0)
            cursor.cursor.copy_expert(sql, buffer)
            written += len(chunk)
    return written


def _chunks(rows: Iterable, size: int = CHUNK_ROWS) -> Iterator[list]:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
