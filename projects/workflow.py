"""The application → project workflow: its statuses and the one table of allowed transitions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CONCEPT_SUBMITTED = "concept_submitted", _("Concept note submitted")
    SUBMITTED = "submitted", _("Submitted")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Ineligible")
    APPROVED = "approved", _("Approved")
    APPROVED_WITH_CONDITIONS = "approved_with_conditions", _("Approved with conditions")
    NOT_APPROVED = "not_approved", _("Not approved")
    CONTRACTED = "contracted", _("Contracted")
    CLOSED = "closed", _("Closed")


ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    # a two-step call: the concept note is submitted, then staff invite it to step 2 (back to draft) or reject it
    Status.DRAFT: frozenset({Status.SUBMITTED, Status.CONCEPT_SUBMITTED}),
    Status.CONCEPT_SUBMITTED: frozenset({Status.DRAFT, Status.NOT_APPROVED}),
    Status.SUBMITTED: frozenset({Status.ELIGIBLE, Status.INELIGIBLE}),
    Status.ELIGIBLE: frozenset({Status.APPROVED, Status.APPROVED_WITH_CONDITIONS, Status.NOT_APPROVED}),
    Status.INELIGIBLE: frozenset(),
    # with conditions the application goes back to the applicants, who resubmit
    Status.APPROVED_WITH_CONDITIONS: frozenset({Status.SUBMITTED}),
    Status.APPROVED: frozenset({Status.CONTRACTED}),
    Status.NOT_APPROVED: frozenset(),
    Status.CONTRACTED: frozenset({Status.CLOSED}),
    # reopening a closed project is a separate, audited step for programme managers (projects.services.closure)
    Status.CLOSED: frozenset({Status.CONTRACTED}),
}

# Statuses in which a project is public (project database, programme pages).
PUBLIC_STATUSES = frozenset({Status.APPROVED, Status.CONTRACTED, Status.CLOSED})


def can_transition(current: str, target: str) -> bool:
    return target in ALLOWED_TRANSITIONS.get(current, frozenset())


# Statuses in which the applicants may edit the application (with conditions it goes back to them).
EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.APPROVED_WITH_CONDITIONS})


def is_editable(project) -> bool:
    """May the application form be changed now? Before the decision as above; after the contract only while a
    modification is open (the form is then the draft of the next version)."""
    return project.status in EDITABLE_STATUSES or (project.status == Status.CONTRACTED and project.modification_open)
