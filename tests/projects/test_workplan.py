"""The work plan and the results sections: a work package saved with its activities, deliverables and outputs in
one transaction or not at all, under its version; numbering; permissions; query counts."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from projects.models import Activity, CollaboratorLevel, Deliverable, ProjectOutput, ProjectResult, WorkPackage
from projects.services.workplan import work_package_save
from tests.factories import CollaboratorFactory, ProjectFactory, ProjectPartnerFactory, UserFactory

from .workplan_data import TEXT, formset_data, work_package_add, work_package_post

pytestmark = pytest.mark.django_db


def _url(ready, name, *extra):
    return reverse(f"projects:{name}", args=[ready.project.pk, *extra])


def test_a_new_work_package_is_saved_with_its_activities_deliverables_and_outputs_numbered(client, ready):
    client.force_login(ready.manager)
    response = client.post(_url(ready, "work_package_add"), work_package_post(ready))
    assert response.status_code == 302
    wp = WorkPackage.objects.get(project=ready.project, number=2)  # after the fixture's work package 1
    assert wp.title == "Pilot actions" and wp.responsible == ready.lead
    assert list(wp.partners.all()) == [ready.partner]
    activity = wp.activities.get()
    assert activity.number == 1 and activity.deliverables.get().number == 1
    assert wp.outputs.get().indicator == ready.output_indicator
    assert response.url == _url(ready, "work_package", wp.pk)


def test_editing_a_work_package_adds_and_removes_activities_and_renumbers_them(client, ready):
    client.force_login(ready.manager)
    wp = ready.work_package
    first = wp.activities.get()
    activities = [
        {"id": first.pk, "title": "Gone", "start_period": 1, "end_period": 2, "DELETE": "on"},
        {"title": "Second", "description": "", "start_period": 2, "end_period": 3, "partner_ids": [ready.partner.pk]},
        {"title": "Third", "description": "", "start_period": 1, "end_period": 1},
    ]
    response = client.post(_url(ready, "work_package", wp.pk), work_package_post(ready, wp, activities=activities))
    assert response.status_code == 302
    assert [(a.number, a.title) for a in wp.activities.all()] == [(1, "Second"), (2, "Third")]
    assert list(wp.activities.get(number=1).partners.all()) == [ready.partner]
    assert not Deliverable.objects.filter(activity_id=first.pk).exists()  # went with its activity
    wp.refresh_from_db()
    assert wp.version == 2


def test_a_stale_work_package_save_is_a_409_and_saves_nothing(client, ready):
    client.force_login(ready.manager)
    wp = ready.work_package
    opened = work_package_post(ready, wp, title="Mine")
    WorkPackage.objects.filter(pk=wp.pk).update(version=2, title="Theirs")  # someone saved meanwhile
    activities_before = list(Activity.objects.filter(work_package=wp).values_list("pk", "title"))
    response = client.post(_url(ready, "work_package", wp.pk), opened)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Theirs" in page and "Mine" in page  # both versions shown
    wp.refresh_from_db()
    assert wp.title == "Theirs" and wp.version == 2
    assert list(Activity.objects.filter(work_package=wp).values_list("pk", "title")) == activities_before
    # saving again, deliberately, over their version
    again = response.context["form"].data
    assert client.post(_url(ready, "work_package", wp.pk), again).status_code == 302
    wp.refresh_from_db()
    assert wp.title == "Mine"


def test_a_work_package_with_an_invalid_activity_saves_nothing(client, ready):
    client.force_login(ready.manager)
    wp = ready.work_package  # periods 1–3
    activities = [
        {"title": "Fine", "description": "", "start_period": 1, "end_period": 2},
        {"title": "Outside", "description": "", "start_period": 2, "end_period": 5},
    ]
    data = work_package_post(ready, wp, title="Changed", activities=activities)
    response = client.post(_url(ready, "work_package", wp.pk), data)
    assert response.status_code == 400
    assert "within its work package" in response.content.decode()
    wp.refresh_from_db()
    assert wp.title == "Work package 1" and wp.version == 1
    assert [a.title for a in wp.activities.all()] == ["Measure"]


def test_the_work_package_service_undoes_everything_when_an_activity_is_refused(ready):
    wp = ready.work_package
    data = {
        "title": "Changed",
        "objectives": "",
        "responsible": ready.lead.pk,
        "partner_ids": [],
        "start_period": 1,
        "end_period": 3,
    }
    activities = [
        {"pk": None, "delete": False, "title": "Fine", "description": "", "start_period": 1, "end_period": 3},
        {"pk": None, "delete": False, "title": "Late", "description": "", "start_period": 1, "end_period": 99},
    ]
    with pytest.raises(ValidationError):
        work_package_save(
            project=ready.project,
            work_package=wp,
            by=ready.manager,
            version=1,
            data=data,
            activities=activities,
            outputs=[],
        )
    wp.refresh_from_db()
    assert wp.title == "Work package 1" and wp.version == 1 and wp.activities.count() == 1


def test_work_package_periods_are_the_projects_reporting_periods(client, ready):
    """30 months in periods of 6: five periods, labelled with their months; a sixth is refused."""
    client.force_login(ready.manager)
    page = client.get(_url(ready, "work_package", ready.work_package.pk)).content.decode()
    assert "Period 5 (months 25–30)" in page and "Period 6" not in page
    data = work_package_post(ready, ready.work_package, end_period=6)
    response = client.post(_url(ready, "work_package", ready.work_package.pk), data)
    assert response.status_code == 400


def test_work_package_refuses_an_end_before_its_start(client, ready):
    client.force_login(ready.manager)
    data = work_package_post(ready, ready.work_package, start_period=3, end_period=2)
    response = client.post(_url(ready, "work_package", ready.work_package.pk), data)
    assert response.status_code == 400
    assert "cannot come before the start period" in response.content.decode()


def test_work_package_offers_and_accepts_only_output_indicators_of_the_objective(client, ready):
    client.force_login(ready.manager)
    page = client.get(_url(ready, "work_package_add")).content.decode()
    assert ready.output_indicator.code in page
    assert ready.other_output_indicator.code not in page and ready.result_indicator.code not in page
    outputs = [
        {"indicator": ready.other_output_indicator.pk, "title": "X", "description": "", "target_value": 1, "period": 1}
    ]
    response = client.post(_url(ready, "work_package_add"), work_package_post(ready, outputs=outputs))
    assert response.status_code == 400
    assert WorkPackage.objects.filter(project=ready.project).count() == 1


def test_the_responsible_partner_must_be_a_partner_of_the_project(client, ready):
    client.force_login(ready.manager)
    stranger = ProjectPartnerFactory(project=ProjectFactory(programme=ready.programme))
    response = client.post(_url(ready, "work_package_add"), work_package_post(ready, responsible=stranger.pk))
    assert response.status_code == 400
    assert WorkPackage.objects.filter(project=ready.project).count() == 1


def test_an_activity_description_over_the_calls_limit_is_refused_on_the_server(client, ready):
    ready.call.form_rules = {"activity.description": {"limit": 20}}
    ready.call.save(update_fields=["form_rules"])
    client.force_login(ready.manager)
    activities = [{"title": "Long", "description": "x" * 25, "start_period": 1, "end_period": 2}]
    response = client.post(_url(ready, "work_package_add"), work_package_post(ready, activities=activities))
    assert response.status_code == 400
    assert "At most 20 characters (it has 25)." in response.content.decode()
    assert 'data-limit="20"' in response.content.decode()


def test_deleting_a_work_package_renumbers_the_later_ones(client, ready):
    client.force_login(ready.manager)
    second = work_package_add(ready.project, number=2, responsible=ready.partner)
    third = work_package_add(ready.project, number=3, responsible=ready.partner)
    response = client.post(_url(ready, "work_package_delete", second.pk))
    assert response.status_code == 302
    assert list(WorkPackage.objects.filter(project=ready.project).values_list("pk", "number")) == [
        (ready.work_package.pk, 1),
        (third.pk, 2),
    ]
    assert client.get(_url(ready, "work_package_delete", third.pk)).status_code == 405  # a POST only


def test_a_viewer_reads_the_work_plan_but_cannot_change_it(client, ready):
    client.force_login(ready.partner_user)  # a viewer with a partner section
    wp = ready.work_package
    page = client.get(_url(ready, "work_package", wp.pk))
    assert page.status_code == 200 and "<fieldset disabled>" in page.content.decode()
    assert client.post(_url(ready, "work_package", wp.pk), work_package_post(ready, wp, title="X")).status_code == 403
    assert client.post(_url(ready, "work_package_delete", wp.pk)).status_code == 403
    assert client.post(_url(ready, "work_package_add"), work_package_post(ready)).status_code == 403
    assert WorkPackage.objects.filter(project=ready.project).count() == 1


def test_an_editor_may_change_the_work_plan(client, ready):
    editor = UserFactory()
    CollaboratorFactory(project=ready.project, user=editor, level=CollaboratorLevel.EDIT)
    client.force_login(editor)
    response = client.post(
        _url(ready, "work_package", ready.work_package.pk), work_package_post(ready, ready.work_package, title="Edited")
    )
    assert response.status_code == 302


@pytest.mark.parametrize("name", ["workplan", "work_package_add", "results", "description"])
def test_another_users_application_is_a_404(client, ready, name):
    client.force_login(UserFactory())
    assert client.get(_url(ready, name)).status_code == 404
    assert client.post(_url(ready, name), {}).status_code == 404


def test_a_work_package_of_another_application_is_a_404(client, ready):
    other = ProjectFactory(programme=ready.programme, created_by=ready.manager)
    CollaboratorFactory(project=other, user=ready.manager, level=CollaboratorLevel.MANAGE)
    client.force_login(ready.manager)
    url = reverse("projects:work_package", args=[other.pk, ready.work_package.pk])
    assert client.get(url).status_code == 404
    assert (
        client.post(reverse("projects:work_package_delete", args=[other.pk, ready.work_package.pk])).status_code == 404
    )
    client.force_login(UserFactory())
    assert client.get(_url(ready, "work_package", ready.work_package.pk)).status_code == 404
    assert client.post(_url(ready, "work_package_delete", ready.work_package.pk)).status_code == 404


def _add_work_packages(ready, count):
    for number in range(2, count + 1):
        wp = work_package_add(
            ready.project, number=number, responsible=ready.partner, output_indicator=ready.output_indicator
        )
        wp.partners.set([ready.lead])


@pytest.mark.parametrize("name", ["workplan", "check", "results", "detail"])
def test_the_pages_cost_the_same_queries_with_1_or_20_work_packages(client, ready, name, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(ready.manager)
    with CaptureQueriesContext(connection) as one:
        assert client.get(_url(ready, name)).status_code == 200
    _add_work_packages(ready, 20)
    with django_assert_num_queries(len(one)):
        assert client.get(_url(ready, name)).status_code == 200


def test_the_work_package_page_costs_the_same_queries_with_1_or_20_activities(client, ready, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(ready.manager)
    wp = ready.work_package
    url = _url(ready, "work_package", wp.pk)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for number in range(2, 21):
        activity = Activity.objects.create(
            work_package=wp, number=number, title=f"A{number}", start_period=1, end_period=2
        )
        activity.partners.set([ready.lead, ready.partner])
        Deliverable.objects.create(activity=activity, number=1, title="D", period=2)
        ProjectOutput.objects.create(
            work_package=wp, number=number, indicator=ready.output_indicator, title="O", target_value=1, period=2
        )
    with django_assert_num_queries(len(one)):
        assert client.get(url).status_code == 200


# --- results --------------------------------------------------------------------------------------------------------


def _results_post(ready, rows, version=1, initial=None):
    data = {"version": version}
    data.update(
        formset_data("results", rows, initial=len([r for r in rows if r.get("id")]) if initial is None else initial)
    )
    return data


def _result_row(ready, **changes):
    return {
        "indicator": ready.result_indicator.pk,
        "description": TEXT,
        "baseline": "0",
        "target_value": "4",
        "period": 5,
        **changes,
    }


def test_results_are_saved_and_numbered(client, ready):
    client.force_login(ready.manager)
    rows = [_result_row(ready, id=ready.result.pk, target_value="7"), _result_row(ready, description="Second")]
    response = client.post(_url(ready, "results"), _results_post(ready, rows))
    assert response.status_code == 302
    assert list(ProjectResult.objects.filter(project=ready.project).values_list("number", "target_value")) == [
        (1, 7),
        (2, 4),
    ]


def test_a_stale_results_save_is_a_409_and_saves_nothing(client, ready):
    client.force_login(ready.manager)
    assert (
        client.post(_url(ready, "results"), _results_post(ready, [_result_row(ready, id=ready.result.pk)])).status_code
        == 302
    )
    stale = _results_post(ready, [_result_row(ready, id=ready.result.pk, target_value="99")], version=1)
    response = client.post(_url(ready, "results"), stale)
    assert response.status_code == 409
    ready.result.refresh_from_db()
    assert ready.result.target_value == 4
    assert 'name="version" value="2"' in response.content.decode()  # saving again is a deliberate choice


def test_results_accept_only_result_indicators_of_the_objective(client, ready):
    client.force_login(ready.manager)
    for indicator in (ready.other_result_indicator, ready.output_indicator):
        rows = [_result_row(ready, id=ready.result.pk, indicator=indicator.pk)]
        assert client.post(_url(ready, "results"), _results_post(ready, rows)).status_code == 400
    ready.result.refresh_from_db()
    assert ready.result.indicator == ready.result_indicator


def test_a_viewer_cannot_save_results(client, ready):
    client.force_login(ready.partner_user)
    rows = [_result_row(ready, id=ready.result.pk, target_value="9")]
    assert client.post(_url(ready, "results"), _results_post(ready, rows)).status_code == 403


def test_renumbering_keeps_rows_the_form_did_not_show_after_the_others(ready):
    from projects.services.rows import rows_sync

    wp = ready.work_package
    first = wp.activities.get()
    unseen = Activity.objects.create(work_package=wp, number=2, title="Unseen", start_period=1, end_period=1)
    rows = [
        {"pk": None, "delete": False, "title": "New", "description": "", "start_period": 1, "end_period": 1},
        {"pk": first.pk, "delete": False, "title": "First", "description": "", "start_period": 1, "end_period": 1},
    ]
    rows_sync(
        Activity.objects.filter(work_package=wp),
        rows,
        ["title", "description", "start_period", "end_period"],
        create=lambda number, values: Activity(work_package=wp, number=number, **values),
    )
    assert list(wp.activities.values_list("number", "title")) == [(1, "New"), (2, "First"), (3, "Unseen")]
    assert unseen.pk in wp.activities.values_list("pk", flat=True)


@pytest.mark.parametrize("name", ["description", "work_package_add", "work_package", "results"])
def test_an_empty_or_garbled_post_is_a_400_never_a_500(client, ready, name):
    client.force_login(ready.manager)
    extra = [ready.work_package.pk] if name == "work_package" else []
    url = _url(ready, name, *extra)
    assert client.post(url, {}).status_code == 400
    garbled = {"version": "x", "activities-TOTAL_FORMS": "zz", "objectives-TOTAL_FORMS": "-3", "results-0-id": "999"}
    assert client.post(url, garbled).status_code == 400
