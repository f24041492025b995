"""Numbered rows of a section (objectives, activities, deliverables, outputs, results) brought in line with what
the form holds, inside the caller's transaction."""

from django.db.models import F


def rows_sync(queryset, rows: list[dict], fields: list[str], *, create, number_field: str = "number") -> list:
    """Bring numbered rows in line with the form: delete the removed ones, update the kept ones, create the new
    ones, and number them 1…n in the form's order. Numbers are unique per parent, so kept rows move out of the way
    first (numbers past any in use), then take their place. Returns the saved rows in order."""
    existing = {obj.pk: obj for obj in queryset}
    removed = [row["pk"] for row in rows if row.get("pk") in existing and row.get("delete")]
    if removed:
        queryset.model.objects.filter(pk__in=removed).delete()
    kept = [row for row in rows if not row.get("delete")]
    mentioned = {row.get("pk") for row in rows}
    # rows the form did not show (none, under the section's version lock) keep their order, after the form's
    unmentioned = [obj for obj in existing.values() if obj.pk not in mentioned]
    unmentioned.sort(key=lambda obj: getattr(obj, number_field))
    offset = 1000 + len(existing) + len(kept)
    keep_pks = [row["pk"] for row in kept if row.get("pk") in existing] + [obj.pk for obj in unmentioned]
    if keep_pks:
        queryset.model.objects.filter(pk__in=keep_pks).update(**{number_field: F(number_field) + offset})
    for number, obj in enumerate(unmentioned, start=len(kept) + 1):
        queryset.model.objects.filter(pk=obj.pk).update(**{number_field: number})
    saved = []
    for number, row in enumerate(kept, start=1):
        values = {field: row[field] for field in fields if field in row}
        if row.get("pk") in existing:
            obj = existing[row["pk"]]
            for field, value in values.items():
                setattr(obj, field, value)
            setattr(obj, number_field, number)
            queryset.model.objects.filter(pk=obj.pk).update(**values, **{number_field: number})
        else:
            obj = create(number, values)
            obj.save()
        saved.append(obj)
    return saved
