"""The writes of the partner search (issue 21): posting, editing and closing a project idea, its status table, its
search index, and expressing interest in one through the contact relay. Turning an idea into an application is
projects.services.idea_conversion (projects depends on partnerships, not the other way round)."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from interact_portal.audit.services import audit_record
from interact_portal.notifications.messages import Message
from interact_portal.notifications.services import notify

from .choices import OrganisationType
from .contact_models import ContactKind
from .idea_cache import ideas_changed
from .idea_models import IDEA_TRANSITIONS, IdeaInterest, IdeaStatus, ProjectIdea
from .idea_policy import edit_refusal, interest_refusal, organisations_of

# The same text search configuration as the project database (projects.search_index.SEARCH_CONFIG, which this app
# may not import): English stemming on accent-folded text (portal_fold).
SEARCH_CONFIG = "english"
MAX_DAYS = 365  # an idea looks for partners for at most a year
FIELDS = ("title", "summary", "programme", "priority", "call", "organisation", "expires_on", "partner_types_sought")

_INDEX_SQL = f"""
UPDATE partnerships_projectidea SET search_vector =
    setweight(to_tsvector('{SEARCH_CONFIG}', portal_fold(title)), 'A')
    || setweight(to_tsvector('{SEARCH_CONFIG}', portal_fold(summary)), 'B')
WHERE id = %s
"""  # noqa: S608 - constant SQL, the id is a parameter


def idea_index(idea: ProjectIdea) -> None:
    """Write the idea's stored search vector (title weighted above summary), in the caller's transaction."""
    with connection.cursor() as cursor:
        cursor.execute(_INDEX_SQL, [idea.pk])
    ideas_changed()


def _problems(*, owner, data: dict) -> dict[str, list[str]]:
    """What is wrong with an idea's values that the model does not know: per field."""
    errors: dict[str, list[str]] = {}
    programme = data.get("programme")
    priority, call, organisation = data.get("priority"), data.get("call"), data.get("organisation")
    if priority is not None and programme is not None and priority.programme_id != programme.pk:
        errors["priority"] = [_("Choose a priority of the programme you chose.")]
    if call is not None and programme is not None and (call.programme_id != programme.pk or not call.is_published):
        errors["call"] = [_("Choose a published call of the programme you chose.")]
    if (expires_on := data.get("expires_on")) is not None:
        today = timezone.localdate()
        if expires_on <= today:
            errors["expires_on"] = [_("Choose a date after today.")]
        elif expires_on > today + timedelta(days=MAX_DAYS):
            errors["expires_on"] = [_("An idea looks for partners for at most a year: choose an earlier date.")]
    if organisation is not None and not organisations_of(owner).filter(pk=organisation.pk).exists():
        errors["organisation"] = [_("Choose an organisation you are the contact person of.")]
    unknown = set(data.get("partner_types_sought") or []) - set(OrganisationType.values)
    if unknown:
        errors["partner_types_sought"] = [_("Choose partner types from the list.")]
    return errors


