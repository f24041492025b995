"""Import of the NUTS classification from Eurostat's CSV files.

Accepts the columns of Eurostat's classification file ("Code 2021"/"Code 2024", "NUTS level", and the name in
"Country"/"NUTS level 1"/"NUTS level 2"/"NUTS level 3") and of GISCO's files (NUTS_ID, LEVL_CODE, NAME_LATN).
"""

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Country, NutsRegion
from .reference import EUROSTAT_TO_ISO

CODE_COLUMNS = ("NUTS_ID", "Code 2024", "Code 2021", "Code 2016", "CODE")
LEVEL_COLUMNS = ("LEVL_CODE", "NUTS level", "LEVEL")
NAME_COLUMNS = ("NAME_LATN", "NUTS_NAME", "NAME", "Country", "NUTS level 1", "NUTS level 2", "NUTS level 3")
CODE_PATTERN = re.compile(r"^[A-Z]{2}[0-9A-Z]{0,3}$")


@dataclass(frozen=True)
class NutsRow:
    code: str
    level: int
    name: str


def nuts_parse(stream: TextIO) -> list[NutsRow]:
    """Read a NUTS CSV; raises ValidationError naming the line of the first bad row."""
    sample = stream.read(4096)
    stream.seek(0)
    dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample else csv.excel
    reader = csv.DictReader(stream, dialect=dialect)
    columns = [c.strip().lstrip("\ufeff") for c in reader.fieldnames or []]
    reader.fieldnames = columns
    code_col = next((c for c in CODE_COLUMNS if c in columns), None)
    if code_col is None:
        raise ValidationError(f"No NUTS code column: expected one of {', '.join(CODE_COLUMNS)}; found {columns}.")
    level_col = next((c for c in LEVEL_COLUMNS if c in columns), None)
    name_cols = [c for c in NAME_COLUMNS if c in columns]
    rows = []
    for line, record in enumerate(reader, start=2):
        code = (record.get(code_col) or "").strip().upper()
        if not code:
            continue
        if not CODE_PATTERN.match(code):
            raise ValidationError(f"Line {line}: “{code}” is not a NUTS code.")
        level = int(record[level_col]) if level_col and (record.get(level_col) or "").strip() else len(code) - 2
        if level != len(code) - 2 or not 0 <= level <= 3:
            raise ValidationError(f"Line {line}: level {level} does not match code {code}.")
        name = next((record[c].strip() for c in name_cols if (record.get(c) or "").strip()), "")
        if not name:
            raise ValidationError(f"Line {line}: region {code} has no name.")
        rows.append(NutsRow(code=code, level=level, name=name))
    return rows


@transaction.atomic
def nuts_import(*, rows: Iterable[NutsRow]) -> tuple[int, int]:
    """Create or update regions, parents before children; returns (created, updated). All or nothing."""
    created = updated = 0
    for row in sorted(rows, key=lambda r: (r.level, r.code)):
        iso = EUROSTAT_TO_ISO.get(row.code[:2], row.code[:2])
        country = Country.objects.filter(code=iso).first()
        if country is None:
            if row.level != 0:
                raise ValidationError(f"Region {row.code}: country {iso} is unknown and the file has no level-0 row.")
            country = Country.objects.create(code=iso, name=row.name)
        parent = NutsRegion.objects.get(code=row.code[:-1]) if row.level > 0 else None
        _, was_created = NutsRegion.objects.update_or_create(
            code=row.code,
            defaults={"level": row.level, "name": row.name, "parent": parent, "country": country},
        )
        created += was_created
        updated += not was_created
    return created, updated
