"""The language a project's texts are written in (issue 20): the applicants name it on the identification page, the
public search stems the project's words in it (tests/database/test_search_languages.py)."""

import pytest
from django.urls import reverse

from projects.models import Project
from tests.projects.conftest import ready  # noqa: F401

pytestmark = pytest.mark.django_db


def _posted(ready, **changes):  # noqa: F811
    project = ready.project
    data = {
        "version": project.identification_version,
        "acronym": project.acronym,
        "title": project.title,
        "summary": project.summary,
        "specific_objective": ready.objective.pk,
        "duration_months": 30,
    }
    return {**data, **changes}


def test_a_project_is_written_in_english_unless_its_applicants_say_otherwise(ready):  # noqa: F811
    assert ready.project.language == "en"


def test_the_applicants_name_the_language_of_their_texts(client, ready):  # noqa: F811
    client.force_login(ready.manager)
    url = reverse("projects:identification", args=[ready.project.pk])
    page = client.get(url).content.decode()
    assert 'name="language"' in page and '<option value="pl">' in page
    client.post(url, _posted(ready, language="de"))
    assert Project.objects.get(pk=ready.project.pk).language == "de"


def test_a_form_sent_without_the_language_keeps_it(client, ready):  # noqa: F811
    Project.objects.filter(pk=ready.project.pk).update(language="fr")
    client.force_login(ready.manager)
    url = reverse("projects:identification", args=[ready.project.pk])
    client.post(url, _posted(ready, title="Un air plus propre le long du Danube"))
    project = Project.objects.get(pk=ready.project.pk)
    assert (project.title, project.language) == ("Un air plus propre le long du Danube", "fr")


def test_a_language_the_portal_does_not_have_is_refused(client, ready):  # noqa: F811
    client.force_login(ready.manager)
    url = reverse("projects:identification", args=[ready.project.pk])
    response = client.post(url, _posted(ready, language="xx"))
    assert response.status_code == 400
    assert Project.objects.get(pk=ready.project.pk).language == "en"
