"""The reporting schedule: staff edit every deadline in one form, saved whole or not at all; the applicants read it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import ReportingDeadline
from projects.services.contracting import (
    DEADLINE_MAX_MONTHS_AFTER_END,
    ScheduleRow,
    add_months,
    period_dates,
    reporting_schedule_generate,
    schedule_problems,
)

pytestmark = pytest.mark.django_db


def url(contracted):
    return reverse("staff:schedule", args=[contracted.programme.slug, contracted.project.pk])


def form_data(deadlines, **changes) -> dict:
    """The schedule form as posted, with `changes` as {index: {field: value}}."""
    data = {
        "deadline-TOTAL_FORMS": str(len(deadlines)),
        "deadline-INITIAL_FORMS": str(len(deadlines)),
        "deadline-MIN_NUM_FORMS": "0",
        "deadline-MAX_NUM_FORMS": "60",
    }
    for index, deadline in enumerate(deadlines):
        row = {
            "deadline": deadline.pk,
            "due_date": deadline.due_date.isoformat(),
            "kind": deadline.kind,
            "final": "on" if deadline.final else "",
            "comment": deadline.comment,
            **changes.get(str(index), {}),
        }
        data.update({f"deadline-{index}-{key}": value for key, value in row.items() if value != ""})
    return data


@pytest.fixture
def scheduled(contracted):
    contracted.deadlines = reporting_schedule_generate(contracted.project)
    return contracted


def test_staff_change_dates_kinds_and_the_final_report(client, scheduled):
    client.force_login(scheduled.staff)
    deadlines = scheduled.deadlines
    new_day = deadlines[0].due_date + timedelta(days=10)
    data = form_data(
        deadlines,
        **{
            "0": {"due_date": new_day.isoformat(), "kind": "content", "comment": "Moved: summer break"},
            "3": {"final": "on"},
        },
    )
    # two finals → refused; then the right one
    assert client.post(url(scheduled), data).status_code == 400
    data = form_data(
        deadlines,
        **{"0": {"due_date": new_day.isoformat(), "kind": "content", "comment": "Moved: summer break"}},
    )
    response = client.post(url(scheduled), data)
    assert response.status_code == 302
    first = ReportingDeadline.objects.get(pk=deadlines[0].pk)
    assert (first.due_date, first.kind, first.comment) == (new_day, "content", "Moved: summer break")
    # the collaborators were told and read it
    client.force_login(scheduled.partner_user)
    page = client.get(reverse("projects:contract", args=[scheduled.project.pk])).content.decode()
    assert "Moved: summer break" in page


def test_the_final_report_can_move_to_another_deadline(client, scheduled):
    client.force_login(scheduled.staff)
    deadlines = scheduled.deadlines
    last_day = deadlines[4].due_date
    data = form_data(
        deadlines,
        **{"3": {"final": "on", "due_date": (last_day + timedelta(days=5)).isoformat()}, "4": {"final": ""}},
    )
    assert client.post(url(scheduled), data).status_code == 302
    assert ReportingDeadline.objects.get(project=scheduled.project, final=True).period == 4


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"1": {"due_date": "2000-01-01"}}, "due_date", "before it starts"),
        ({"4": {"due_date": "2100-01-01"}}, "due_date", "months after the project ends"),
        ({"4": {"final": ""}}, None, "exactly one"),
        ({"2": {"final": "on"}}, None, "exactly one"),
        ({"1": {"kind": "nonsense"}}, "kind", ""),
        ({"1": {"due_date": "not a date"}}, "due_date", ""),
        ({"1": {"comment": "x" * 301}}, "comment", ""),
    ],
)
def test_bad_schedules_are_refused_by_the_field_and_nothing_is_saved(client, scheduled, change, field, message):
    client.force_login(scheduled.staff)
    before = list(ReportingDeadline.objects.filter(project=scheduled.project).values_list("due_date", "kind", "final"))
    # a good change in another row must not be saved either
    good = {"0": {"comment": "A good change"}}
    response = client.post(url(scheduled), form_data(scheduled.deadlines, **good, **change))
    assert response.status_code == 400
    formset = response.context["formset"]
    if field:
        row = int(next(iter(change)))
        assert field in formset.forms[row].errors
        assert message in str(formset.forms[row].errors[field])
    else:
        assert message in str(formset.non_form_errors())
    after = list(ReportingDeadline.objects.filter(project=scheduled.project).values_list("due_date", "kind", "final"))
    assert after == before
    assert not ReportingDeadline.objects.filter(comment="A good change").exists()
    assert "There is a problem" in response.content.decode()


def test_the_bound_after_the_end_is_accepted_up_to_its_day(client, scheduled):
    client.force_login(scheduled.staff)
    latest = add_months(scheduled.project.end_date, DEADLINE_MAX_MONTHS_AFTER_END)
    data = form_data(scheduled.deadlines, **{"4": {"due_date": latest.isoformat()}})
    assert client.post(url(scheduled), data).status_code == 302
    data = form_data(scheduled.deadlines, **{"4": {"due_date": (latest + timedelta(days=1)).isoformat()}})
    assert client.post(url(scheduled), data).status_code == 400


def test_a_deadline_of_another_project_is_refused(client, scheduled):
    client.force_login(scheduled.staff)
    data = form_data(scheduled.deadlines, **{"0": {"deadline": "999999"}})
    response = client.post(url(scheduled), data)
    assert response.status_code == 400
    assert "reload" in str(response.context["formset"].non_form_errors())


def test_due_date_must_be_after_its_period_starts(scheduled):
    period = period_dates(scheduled.project)[2]
    rows = [ScheduleRow(deadline=d, due_date=d.due_date, kind=d.kind, final=d.final) for d in scheduled.deadlines]
    rows[1].due_date = period.starts
    problems = schedule_problems(scheduled.project, rows)
    assert "due_date" in problems.rows[scheduled.deadlines[1].pk]


@pytest.mark.parametrize(("who", "status"), [("staff", 200), ("finance", 403), ("controller", 404), ("manager", 404)])
def test_schedule_page_access(client, scheduled, who, status):
    client.force_login(getattr(scheduled, who))
    assert client.get(url(scheduled)).status_code == status


def test_the_schedule_page_costs_the_same_queries_with_more_deadlines(client, contracted):
    client.force_login(contracted.staff)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(contracted)).status_code == 200
        return len(queries)

    count()
    ReportingDeadline.objects.bulk_create(
        ReportingDeadline(project=contracted.project, period=n, due_date=contracted.project.end_date) for n in (1, 2)
    )
    few = count()
    ReportingDeadline.objects.bulk_create(
        ReportingDeadline(project=contracted.project, period=n, due_date=contracted.project.end_date)
        for n in range(3, 21)
    )
    assert count() == few


def test_a_project_contracted_without_a_schedule_gets_one_generated(client, contracted):
    client.force_login(contracted.staff)
    assert "Generate it" in client.get(url(contracted)).content.decode()
    assert client.post(url(contracted), {"generate": "1"}).status_code == 302
    assert ReportingDeadline.objects.filter(project=contracted.project).count() == 5
    client.post(url(contracted), {"generate": "1"})  # a second time: refused, nothing more
    assert ReportingDeadline.objects.filter(project=contracted.project).count() == 5
    client.force_login(contracted.finance)
    assert client.post(url(contracted), {"generate": "1"}).status_code == 403


def test_a_schedule_posted_without_every_deadline_is_refused(client, scheduled):
    client.force_login(scheduled.staff)
    data = form_data(scheduled.deadlines[:4], **{"3": {"final": "on"}})
    response = client.post(url(scheduled), data)
    assert response.status_code == 400
    assert ReportingDeadline.objects.get(project=scheduled.project, final=True).period == 5
