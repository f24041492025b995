"""A two-step call in Chromium (issue 17, items 2 and 7): the applicant submits the concept note, an officer
approves step 1 on its page, the applicant finds the full form, invites a colleague by email at a level, and the
colleague accepts from the emailed link. axe-core checks each new page on the way."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from programmes.choices import CallKind
from projects.models import CollaboratorInvitation, Stage
from projects.services.collaborator_invitations import collaborator_invitation_link
from tests.browser.helpers import login, logout
from tests.factories import UserFactory
from tests.mfa import totp_code, totp_setup
from tests.projects.conftest import ready  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_concept_note_step1_approval_full_form_and_a_colleague_invited(page, ready, axe):  # noqa: F811
    call, project = ready.call, ready.project
    call.kind, call.step1_sections = CallKind.TWO_STEP, ["identification", "partners"]
    call.step2_closes_at = call.closes_at + (call.closes_at - call.opens_at)
    call.save()
    project.stage = Stage.CONCEPT
    project.save()

    login(page, ready.manager.email)
    page.goto(reverse("projects:check", args=[project.pk]))
    expect(
        page.get_by_role("navigation", name="Application sections").get_by_role("link", name="Budget")
    ).to_have_count(0)
    page.get_by_role("link", name="Check your answers and submit the concept note").click()
    expect(page.locator("#summary-partners")).to_be_visible()
    expect(page.locator("#summary-budget")).to_have_count(0)  # only the concept note's sections
    page.get_by_label("I confirm the information is correct and complete").check()
    page.get_by_role("button", name="Submit the concept note").click()
    expect(page.get_by_text("decides step 1")).to_be_visible()
    logout(page)

    secret = totp_setup(ready.staff)
    login(page, ready.staff.email, totp_code(secret))
    page.goto(reverse("staff:application", args=[ready.programme.slug, project.pk]))
    page.get_by_role("link", name="Decide on the concept note (step 1)").click()
    expect(page.get_by_role("heading", name="The application")).to_be_visible()
    assert axe(page) == []
    page.get_by_role("radio", name=re.compile("Approve: the applicants")).check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Step 1 decided; the applicants are told.")).to_be_visible()
    logout(page)

    login(page, ready.manager.email)
    page.goto(reverse("projects:collaborators", args=[project.pk]))
    expect(
        page.get_by_role("navigation", name="Application sections").get_by_role("link", name="Budget")
    ).to_be_visible()
    page.get_by_label("Colleague's email").fill("colleague@example.org")
    page.locator("#id_invite_level").select_option("edit")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("Invitation sent to colleague@example.org.")).to_be_visible()
    assert axe(page) == []
    logout(page)

    UserFactory(email="colleague@example.org")
    link = collaborator_invitation_link(CollaboratorInvitation.objects.get(project=project))
    login(page, "colleague@example.org")
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    assert axe(page) == []
    page.get_by_role("button", name="Accept and join").click()
    expect(page.get_by_text(f"Welcome to {project.acronym}.")).to_be_visible()
    assert project.collaborators.get(user__email="colleague@example.org").level == "edit"
