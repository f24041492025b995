"""The error summary (GOV.UK pattern) on every form page of the portal: each page of the URL matrix is posted
empty by the people who may use it; wherever that shows errors next to fields, the page also has the summary at
the top of the main content, linking every field error to its field, and "Error:" in its title."""

import copy
import re
from html.parser import HTMLParser

import pytest
from django import forms
from django.db import transaction
from django.urls import reverse

from interact_portal.core.error_summary import ErrorItem, form_error_items, page_error_items
from tests.access.conftest import _media_in_tmp, sign_in, world  # noqa: F401
from tests.access.test_url_matrix import every_case
from tests.factories import EventFactory, UserFactory
from tests.projects.conftest import ready  # noqa: F401
from tests.staff.conftest import office  # noqa: F401

pytestmark = pytest.mark.django_db

# the people who fill in forms: applicants, a partner contact, programme staff
FORM_USERS = ["anonymous", "owner", "partner_contact", "staff"]


class Page(HTMLParser):
    """What the test reads of a page: the title, the summary's links and items, and the ids of the page."""

    def __init__(self, html: str):
        super().__init__()
        self.title = ""
        self.ids: set[str] = set()
        self.summary: dict | None = None
        self.summary_links: list[str] = []
        self.summary_items = 0
        self.field_errors = 0
        self._in_title = False
        self._depth = 0  # inside the summary
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "title":
            self._in_title = True
        if "errorlist" in (attrs.get("class") or "").split():
            self.field_errors += 1
        if "data-error-summary" in attrs:
            self.summary = attrs
            self._depth = 1
        elif self._depth:
            self._depth += 1
            if tag == "li":
                self.summary_items += 1
            if tag == "a":
                self.summary_links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def assert_summary(response, label: str) -> Page:
    page = Page(response.content.decode())
    assert page.summary is not None, f"{label}: errors next to fields but no error summary"
    assert page.summary["role"] == "alert" and page.summary["tabindex"] == "-1", label
    assert "There is a problem" in response.content.decode(), label
    assert page.title.strip().startswith("Error:"), f"{label}: title {page.title!r}"
    for href in page.summary_links:
        assert href.startswith("#") and href[1:] in page.ids, f"{label}: {href} links to nothing on the page"
    assert page.summary_items >= max(1, len(page.summary_links)), label
    return page


def _post_empty(client, url):
    cookies = copy.deepcopy(client.cookies)
    with transaction.atomic():
        response = client.post(url)
        transaction.set_rollback(True)
    client.cookies = cookies
    return response


@pytest.mark.parametrize("actor", FORM_USERS)
def test_every_form_page_with_an_invalid_post_shows_the_error_summary(client, world, actor):  # noqa: F811
    """Every URL of the matrix, posted empty: a page that shows field errors shows the summary too."""
    sign_in(client, world, actor)
    pages_with_errors = []
    for label, name, case in every_case():
        if name.startswith(("account_", "mfa_")) and actor != "anonymous" and case.method == "get":
            continue  # allauth's pages of a signed-in person are walked below, one by one
        url = reverse(name, kwargs=case.kwargs(world)) + (f"?{case.query}" if case.query else "")
        response = _post_empty(client, url)
        if response.streaming or response.status_code not in (200, 400, 409):
            continue
        if "errorlist" not in response.content.decode():
            continue
        assert_summary(response, f"{actor} {label}")
        pages_with_errors.append(label)
    assert pages_with_errors, "no form page was found"
    if actor == "owner":
        assert {"projects:start", "projects:partner_add", "projects:invite", "projects:invitation_resend"} <= set(
            pages_with_errors
        )
    if actor == "staff":
        assert {"staff:eligibility", "staff:decision"} <= set(pages_with_errors)
    if actor == "anonymous":
        assert {"account_reset_password"} <= set(pages_with_errors)


def test_the_sign_in_page_with_a_wrong_password_shows_the_summary(client):
    UserFactory(email="someone@example.org")
    response = client.post(reverse("account_login"), {"login": "someone@example.org", "password": "wrong"})
    page = assert_summary(response, "login")
    assert page.summary_items >= 1  # the credentials error belongs to no field: listed without a link


def test_the_signup_page_links_each_field_error_to_its_field(client):
    response = client.post(reverse("account_signup"), {"email": "not-an-email"})
    page = assert_summary(response, "signup")
    assert "#id_email" in page.summary_links


def test_event_registration_with_invalid_input_shows_the_summary(client):
    event = EventFactory()
    client.force_login(UserFactory())
    response = client.post(reverse("events:register", args=[event.slug]), {})
    assert response.status_code == 400
    assert_summary(response, "event registration")


