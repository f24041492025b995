"""The project description section: saved as a whole with its objectives and target groups, under its version;
every text field's limit from the call, printed, counted live and enforced on the server."""

import pytest
from django.urls import reverse

from projects.forms import IdentificationForm
from projects.models import CollaboratorLevel, ProjectDescription, ProjectObjective, TargetGroup
from projects.services.applications import application_start
from projects.services.description import description_of
from tests.factories import CollaboratorFactory, OrganisationFactory, ProjectFactory, UserFactory

from .workplan_data import TEXT, formset_data

pytestmark = pytest.mark.django_db


def _url(ready):
    return reverse("projects:description", args=[ready.project.pk])


def _post(ready, *, objectives=None, groups=None, **changes):
    description = ProjectDescription.objects.get(project=ready.project)
    data = {
        "version": description.version,
        "context": description.context,
        "overall_objective": description.overall_objective,
        "sustainable_development": description.sustainable_development,
        "sustainable_development_justification": description.sustainable_development_justification,
        "equal_opportunities": description.equal_opportunities,
        "equal_opportunities_justification": description.equal_opportunities_justification,
        "gender_equality": description.gender_equality,
        "gender_equality_justification": description.gender_equality_justification,
        "durability": description.durability,
        "transferability": description.transferability,
        "communication": description.communication,
        **changes,
    }
    if objectives is None:
        objectives = [
            {"id": o.pk, "title": o.title, "description": o.description} for o in ready.project.objectives.all()
        ]
    if groups is None:
        groups = [
            {"id": g.pk, "group": g.group, "description": g.description, "target_value": g.target_value}
            for g in ready.project.target_groups.all()
        ]
    data.update(formset_data("objectives", objectives, initial=sum(1 for o in objectives if o.get("id"))))
    data.update(formset_data("groups", groups, initial=sum(1 for g in groups if g.get("id"))))
    return data


def test_a_new_application_gets_its_description(ready):
    project = application_start(
        call=ready.call, organisation=OrganisationFactory(country=ready.austria), acronym="NEW", by=UserFactory()
    )
    assert ProjectDescription.objects.filter(project=project).exists()


def test_the_description_accessor_creates_one_for_a_project_without(ready):
    project = ProjectFactory(programme=ready.programme)
    assert not ProjectDescription.objects.filter(project=project).exists()
    description = description_of(project)
    assert description.pk and description_of(project) == description


def test_the_description_is_saved_with_its_objectives_and_target_groups(client, ready):
    client.force_login(ready.manager)
    first = ready.project.objectives.get()
    objectives = [
        {"id": first.pk, "title": "Measure", "description": ""},
        {"title": "Reduce", "description": "Less pollution."},
    ]
    groups = [
        {"id": ready.project.target_groups.get().pk, "group": "sme", "description": "", "target_value": 30},
        {"group": "general_public", "description": "", "target_value": 5000},
    ]
    response = client.post(_url(ready), _post(ready, context="Air", objectives=objectives, groups=groups))
    assert response.status_code == 302
    description = ProjectDescription.objects.get(project=ready.project)
    assert description.context == "Air" and description.version == 2 and description.changed_by == ready.manager
    assert list(ready.project.objectives.values_list("number", "title")) == [(1, "Measure"), (2, "Reduce")]
    assert sorted(ready.project.target_groups.values_list("group", "target_value")) == [
        ("general_public", 5000),
        ("sme", 30),
    ]


def test_removing_an_objective_renumbers_the_others(client, ready):
    client.force_login(ready.manager)
    ProjectObjective.objects.create(project=ready.project, number=2, title="Second")
    ProjectObjective.objects.create(project=ready.project, number=3, title="Third")
    objectives = [
        {"id": o.pk, "title": o.title, "description": "", **({"DELETE": "on"} if o.number == 1 else {})}
        for o in ready.project.objectives.all()
    ]
    assert client.post(_url(ready), _post(ready, objectives=objectives)).status_code == 302
    assert list(ready.project.objectives.values_list("number", "title")) == [(1, "Second"), (2, "Third")]


def test_a_stale_description_save_is_a_409_with_both_versions_and_saves_nothing(client, ready):
    client.force_login(ready.manager)
    opened = _post(ready, context="Mine", objectives=[{"title": "New one", "description": ""}])
    ProjectDescription.objects.filter(project=ready.project).update(version=2, context="Theirs")
    response = client.post(_url(ready), opened)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Theirs" in page and "Mine" in page
    assert ready.project.objectives.count() == 1  # the objectives were not saved either
    assert ProjectDescription.objects.get(project=ready.project).context == "Theirs"


