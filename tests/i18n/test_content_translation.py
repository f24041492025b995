"""Content in the programme's languages (issue 20): texts in the reader's language, English with a notice where a
language has no text, staff editing the languages their programme declares (in tabs), and the report of what is
missing, scoped to the programme's staff."""

from importlib import import_module

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interact_portal.audit.models import AuditEntry
from programmes.models import Call, Programme, StaffRole
from tests.factories import CallFactory, EventFactory, ProgrammeFactory, SpecificObjectiveFactory
from tests.staff.conftest import staff_member
from tests.staff.test_admin_doors import change_form_data

pytestmark = pytest.mark.django_db
NOTICE = 'class="content-fallback"'


@pytest.fixture
def programme():
    return ProgrammeFactory(content_languages=["de", "en"])


@pytest.fixture
def call(programme):
    return CallFactory(programme=programme, title="Greener regions call", description="Apply for pilots.")


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- the reader's language, and English with a notice ------------------------------------------------------------


def test_the_german_text_is_shown_under_de_and_the_english_one_without_prefix(client, call):
    Call.objects.filter(pk=call.pk).update(title_de="Aufruf für grünere Regionen", description_de="Pilotprojekte.")
    german = page(client, f"/de/calls/{call.pk}/")
    assert "Aufruf für grünere Regionen" in german and "Pilotprojekte." in german
    assert "Greener regions call" not in german and NOTICE not in german  # translated: no notice
    english = page(client, f"/calls/{call.pk}/")
    assert "Greener regions call" in english and "Aufruf" not in english and NOTICE not in english


def test_a_missing_german_text_falls_back_to_english_with_a_visible_notice(client, call):
    german = page(client, f"/de/calls/{call.pk}/")
    assert '<span lang="en">Greener regions call</span>' in german
    assert '<div class="prose" lang="en">' in german  # the English description says it is English
    notice = german.split(NOTICE, 1)[1].split("</p>", 1)[0]
    assert "Deutsch" in notice  # "Not available in Deutsch — shown in English." (in the reader's language)
    assert NOTICE in page(client, "/de/calls/")  # the list says it too


def test_only_the_missing_field_falls_back(client, call):
    Call.objects.filter(pk=call.pk).update(title_de="Aufruf für grünere Regionen")
    german = page(client, f"/de/calls/{call.pk}/")
    assert "<h1>" in german and '<span lang="en">' not in german.split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert '<div class="prose" lang="en">' in german and NOTICE in german


def test_events_sessions_and_materials_read_the_readers_language(client):
    event = EventFactory(title="Closing webinar")
    event.title_de = "Abschlusswebinar"
    event.save()
    event.sessions.create(title="Welcome", starts_at=event.starts_at, ends_at=event.ends_at)
    german = page(client, f"/de/events/{event.slug}/")
    assert "<h1>Abschlusswebinar</h1>" in german
    assert '<span lang="en">Welcome</span>' in german and NOTICE in german  # the session has no German title
    assert "Abschlusswebinar" in page(client, "/de/events/") and "Closing webinar" in page(client, "/events/")


def test_the_page_costs_the_same_queries_in_german_with_or_without_translations(client, call):
    def count(url):
        with CaptureQueriesContext(connection) as queries:
            page(client, url)
        return len(queries)

    english, fallback = count(f"/calls/{call.pk}/"), count(f"/de/calls/{call.pk}/")
    Call.objects.filter(pk=call.pk).update(title_de="Aufruf", description_de="Pilotprojekte.")
    assert count(f"/de/calls/{call.pk}/") == fallback == english


def test_texts_written_before_issue_20_become_the_english_ones():
    """The data migration copies the old column into the English one, where that is empty."""
    call = CallFactory(title="Old call")
    Call.objects.filter(pk=call.pk).update(title_en=None)
    import_module("programmes.migrations.0014_content_in_english").copy_to_english(apps, connection.schema_editor())
    call.refresh_from_db()
    assert call.title_en == "Old call"


# --- the programme's languages, edited in tabs ---------------------------------------------------------------------


def test_a_programme_always_keeps_english_first():
    programme = ProgrammeFactory(content_languages=["pl", "de"])
    programme.refresh_from_db()
    assert programme.content_languages == ["en", "de", "pl"] == programme.languages


def test_the_admin_change_form_has_a_tab_for_each_declared_language_only(admin_client, call):
    response = admin_client.get(reverse("admin:programmes_call_change", args=[call.pk]))
    fields = list(response.context["adminform"].form.fields)
    assert {"title_en", "title_de", "description_en", "description_de"} <= set(fields)
    assert not {"title", "title_fr", "title_es", "title_pl", "description_fr"} & set(fields)
    html = response.content.decode()
    assert 'data-content-field="title" data-content-language="de"' in html
    assert "js/content-tabs.js" in html and "content-tabs.css" in html
    assert "jquery-ui" not in html.lower() and "//ajax." not in html  # nothing from a CDN


