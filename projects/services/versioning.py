"""Optimistic locking of application sections: a save based on a stale version is refused, never applied."""

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _


class StaleVersion(ValidationError):
    """Someone saved the section since the form was opened; the form keeps the user's input to compare."""

    def __init__(self):
        super().__init__(_("Someone else saved this section after you opened it. Nothing was overwritten."))


def update_if_current(model, *, pk: int, version_field: str, version: int, values: dict) -> int:
    """UPDATE … WHERE version = the one the form was built from; returns the new version or raises StaleVersion."""
    updated = model.objects.filter(pk=pk, **{version_field: version}).update(
        **values, **{version_field: F(version_field) + 1}
    )
    if not updated:
        raise StaleVersion()
    return version + 1
