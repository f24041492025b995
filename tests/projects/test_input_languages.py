"""Applications in the call's languages (issue 20, part 5): the call declares the languages applicants write in and
may ask for the title and the summary in every one of them, as Jems does; the identification form offers a field per
language, the checklist knows what is missing, the summary page and a restored version keep the texts."""

import pytest
from django.urls import reverse
from django.utils import translation

from programmes.application_form import field_rule
from programmes.call_setup_services import call_setup_save
from programmes.models import StaffRole
from projects.models import Project
from projects.rules import submission_problems
from tests.staff.conftest import staff_member

from .factories_application import full_application

pytestmark = pytest.mark.django_db


def ask_in_german(call, fields=("project.summary",)):
    call.input_languages = ["en", "de"]
    call.form_rules = {key: {"every_language": True} for key in fields}
    call.save(update_fields=["input_languages", "form_rules"])


def identification(client, project, **changes):
    url = reverse("projects:identification", args=[project.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["specific_objective"] = project.specific_objective_id
    data.update(changes)
    return client.post(url, data)


def messages_of(project) -> list[str]:
    return [problem.message for problem in submission_problems(Project.objects.get(pk=project.pk))]


def test_a_call_in_english_only_asks_nothing_more(client, ready):
    project = full_application(ready)
    client.force_login(ready.manager)
    form = client.get(reverse("projects:identification", args=[project.pk])).context["form"]
    assert [name for name in form.fields if name.startswith(("title_", "summary_"))] == []
    assert messages_of(project) == []


def test_the_summary_asked_in_german_is_on_the_checklist_until_written(client, ready):
    project = full_application(ready)
    ask_in_german(project.call)
    assert field_rule(project.call, "project.summary").languages == ("de",)
    assert field_rule(project.call, "project.title").languages == ()  # asked only for the summary
    assert messages_of(project) == ["Write the summary in German too: the call asks for it in each of its languages."]
    client.force_login(ready.manager)
    page = client.get(reverse("projects:check", args=[project.pk])).content.decode()
    assert "Write the summary in German too" in page and "#id_summary_de" in page

    form_page = client.get(reverse("projects:identification", args=[project.pk]))
    html = form_page.content.decode()
    assert 'name="summary_de"' in html and 'lang="de"' in html and "Summary in German" in html
    assert 'name="title_de"' in html  # offered, not required
    order = list(form_page.context["form"].fields)
    assert order.index("summary_de") == order.index("summary") + 1

    response = identification(
        client, project, summary_de="Städte messen und verringern gemeinsam die Luftverschmutzung."
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.text_translations == {
        "summary": {"de": "Städte messen und verringern gemeinsam die Luftverschmutzung."}
    }
    assert messages_of(project) == []

    summary = client.get(reverse("projects:summary", args=[project.pk])).content.decode()
    assert "Summary in German" in summary and "Städte messen" in summary


def test_the_checklist_reads_in_the_readers_language(ready):
    project = full_application(ready)
    ask_in_german(project.call)
    with translation.override("de"):
        said = messages_of(project)
    assert said == [
        "Schreiben Sie die Zusammenfassung auch auf Deutsch: Der Aufruf verlangt sie in jeder seiner Sprachen."
    ]


def test_a_language_version_over_the_limit_is_refused_next_to_the_field(client, ready):
    project = full_application(ready)
    ask_in_german(project.call)
    client.force_login(ready.manager)
    response = identification(client, project, summary_de="x" * 2001)
    assert response.status_code == 400
    assert "At most 2000 characters (it has 2001)." in response.context["form"].errors["summary_de"]
    project.refresh_from_db()
    assert project.text_translations == {}


def test_emptying_a_language_version_removes_it_and_keeps_the_others(client, ready):
    project = full_application(ready)
    ask_in_german(project.call)
    Project.objects.filter(pk=project.pk).update(
        text_translations={"summary": {"de": "Alt", "pl": "Stary"}, "title": {"de": "Titel"}}
    )
    client.force_login(ready.manager)
    assert identification(client, project, summary_de="", title_de="Saubere Luft").status_code == 302
    project.refresh_from_db()
    # Polish is no longer a language of the call: what was written in it stays, untouched
    assert project.text_translations == {"summary": {"pl": "Stary"}, "title": {"de": "Saubere Luft"}}


def test_staff_declare_the_languages_and_the_fields_asked_in_each(client, ready):
    call = ready.project.call
    call.is_published = False
    call.save(update_fields=["is_published"])
    officer = staff_member(call.programme, StaffRole.OFFICER)
    client.force_login(officer)
    url = reverse("staff:call_setup_form", args=[call.programme.slug, call.pk])
    form = client.get(url).context["form"]
    summary = next(name for name, spec in form.specs.items() if spec.key == "project.summary")
    context = next(name for name, spec in form.specs.items() if spec.key == "description.context")
    assert f"{summary}_every_language" in form.fields and f"{context}_every_language" not in form.fields
    data = {name: form[name].value() for name in form.fields if form[name].value() not in (None, False)}

    # asked in every language, but no other language: refused next to the field, nothing saved
    refused = client.post(url, {**data, f"{summary}_every_language": "on"})
    assert refused.status_code == 400
    assert refused.context["form"].errors[f"{summary}_every_language"] == [
        "Choose another language applicants write in above, or untick this."
    ]
    call.refresh_from_db()
    assert call.input_languages == ["en"] and call.form_rules == {}

    saved = client.post(url, {**data, f"{summary}_every_language": "on", "input_languages": ["pl", "de"]})
    assert saved.status_code == 302
    call.refresh_from_db()
    assert call.input_languages == ["en", "de", "pl"]
    assert call.form_rules == {"project.summary": {"every_language": True}}
    assert field_rule(call, "project.summary").languages == ("de", "pl")


def test_the_service_refuses_a_field_in_every_language_without_another_language(ready):
    from django.core.exceptions import ValidationError

    call = ready.project.call
    call.is_published = False
    call.save(update_fields=["is_published"])
    officer = staff_member(call.programme, StaffRole.OFFICER)
    with pytest.raises(ValidationError) as refused:
        call_setup_save(call=call, data={"form_rules": {"project.summary": {"every_language": True}}}, by=officer)
    assert "form_rules" in refused.value.message_dict
    with pytest.raises(ValidationError):
        call_setup_save(
            call=call,
            data={"form_rules": {"description.context": {"every_language": True}}, "input_languages": ["en", "de"]},
            by=officer,
        )
    call_setup_save(call=call, data={"input_languages": ["de"]}, by=officer)
    call.refresh_from_db()
    assert call.input_languages == ["en", "de"]  # English always


def test_a_project_written_in_german_writes_its_summary_in_english_too(client, ready):
    project = full_application(ready)
    ask_in_german(project.call)
    Project.objects.filter(pk=project.pk).update(language="de")
    assert messages_of(project) == ["Write the summary in English too: the call asks for it in each of its languages."]
    client.force_login(ready.manager)
    form = client.get(reverse("projects:identification", args=[project.pk])).context["form"]
    assert "summary_en" in form.fields and "summary_de" not in form.fields
    assert [code for code, _name in form.fields["language"].choices if code] == ["en", "de"]  # the call's languages
    assert identification(client, project, summary_en="Cities measure air pollution together.").status_code == 302
    assert messages_of(project) == []