def _save(idea: ProjectIdea, *, owner, data: dict, countries) -> ProjectIdea:
    for name in FIELDS:
        if name in data:
            setattr(idea, name, data[name])
    idea.title, idea.summary = " ".join((idea.title or "").split()), (idea.summary or "").strip()
    errors = _problems(owner=owner, data=data)
    try:
        idea.full_clean(exclude=["owner"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    idea.save()
    if countries is not None:
        idea.countries_sought.set(countries)
    idea_index(idea)
    return idea


@transaction.atomic
def idea_create(*, owner, data: dict, countries=()) -> ProjectIdea:
    """Post an idea (open until its end date); raises ValidationError per field."""
    if owner is None or not owner.is_authenticated:
        raise PermissionDenied(_("Sign in to post a project idea."))
    idea = _save(ProjectIdea(owner=owner), owner=owner, data=data, countries=countries)
    audit_record(action="idea.posted", actor=owner, target=idea)
    return idea


@transaction.atomic
def idea_update(*, idea: ProjectIdea, by, data: dict, countries=None) -> ProjectIdea:
    idea = ProjectIdea.objects.select_for_update().get(pk=idea.pk)
    if refusal := edit_refusal(by, idea):
        raise PermissionDenied(refusal)
    _save(idea, owner=by, data=data, countries=countries)
    audit_record(action="idea.updated", actor=by, target=idea)
    return idea


@transaction.atomic
def idea_transition(*, idea: ProjectIdea, to: str, by=None, project=None) -> ProjectIdea:
    """Move the idea along IDEA_TRANSITIONS (under a lock on its row); a move the table does not allow is refused."""
    idea = ProjectIdea.objects.select_for_update().get(pk=idea.pk)
    if to not in IDEA_TRANSITIONS[idea.status]:
        raise ValidationError(
            _("This idea is %(status)s: it cannot become %(to)s.")
            % {"status": idea.get_status_display(), "to": IdeaStatus(to).label}
        )
    before, idea.status = idea.status, to
    fields = ["status", "updated_at"]
    if project is not None:
        idea.project = project
        fields.append("project")
    idea.save(update_fields=fields)
    ideas_changed()
    audit_record(action=f"idea.{to}", actor=by, target=idea, changes={"status": (before, to)})
    return idea


@transaction.atomic
def idea_close(*, idea: ProjectIdea, by) -> ProjectIdea:
    """The owner stops looking for partners: the idea leaves the search (a second click changes nothing)."""
    idea = ProjectIdea.objects.select_for_update().get(pk=idea.pk)
    if idea.owner_id != getattr(by, "pk", None):
        raise PermissionDenied(_("Only the person who posted this idea may close it."))
    if idea.status == IdeaStatus.CLOSED:
        return idea
    return idea_transition(idea=idea, to=IdeaStatus.CLOSED, by=by)


def idea_url(idea: ProjectIdea) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("ideas:detail", args=[idea.pk])


@transaction.atomic
def interest_express(*, idea: ProjectIdea, person, body: str, organisation=None) -> IdeaInterest:
    """Tell the idea's owner that this person is interested (once), through the relay: to the contacts of the idea's
    organisation when it has one that can receive messages, else to the owner's own address; neither side sees an
    address on the portal. The owner is also told in the portal. Raises ValidationError per field when refused."""
    from .models import Organisation
    from .relay import message_relay, message_relay_to_person, organisation_contact_addresses

    idea = ProjectIdea.objects.select_for_update(of=("self",)).select_related("owner", "organisation").get(pk=idea.pk)
    if refusal := interest_refusal(person, idea):
        raise ValidationError(refusal)
    if organisation is not None and not organisations_of(person).filter(pk=organisation.pk).exists():
        raise ValidationError({"organisation": [_("Choose an organisation you are the contact person of.")]})
    subject = _("Interest in your project idea: %(title)s") % {"title": idea.title}
    subject = subject[:150]
    link = idea_url(idea)
    if isinstance(idea.organisation, Organisation) and organisation_contact_addresses(idea.organisation):
        message = message_relay(
            sender=person,
            organisation=idea.organisation,
            subject=subject,
            body=body,
            kind=ContactKind.INTEREST,
            link=link,
        )
    else:
        message = message_relay_to_person(
            sender=person, recipient=idea.owner, subject=subject, body=body, kind=ContactKind.INTEREST, link=link
        )
    try:
        with transaction.atomic():
            interest = IdeaInterest.objects.create(idea=idea, person=person, organisation=organisation, message=message)
    except IntegrityError as error:  # the same person, at the same moment, in another request
        raise ValidationError(_("You have already expressed interest in this idea.")) from error
    who = person.get_full_name() or gettext_lazy("Someone")
    if organisation is not None:
        who = Message("%(who)s (%(organisation)s)", who=who, organisation=organisation.name)
    notify(
        event="idea.interest",
        actor=person,
        target=idea,
        recipients=[idea.owner],
        title=Message(gettext_noop("%(who)s is interested in your idea “%(title)s”"), who=who, title=idea.title),
        body=Message(
            gettext_noop("Their message was sent to you by email. See everyone interested on your ideas page.")
        ),
        url=reverse("ideas:mine"),
        email=False,  # the relay has emailed them the message itself
    )
    return interest
