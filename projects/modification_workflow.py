"""The modification workflow: its statuses and the one table of allowed steps (projects/services/modifications.py
is its only writer).

requested → open (staff open it: the application becomes editable on a draft of the next version)
requested → declined (staff refuse to open it, with the reason)
open → submitted (the project's managers, after the checklist)
open → withdrawn (the project's managers give up: the live tables go back to the version in force)
submitted → open (staff send it back for changes)
submitted → approved (a new version in force from the entry-into-force date)
submitted → rejected (the version in force stays, untouched; the live tables go back to it)
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ModificationStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    OPEN = "open", _("Open for changes")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


MODIFICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    ModificationStatus.REQUESTED: frozenset({ModificationStatus.OPEN, ModificationStatus.DECLINED}),
    ModificationStatus.OPEN: frozenset({ModificationStatus.SUBMITTED, ModificationStatus.WITHDRAWN}),
    ModificationStatus.SUBMITTED: frozenset(
        {ModificationStatus.OPEN, ModificationStatus.APPROVED, ModificationStatus.REJECTED}
    ),
    ModificationStatus.APPROVED: frozenset(),
    ModificationStatus.REJECTED: frozenset(),
    ModificationStatus.DECLINED: frozenset(),
    ModificationStatus.WITHDRAWN: frozenset(),
}

# a project has at most one modification in these statuses (a partial unique index says so too)
ACTIVE = frozenset({ModificationStatus.REQUESTED, ModificationStatus.OPEN, ModificationStatus.SUBMITTED})
# the live tables are a draft of the next version (the application form is editable in OPEN only)
DRAFTING = frozenset({ModificationStatus.OPEN, ModificationStatus.SUBMITTED})
# a draft that did not come into force: the live tables go back to the version in force
RESTORING = frozenset({ModificationStatus.REJECTED, ModificationStatus.WITHDRAWN})


def can_step(current: str, target: str) -> bool:
    return target in MODIFICATION_TRANSITIONS.get(current, frozenset())