def test_the_admin_programme_form_declares_the_languages(admin_client, programme):
    response = admin_client.get(reverse("admin:programmes_programme_change", args=[programme.pk]))
    field = response.context["adminform"].form.fields["content_languages"]
    assert [code for code, _name in field.choices] == ["en", "de", "fr", "es", "pl"]
    assert {"name_en", "name_de"} <= set(response.context["adminform"].form.fields)


def test_saving_in_the_admin_still_goes_through_call_save_in_each_language(admin_client, call):
    url = reverse("admin:programmes_call_change", args=[call.pk])
    data = change_form_data(admin_client.get(url))
    data.update(title_en="Greener regions", title_de="Grünere Regionen")
    response = admin_client.post(f"/de{url}", data)  # the admin's language does not decide where a text goes
    assert response.status_code == 302
    call.refresh_from_db()
    assert (call.title_en, call.title_de) == ("Greener regions", "Grünere Regionen")
    assert AuditEntry.objects.filter(action="call.saved", target_id=str(call.pk)).exists()  # call_save ran


def test_the_staff_call_form_offers_the_programmes_languages_and_keeps_each_text_in_its_own(client, call):
    objective = SpecificObjectiveFactory(priority__programme=call.programme)
    officer = staff_member(call.programme, StaffRole.OFFICER)
    client.force_login(officer)
    url = f"/de/staff/{call.programme.slug}/calls/{call.pk}/"
    form = client.get(url).context["form"]
    assert {"title_en", "title_de"} <= set(form.fields) and "title_fr" not in form.fields
    assert form.fields["title_en"].required and not form.fields["title_de"].required
    data = {
        "reference": call.reference,
        "title_en": "Greener regions call",
        "title_de": "Aufruf für grünere Regionen",
        "description_en": "Apply for pilots.",
        "description_de": "",
        "kind": "one_step",
        "opens_at": "2027-03-01T09:00",
        "closes_at": "2027-05-31T17:00",
        "timezone": "Europe/Brussels",
        "budget": "1000000",
        "allowed_objectives": [objective.pk],
        "max_cofinancing_rate": "80",
        "min_partners": "2",
        "min_countries": "2",
    }
    assert client.post(url, data).status_code == 302
    call.refresh_from_db()
    assert (call.title_en, call.title_de, call.description_en) == (
        "Greener regions call",
        "Aufruf für grünere Regionen",
        "Apply for pilots.",
    )
    assert client.post(url, {**data, "title_en": ""}).status_code == 400  # English is required


# --- the report of missing translations ------------------------------------------------------------------------------


def test_the_report_lists_each_text_lacking_a_declared_language(client, call, programme):
    Programme.objects.filter(pk=programme.pk).update(name_de="Interreg Testprogramm")
    Call.objects.filter(pk=call.pk).update(description_de="Pilotprojekte.")
    SpecificObjectiveFactory(priority__programme=programme, title="Adapting to climate change")
    other = CallFactory(title="Another programme's call")  # English only: nothing missing, and not here
    officer = staff_member(programme, StaffRole.OFFICER)
    client.force_login(officer)
    html = page(client, reverse("staff:translations", args=[programme.slug]))
    rows = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert "Greener regions call" in rows and "Adapting to climate change" in rows and "Deutsch" in rows
    assert "Interreg Testprogramm" not in rows and "Apply for pilots" not in rows
    assert rows.count("<tr>") == 3  # the call's title, the objective and its priority: the rest is translated
    assert "Another programme" not in rows
    assert other.programme.slug not in html


def test_another_programmes_staff_get_a_404(client, programme):
    stranger = staff_member(ProgrammeFactory(), StaffRole.MANAGER)
    client.force_login(stranger)
    assert client.get(reverse("staff:translations", args=[programme.slug])).status_code == 404


def test_the_command_lists_the_missing_translations_per_programme(call, programme, capsys):
    call_command("missing_translations", "--programme", programme.slug)
    out = capsys.readouterr().out
    assert f"{programme.slug} (en, de): " in out
    assert "call for proposals: " in out and "Greener regions call — title: de" in out


def test_the_admin_search_finds_a_text_in_any_language(admin_client, call):
    Call.objects.filter(pk=call.pk).update(title_de="Aufruf für grünere Regionen")
    url = reverse("admin:programmes_call_changelist")
    for query in ("Greener", "grünere"):
        response = admin_client.get(f"/de{url}", {"q": query})
        assert list(response.context["cl"].result_list) == [call], query


def test_the_event_admin_labels_and_requires_the_english_title(admin_client):
    """The event admin makes a form class of its own for the person: its language columns keep their labels and the
    English title stays required (they were modeltranslation's "Title [en]", optional)."""
    html = admin_client.get("/admin/events/event/add/").content.decode()
    assert '<label class="required" for="id_title_en">Title (English):</label>' in html
    refused = admin_client.post("/admin/events/event/add/", {"title_en": "", "kind": "webinar"})
    assert refused.status_code == 200 and "title_en" in refused.context["adminform"].form.errors
