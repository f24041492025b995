"""Journeys in another language, in Chromium with axe-core (issue 20): an applicant in Polish signs up, starts an
application and invites a partner, whose invitation email is Polish; a programme manager whose language is German
signs in, lands on German pages and asks for the summary in German as well. Every page says its language in
`<html lang>`. The expected words come from the catalogues, so the test reads what a Polish or German person reads."""

import re

import pytest
from django.core import mail
from django.utils import translation
from playwright.sync_api import expect

from interact_portal.accounts.models import User
from partnerships.choices import OrganisationType, Sector
from programmes.models import Call
from projects.models import Project
from tests.browser.helpers import login, signed_in
from tests.conftest import wait_for
from tests.factories import PASSWORD, CallFactory, CountryFactory, ProgrammeFactory, SpecificObjectiveFactory
from tests.mfa import totp_code, totp_setup
from tests.projects.conftest import ready  # noqa: F401
from tests.staff.conftest import office  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def said(language: str, text: str, **params) -> str:
    with translation.override(language):
        words = translation.gettext(text)
    assert words != text or language == "en", f"not translated into {language}: {text}"
    return words % params if params else words


def _link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/[^\s]+)", message.body).group(1)


def test_an_applicant_in_polish_signs_up_applies_and_invites_in_polish(browser, live_server, celery_worker, axe):
    poland, germany = CountryFactory(code="PL"), CountryFactory(code="DE")
    programme = ProgrammeFactory(name="Interreg Polska–Saksonia")
    programme.countries.set([poland, germany])
    objective = SpecificObjectiveFactory(priority__programme=programme, code="SO1.1")
    call = CallFactory(programme=programme, reference="PL-SN-2026-01")
    call.allowed_objectives.set([objective])

    page = browser.new_context(base_url=live_server.url, locale="pl-PL").new_page()
    page.set_default_timeout(15000)
    # the home page in English (no prefix); the switcher names Polish in Polish
    page.goto("/")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Polski").click()
    page.wait_for_url("**/pl/")
    assert page.locator("html").get_attribute("lang") == "pl"
    assert axe(page) == []

    # sign up in Polish: the account keeps Polish, the confirmation email is Polish
    page.goto("/pl/accounts/signup/")
    assert axe(page) == []
    page.get_by_label(said("pl", "First name")).fill("Agnieszka")
    page.get_by_label(said("pl", "Last name")).fill("Nowak")
    page.locator("#id_email").fill("agnieszka@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("form[action$='/signup/'] button[type=submit]").click()
    wait_for(lambda: any(m.to == ["agnieszka@example.org"] for m in mail.outbox), message="no confirmation email")
    assert User.objects.get(email="agnieszka@example.org").language == "pl"
    confirmation = next(m for m in mail.outbox if m.to == ["agnieszka@example.org"])
    assert _link_in(confirmation).startswith("/pl/")
    page.goto(_link_in(confirmation))
    page.locator("form button[type=submit]").last.click()
    assert signed_in(page)

    # start an application: every page in Polish, axe-clean
    page.goto("/pl/calls/")
    page.get_by_role("link", name=re.compile("PL-SN-2026-01")).click()
    page.wait_for_url(f"**/pl/calls/{call.pk}/")
    assert page.locator("html").get_attribute("lang") == "pl"
    assert axe(page) == []
    page.get_by_role("link", name=said("pl", "Start an application")).click()
    assert axe(page) == []
    page.get_by_label(said("pl", "My organisation is not listed: register it")).check()
    page.locator("#id_org-name").fill("Urząd Miasta Zgorzelec")
    page.locator("#id_org-type").select_option(OrganisationType.LOCAL_AUTHORITY)
    page.locator("#id_org-sector").select_option(Sector.PUBLIC)
    page.locator("#id_org-country").select_option("PL")
    page.locator("#id_acronym").fill("NYSA")
    page.get_by_role("button", name=said("pl", "Start the application")).click()
    expect(
        page.get_by_text(said("pl", "Your application is started. Fill in each section, then submit."))
    ).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "pl"
    assert axe(page) == []
    project = Project.objects.get(acronym="NYSA")

    # invite a partner who has no account: the invitation email is Polish, its link keeps Polish
    page.goto(f"/pl/applications/{project.pk}/partners/")
    page.get_by_label(said("pl", "Partner's email")).fill("jan@example.org")
    page.get_by_role("button", name=said("pl", "Send the invitation")).click()
    expect(page.get_by_text(said("pl", "Invitation sent to %(email)s.", email="jan@example.org"))).to_be_visible()
    assert axe(page) == []
    wait_for(lambda: any(m.to == ["jan@example.org"] for m in mail.outbox), message="no invitation email")
    invitation = next(m for m in mail.outbox if m.to == ["jan@example.org"])
    assert _link_in(invitation).startswith("/pl/")
    assert invitation.subject.endswith(said("pl", "Invitation to join %(acronym)s", acronym="NYSA"))
    assert said("pl", "Accept the invitation and fill in your partner section:") in invitation.body


def test_a_german_manager_works_in_german(page, office, axe):  # noqa: F811
    staff = office.programme_manager
    User.objects.filter(pk=staff.pk).update(language="de")
    call = CallFactory(programme=office.programme, is_published=False, reference="DE-CZ-2026-01")
    login(page, staff.email, totp_code(totp_setup(staff)))
    # signed in, an address without a prefix leads to the same page in German
    page.goto(f"/staff/{office.programme.slug}/calls/{call.pk}/setup/form/")
    page.wait_for_url(f"**/de/staff/{office.programme.slug}/calls/{call.pk}/setup/form/")
    assert page.locator("html").get_attribute("lang") == "de"
    expect(page.get_by_role("heading", level=1)).to_contain_text("DE-CZ-2026-01")
    # German's longer words wrap the navigation; the person menu stays on the screen, nothing scrolls sideways
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    expect(page.locator(".person-menu > summary")).to_be_in_viewport()
    assert axe(page) == []

    # asking for the summary in every language without another language: a German error next to the field
    summary = said("de", "Summary")
    page.get_by_label(said("de", "%(field)s: required in every language applicants write in", field=summary)).check()
    page.get_by_role("button", name=said("de", "Save")).click()
    expect(page.locator(".error-summary")).to_contain_text(
        said("de", "Choose another language applicants write in above, or untick this.")
    )
    assert axe(page) == []

    page.get_by_role("group", name=said("de", "Other languages applicants write in")).get_by_label(
        said("de", "German")
    ).check()
    page.get_by_role("button", name=said("de", "Save")).click()
    expect(page.get_by_text(said("de", "The form's fields are saved."))).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "de"
    assert axe(page) == []
    call.refresh_from_db()
    assert call.input_languages == ["en", "de"]
    assert call.form_rules == {"project.summary": {"every_language": True}}
    assert Call.objects.get(pk=call.pk).form_rules["project.summary"]["every_language"] is True
