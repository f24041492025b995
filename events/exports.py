"""Participant export, streamed row by row from the database: only the registrations the person may see
(events.permissions)."""

import csv
from collections.abc import Iterator

from django.db.models import F, Value
from django.db.models.functions import Concat, Trim

from interact_portal.core.formatting import CSV_BOM

from .choices import RegistrationStatus
from .permissions import registrations_visible_to

# A participant's name as one column, from the account's first and last names.
PARTICIPANT_NAME = Trim(Concat("user__first_name", Value(" "), "user__last_name"))
HEADER = ["event", "name", "email", "organisation", "country", "programme body role", "status", "attended"]


class _Echo:
    def write(self, value):
        return value


def participant_rows(event_ids, *, user) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield CSV_BOM + writer.writerow(HEADER)
    rows = (
        registrations_visible_to(user)
        .filter(event_id__in=event_ids)
        .exclude(status=RegistrationStatus.CANCELLED)
        .order_by("event__starts_at", "event_id", "queued_at", "pk")
        .values_list(
            F("event__title"),
            PARTICIPANT_NAME,
            "user__email",
            "organisation_name",
            "country__name",
            "body_role__name",
            "status",
        )
        .iterator(chunk_size=2000)
    )
    labels = dict(RegistrationStatus.choices)
    for title, name, email, organisation, country, role, status in rows:
        yield writer.writerow(
            [
                title,
                name,
                email,
                organisation,
                country or "",
                role or "",
                str(labels[status]),
                "yes" if status == RegistrationStatus.ATTENDED else "no",
            ]
        )
