"""Turning a project idea of the partner search into an application in one step (issue 21): the idea's owner picks
an open call of the idea's programme; the application starts with the idea's title and summary, the owner's
organisation as lead partner, and every person who expressed interest invited as a partner. One transaction: the
idea becomes "converted" and points to the application, or nothing at all happens.

It lives in projects because it starts an application (projects depends on partnerships, not the other way)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from interact_portal.audit.services import audit_record
from interact_portal.core.collation import by_name
from interact_portal.notifications.messages import Message
from interact_portal.notifications.services import notify
from partnerships.choices import PartnerRole
from partnerships.idea_models import IdeaStatus, ProjectIdea
from partnerships.idea_policy import edit_refusal, organisations_of
from partnerships.idea_services import idea_transition
from partnerships.models import Organisation

from ..models import Project
from ..rules import call_closed_problem
from .applications import application_start
from .invitations import invitation_create


def conversion_organisations(user, idea: ProjectIdea):
    """The organisations the owner may start the application for: theirs, and the idea's."""
    mine = organisations_of(user).values("pk")
    return Organisation.objects.filter(Q(pk__in=mine) | Q(pk=idea.organisation_id)).order_by(by_name("name"), "pk")


def conversion_refusal(user, idea: ProjectIdea, call) -> dict[str, list[str]] | str | None:
    """Why this person may not turn the idea into an application on this call (per field), or None."""
    if refusal := edit_refusal(user, idea):
        return refusal
    if call is None:
        return {"call": [_("Choose a call.")]}
    if call.programme_id != idea.programme_id:
        return {"call": [_("Choose a call of the idea's programme.")]}
    if problem := call_closed_problem(call):
        return {"call": [problem]}
    return None


@transaction.atomic
def idea_convert(*, idea: ProjectIdea, call, organisation: Organisation, acronym: str, by) -> Project:
    """Start the application and invite the interested people, or refuse with the reason (ValidationError)."""
    idea = ProjectIdea.objects.select_for_update().get(pk=idea.pk)
    if refusal := conversion_refusal(by, idea, call):
        raise ValidationError(refusal)
    if organisation is None or not conversion_organisations(by, idea).filter(pk=organisation.pk).exists():
        raise ValidationError({"organisation": [_("Choose your organisation: it becomes the lead partner.")]})
    project = application_start(call=call, organisation=organisation, acronym=acronym, by=by)
    project.title, project.summary = idea.title[:300], idea.summary
    project.save(update_fields=["title", "summary"])
    interests = list(idea.interests.select_related("person").filter(person__is_active=True).exclude(person=by))
    for interest in interests:
        invitation_create(project=project, email=interest.person.email, role=PartnerRole.PARTNER, by=by)
    idea_transition(idea=idea, to=IdeaStatus.CONVERTED, by=by, project=project)
    audit_record(
        action="idea.converted", actor=by, target=project, note=f"idea {idea.pk}: {len(interests)} invitations"
    )
    notify(
        event="idea.converted",
        actor=by,
        target=idea,
        recipients=[interest.person for interest in interests],
        title=Message(
            gettext_noop("“%(title)s” became an application: you are invited as a partner"), title=idea.title
        ),
        body=Message(
            gettext_noop("The invitation was emailed to you: open its link to join %(acronym)s."),
            acronym=project.acronym,
        ),
        url=reverse("ideas:mine"),
        email=False,  # the invitation's own email carries the link
    )
    return project
