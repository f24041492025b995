"""Issue 21's partner search in Chromium, every page 320 px wide and through axe-core: person A posts a project idea,
person B finds it through the search and its facets and expresses interest (relayed, no address shown), and A turns
the idea into an application on the open call, which invites B as a partner."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from interact_portal.notifications.models import OutboxEmail
from partnerships.idea_models import IdeaInterest, IdeaStatus, ProjectIdea
from partnerships.models import PartnerInvitation
from projects.models import Project
from tests.browser.helpers import fits_narrow, login
from tests.ideas.conftest import _abuse_page_until_merged, ideas_world  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("_abuse_page_until_merged"),
]

TITLE = "Cooling Danube cities with green roofs"


def _fine(page, axe, heading: str) -> None:
    expect(page.get_by_role("heading", name=heading, exact=True).first).to_be_visible()
    fits_narrow(page, 320)
    assert axe(page) == []


@pytest.fixture
def person(browser, live_server):
    contexts = []

    def sign_in(user):
        context = browser.new_context(base_url=live_server.url)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        login(page, user.email)
        return page

    yield sign_in
    for context in contexts:
        context.close()


def test_an_idea_finds_a_partner_and_becomes_an_application(person, axe, ideas_world):  # noqa: F811
    w = ideas_world
    # A posts the idea (first with a mistake: the errors are next to the fields and summed up above the form)
    a = person(w.owner)
    a.goto("/ideas/")
    _fine(a, axe, "Partner search: project ideas")
    a.get_by_role("link", name="Post a project idea").click()
    _fine(a, axe, "Post a project idea")
    a.locator("#id_title").fill(TITLE)
    a.locator("#id_programme").select_option(label=w.programme.name)
    a.locator("#id_expires_on").fill((timezone.localdate() + timedelta(days=45)).isoformat())
    a.get_by_role("button", name="Post the idea").click()
    expect(a.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert axe(a) == []
    a.locator("#id_summary").fill("Pilot green roofs on schools and measure how much cooler the streets get.")
    a.get_by_label("Hungary").check()
    a.get_by_label("Higher education and research").check()
    a.locator("#id_organisation").select_option(label=str(w.owner_org))
    a.get_by_role("button", name="Post the idea").click()
    _fine(a, axe, TITLE)
    idea = ProjectIdea.objects.get(title=TITLE)

    # B searches, narrows by a facet, opens the idea and expresses interest
    b = person(w.person)
    b.goto("/ideas/")
    b.get_by_label("Search project ideas").fill("green roof")
    b.get_by_role("button", name="Search").click()
    expect(b.get_by_role("status")).to_contain_text("1 idea")
    b.get_by_role("link", name="Hungary").click()
    _fine(b, axe, "Partner search: project ideas")
    b.get_by_role("link", name=TITLE).click()
    _fine(b, axe, TITLE)
    b.get_by_role("link", name="Express interest").click()
    _fine(b, axe, "Express interest")
    b.locator("#id_organisation").select_option(label=str(w.person_org))
    b.get_by_label("Your message").fill("Our university measures urban heat and would like to join.")
    b.get_by_role("button", name="Send").click()
    expect(b.get_by_text("Your message was sent to the idea's owner.")).to_be_visible()
    expect(b.get_by_text("You expressed interest")).to_be_visible()
    assert w.owner.email not in b.content()
    interest = IdeaInterest.objects.get(idea=idea, person=w.person)
    assert OutboxEmail.objects.filter(key__startswith=f"relay:{interest.message_id}:", to=w.owner.email).exists()

    # A sees who is interested (no address), and turns the idea into an application on the open call
    a.goto("/ideas/mine/")
    _fine(a, axe, "My project ideas")
    expect(a.get_by_role("cell", name=w.person_org.name)).to_be_visible()
    assert w.person.email not in a.content()
    a.get_by_role("link", name=f"Turn into an application {TITLE}").click()
    _fine(a, axe, "Turn your idea into an application")
    a.locator("#id_call").select_option(label=f"{w.open_call.reference} · {w.open_call.title}")
    a.get_by_label("Project acronym").fill("COOLROOF")
    a.get_by_role("button", name="Start the application").click()
    expect(a.get_by_text("the people interested in your idea are invited")).to_be_visible()
    project = Project.objects.get(acronym="COOLROOF")
    assert (project.title, project.call) == (TITLE, w.open_call)
    assert PartnerInvitation.objects.filter(project=project, email=w.person.email, accepted_at=None).exists()
    assert ProjectIdea.objects.get(pk=idea.pk).status == IdeaStatus.CONVERTED

    # the idea has left the search
    b.goto("/ideas/?q=green+roof")
    expect(b.get_by_role("status")).to_contain_text("0 ideas")
