"""Who sees which project ideas, and who may do what with one: the one policy of ProjectIdea and IdeaInterest.

The public list (everyone, signed in or not) shows open ideas whose end date has not passed. An idea's owner sees
their own in any status. Anyone else meets any other idea as if it did not exist (404). An interest is seen by the
person who expressed it and by the idea's owner, never by anyone else; nobody's address is ever shown.
"""

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .idea_models import IdeaInterest, IdeaStatus, ProjectIdea


def listed_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status": IdeaStatus.OPEN, f"{prefix}expires_on__gte": timezone.localdate()})


def ideas_listed() -> QuerySet[ProjectIdea]:
    """The ideas of the public partner search."""
    return ProjectIdea.objects.filter(listed_q())


def ideas_visible_to(user) -> QuerySet[ProjectIdea]:
    """The ideas this person may open: the listed ones, and their own in any status."""
    if getattr(user, "is_authenticated", False):
        return ProjectIdea.objects.filter(listed_q() | Q(owner=user))
    return ideas_listed()


def is_listed(idea: ProjectIdea) -> bool:
    return idea.status == IdeaStatus.OPEN and idea.expires_on >= timezone.localdate()


def is_owner(user, idea: ProjectIdea) -> bool:
    return getattr(user, "is_authenticated", False) and idea.owner_id == user.pk


def edit_refusal(user, idea: ProjectIdea) -> str | None:
    """Why this person may not change (edit, close, convert) the idea, or None. Only its owner, while it is open."""
    if not is_owner(user, idea):
        return _("Only the person who posted this idea may change it.")
    if idea.status != IdeaStatus.OPEN:
        return _("This idea is %(status)s: it can no longer be changed.") % {"status": idea.get_status_display()}
    return None


def interest_refusal(user, idea: ProjectIdea) -> str | None:
    """Why this person may not express interest in the idea, or None."""
    if not getattr(user, "is_authenticated", False):
        return _("Sign in to express interest.")
    if idea.owner_id == user.pk:
        return _("This is your own idea.")
    if not is_listed(idea):
        return _("This idea no longer looks for partners.")
    if IdeaInterest.objects.filter(idea=idea, person=user).exists():
        return _("You have already expressed interest in this idea.")
    return None


def interests_visible_to(user, idea: ProjectIdea) -> QuerySet[IdeaInterest]:
    """The interests in this idea the person may see: all of them for the owner, their own for anyone else."""
    interests = IdeaInterest.objects.filter(idea=idea).select_related("person", "organisation")
    if is_owner(user, idea):
        return interests
    if getattr(user, "is_authenticated", False):
        return interests.filter(person=user)
    return interests.none()


def interests_of(user) -> QuerySet[IdeaInterest]:
    """The interests a person expressed (theirs to see)."""
    return IdeaInterest.objects.filter(person=user).select_related("idea")


def organisations_of(user):
    """The organisations a person may speak for here: those they are the contact person of in a partnership."""
    from .models import Organisation

    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(partnerships__contact_user=user).distinct().order_by("name")