def test_identification_errors_link_to_their_fields(client, world):  # noqa: F811
    sign_in(client, world, "owner")
    url = reverse("projects:identification", args=[world.draft.project.pk])
    data = {"acronym": "", "title": "x" * 1000, "version": world.draft.project.identification_version}
    response = client.post(url, data)
    assert response.status_code == 400
    page = assert_summary(response, "identification")
    assert "#id_acronym" in page.summary_links


def test_a_page_with_several_forms_lists_each_forms_errors(client, world):  # noqa: F811
    """The partners page: a failed re-send lists its own error while the other forms stay quiet."""
    sign_in(client, world, "owner")
    draft = world.draft
    url = reverse("projects:invitation_resend", args=[draft.project.pk, draft.invitation.pk])
    response = client.post(url, {"email": "not-an-email"})
    assert response.status_code == 400
    page = assert_summary(response, "re-send")
    assert any(re.search(r"email", href) for href in page.summary_links)


def test_a_stale_identification_save_still_answers_409_with_the_summary(client, world):  # noqa: F811
    sign_in(client, world, "owner")
    project = world.draft.project
    stale = project.identification_version
    type(project).objects.filter(pk=project.pk).update(identification_version=stale + 1)  # someone else saved
    url = reverse("projects:identification", args=[project.pk])
    data = {"acronym": "DRAFT-AIR", "title": "A title", "summary": "", "duration_months": 24, "version": stale}
    response = client.post(url, data)
    assert response.status_code == 409
    page = assert_summary(response, "conflict")
    assert page.summary_items >= 1


def test_a_page_without_errors_has_no_summary_and_a_plain_title(client, world):  # noqa: F811
    sign_in(client, world, "owner")
    response = client.get(reverse("projects:identification", args=[world.draft.project.pk]))
    page = Page(response.content.decode())
    assert page.summary is None
    assert not page.title.strip().startswith("Error:")


def test_the_summary_does_not_set_the_csrf_cookie_on_pages_without_forms(client):
    response = client.get(reverse("privacy"))
    assert "csrftoken" not in response.cookies


@pytest.mark.parametrize(
    "url", ["/calls/?status=bogus&programme=abc", "/events/?type=bogus", "/projects/?status=bogus&sort=zz"]
)
def test_a_list_with_an_unknown_filter_value_is_no_error_page(client, url):
    """Filters ignore unknown values (an old bookmark is not the visitor's mistake): no summary, a plain title."""
    response = client.get(url)
    assert response.status_code == 200
    page = Page(response.content.decode())
    assert page.summary is None and not page.title.strip().startswith("Error:")


def test_a_page_with_several_forms_lists_the_errors_of_each(client, world):  # noqa: F811
    """Starting an application: the organisation picker and the project form are two forms; both are listed."""
    sign_in(client, world, "owner")
    response = client.post(reverse("projects:start", args=[world.call.pk]), {"acronym": ""})
    assert response.status_code == 400
    page = assert_summary(response, "start")
    assert "#org-new" in page.summary_links and "#id_acronym" in page.summary_links


class _Choices(forms.Form):
    name = forms.CharField(label="Name")
    colour = forms.ChoiceField(label="Colour", choices=[("r", "Red")], widget=forms.RadioSelect)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("Something about the whole form.")


def test_error_items_link_fields_radios_to_their_first_input_and_hidden_fields_to_nothing():
    form = _Choices(data={}, prefix="x")
    items = form_error_items(form)
    assert items[0] == ErrorItem("Something about the whole form.")
    assert ErrorItem("Name: This field is required.", "#id_x-name") in items
    assert ErrorItem("Colour: This field is required.", "#id_x-colour_0") in items
    assert ErrorItem("This field is required.") in items  # the hidden version: nothing to focus


def test_forms_of_a_formset_and_of_objects_in_a_list_are_found_once():
    from django.template import Context

    Formset = forms.formset_factory(_Choices, extra=1)
    formset = Formset(data={"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-0-colour": "r"})
    row = type("Row", (), {})()
    row.form = _Choices(data={"name": "ok", "colour": "r", "version": "1"})
    unbound = _Choices()
    items = page_error_items(Context({"formset": formset, "rows": [row], "again": formset, "unbound": unbound}))
    assert sum(1 for i in items if i.href == "#id_form-0-name") == 1  # the formset once
    assert sum(1 for i in items if i.message == "Something about the whole form.") == 2  # formset form + row form