def test_an_invalid_target_group_saves_nothing_of_the_description(client, ready):
    client.force_login(ready.manager)
    groups = [{"group": "sme", "description": "", "target_value": 0}]
    response = client.post(_url(ready), _post(ready, context="Changed", groups=groups))
    assert response.status_code == 400
    assert ProjectDescription.objects.get(project=ready.project).context == TEXT
    assert TargetGroup.objects.filter(project=ready.project).count() == 1


def test_a_target_group_is_listed_once(client, ready):
    client.force_login(ready.manager)
    groups = [
        {"group": "sme", "description": "", "target_value": 3},
        {"group": "sme", "description": "", "target_value": 4},
    ]
    response = client.post(_url(ready), _post(ready, groups=groups))
    assert response.status_code == 400
    assert "listed already" in response.content.decode()


def test_a_text_over_the_calls_limit_is_refused_on_the_server_next_to_its_field(client, ready):
    ready.call.form_rules = {"description.context": {"limit": 10}}
    ready.call.save(update_fields=["form_rules"])
    client.force_login(ready.manager)
    response = client.post(_url(ready), _post(ready, context="x" * 15))
    assert response.status_code == 400
    assert "At most 10 characters (it has 15)." in response.content.decode()
    assert response.context["form"].errors["context"] == ["At most 10 characters (it has 15)."]
    assert ProjectDescription.objects.get(project=ready.project).context == TEXT


def test_a_line_break_counts_as_one_character_as_the_counter_counts_it(client, ready):
    ready.call.form_rules = {"description.context": {"limit": 10}}
    ready.call.save(update_fields=["form_rules"])
    client.force_login(ready.manager)
    response = client.post(_url(ready), _post(ready, context="abcd\r\nefgh"))  # 9 characters as typed
    assert response.status_code == 302
    assert ProjectDescription.objects.get(project=ready.project).context == "abcd\nefgh"


def test_the_page_prints_each_limit_and_gives_the_live_counter_its_field(client, ready):
    ready.call.form_rules = {"description.durability": {"limit": 1234}}
    ready.call.save(update_fields=["form_rules"])
    client.force_login(ready.manager)
    page = client.get(_url(ready)).content.decode()
    assert "At most 1234 characters." in page  # works without JavaScript
    assert 'data-limit="1234"' in page and 'data-limit="5000"' in page  # the call's, else the default
    assert "js/counter.js" in page and "<script>" not in page  # a file, no inline script (CSP)


def test_the_identification_title_and_summary_limits_come_from_the_call(ready):
    ready.call.form_rules = {"project.summary": {"limit": 12}}
    ready.call.save(update_fields=["form_rules"])
    data = {
        "acronym": "AIR",
        "title": "Title",
        "summary": "s" * 13,
        "specific_objective": ready.objective.pk,
        "duration_months": 30,
        "version": ready.project.identification_version,
    }
    form = IdentificationForm(data, instance=ready.project)
    assert not form.is_valid()
    assert form.errors["summary"] == ["At most 12 characters (it has 13)."]
    assert form.fields["summary"].widget.attrs["data-limit"] == "12"
    assert form.fields["title"].widget.attrs["data-limit"] == "300"


def test_a_viewer_reads_the_description_but_cannot_save_it(client, ready):
    client.force_login(ready.partner_user)
    page = client.get(_url(ready))
    assert page.status_code == 200 and "<fieldset disabled>" in page.content.decode()
    assert client.post(_url(ready), _post(ready, context="No")).status_code == 403
    assert ProjectDescription.objects.get(project=ready.project).context == TEXT


def test_an_editor_saves_the_description(client, ready):
    editor = UserFactory()
    CollaboratorFactory(project=ready.project, user=editor, level=CollaboratorLevel.EDIT)
    client.force_login(editor)
    assert client.post(_url(ready), _post(ready, context="Yes")).status_code == 302


def test_the_description_page_costs_the_same_queries_with_1_or_20_objectives_and_groups(
    client, ready, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from partnerships.choices import OrganisationType

    client.force_login(ready.manager)
    with CaptureQueriesContext(connection) as one:
        assert client.get(_url(ready)).status_code == 200
    for number in range(2, 21):
        ProjectObjective.objects.create(project=ready.project, number=number, title=f"O{number}")
    for group in OrganisationType.values[1:16]:
        TargetGroup.objects.create(project=ready.project, group=group, target_value=1)
    with django_assert_num_queries(len(one)):
        assert client.get(_url(ready)).status_code == 200
