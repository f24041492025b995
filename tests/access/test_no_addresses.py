"""No email address in any page (issue 21): every GET page of the URL matrix, as every person of the matrix, is
scanned for anything that looks like an address (also written as entities or %-encoded).

Allowed, and nothing more:
- the reader's own address where a page shows them their own account: the header's person menu (every page,
  signed in), the pages of their account (its addresses, the data it holds, its second factor) and an invitation
  link's page ("you are signed in as …"; the invited address itself is masked there);
- on the pages of one's own work (an application's workspace, the staff pages, one's notifications and reports),
  the addresses of the people of that work: the collaborators, typed partner contacts, invitations and
  manager contacts of the applications the reader works on, and, for programme staff, of their programmes'
  applications and their fellow staff (the history and the audit trail name people by address when they gave
  no name). Someone else's application or programme gives none.
Public pages (the project database, organisation pages, programmes, calls, events) allow no address at all: not
an organisation's contacts (the relay's recipients), not anybody's.
"""

import re
from html import escape, unescape
from types import SimpleNamespace
from urllib.parse import unquote

import pytest
from django.http import HttpResponse
from django.urls import reverse

from .conftest import ACTORS, sign_in
from .test_url_matrix import every_case

pytestmark = pytest.mark.django_db

ADDRESS = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# the pages that show a person their own account, where their own address is part of what they came to see
OWN_ACCOUNT = {"account_email", "my_data", "profile", "mfa_index", "mfa_activate_totp"}
OWN_ACCOUNT |= {"projects:invitation", "projects:collaborator_invitation"}
WORK = ("projects:", "staff:", "control:", "notifications:", "reports:")  # the pages of one's own work
TEXT = ("text/", "application/json", "application/javascript")


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", errors="replace")


def addresses(text: str) -> set[str]:
    """The addresses in a page, also written as entities or %-encoded (an address in a link's query)."""
    return {found.lower() for found in ADDRESS.findall(unquote(unescape(text)))}


def work_addresses(reader) -> set[str]:
    """The addresses of the people of the reader's own work (see the module's docstring)."""
    from partnerships.models import PartnerInvitation, ProjectPartner
    from programmes.models import ProgrammeStaff
    from projects.models import CollaboratorInvitation, Project, ProjectCollaborator, ProjectManagerContact

    if reader is None:
        return set()
    staffed = ProgrammeStaff.objects.filter(user=reader).values("programme")
    projects = Project.objects.all() if reader.is_superuser else Project.objects.filter(programme__in=staffed)
    projects = (projects | Project.objects.filter(collaborators__user=reader)).values("pk")
    colleagues = (
        ProgrammeStaff.objects.all() if reader.is_superuser else ProgrammeStaff.objects.filter(programme__in=staffed)
    )
    found = set(ProjectCollaborator.objects.filter(project__in=projects).values_list("user__email", flat=True))
    partners = ProjectPartner.objects.filter(project__in=projects)
    found |= set(partners.values_list("contact_email", flat=True))
    found |= set(partners.values_list("contact_user__email", flat=True))
    for model in (PartnerInvitation, CollaboratorInvitation, ProjectManagerContact):
        found |= set(model.objects.filter(project__in=projects).values_list("email", flat=True))
    found |= set(colleagues.values_list("user__email", flat=True))
    return {address.lower() for address in found if address}


def strangers(name: str, response, reader, work: set[str]) -> set[str]:
    """The addresses a page shows that it should not."""
    if not response.get("Content-Type", "").startswith(TEXT):
        return set()
    text = body(response)
    own = reader.email.lower() if reader is not None else None
    if own is not None:  # the header's person menu, when it holds the reader's own address (and nobody else's)
        text = text.replace(f'<span class="who">{escape(reader.email)}</span>', "", 1)
    found = addresses(text)
    if name in OWN_ACCOUNT:
        found.discard(own)
    if name.startswith(WORK):
        found -= work
    return found


def test_the_scan_finds_addresses_however_they_are_written():
    page = '<a href="/x/?to=ana%40example.org">Ana</a> bo&#64;example.eu <span class="who">me@example.org</span>'
    assert addresses(page) == {"ana@example.org", "bo@example.eu", "me@example.org"}
    assert addresses("2024@15 · user@localhost · @handle") == set()


def test_only_what_the_rules_allow_is_taken_out():
    reader, page = SimpleNamespace(email="me@example.org"), HttpResponse
    header = '<span class="who">me@example.org</span> <span class="who">you@example.org</span>'
    assert strangers("home", page(header), reader, set()) == {"you@example.org"}
    assert strangers("home", page("Signed in as me@example.org"), reader, set()) == {"me@example.org"}
    assert strangers("account_email", page("me@example.org"), reader, set()) == set()
    work = {"a@example.org"}
    assert strangers("projects:partners", page("a@example.org b@example.org"), reader, work) == {"b@example.org"}
    assert strangers("database:organisation", page("a@example.org"), reader, work) == {"a@example.org"}
    assert strangers("database:export_csv", page("a@example.org", content_type="text/csv"), None, set()) == {
        "a@example.org"
    }


@pytest.mark.usefixtures("templates_rendered_plainly")
@pytest.mark.parametrize("actor", ACTORS)
def test_no_page_shows_an_address_but_the_readers_own_on_their_account(client, world, actor):
    sign_in(client, world, actor)
    reader = world.people[actor]
    work = work_addresses(reader)
    leaks = {}
    for label, name, case in every_case():
        if case.method != "get":
            continue
        url = reverse(name, kwargs=case.kwargs(world)) + (f"?{case.query}" if case.query else "")
        if found := strangers(name, client.get(url), reader, work):
            leaks[label] = sorted(found)
    assert not leaks, f"{actor}, addresses shown:\n" + "\n".join(f"{k}: {v}" for k, v in leaks.items())
