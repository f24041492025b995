"""A report whose worker dies midway is produced again at once, by real Celery workers (processes of their own) on
Redis and PostgreSQL: the whole worker killed (a new worker starts and finds it at once), or only its pool process
(Celery hands the task back and the redelivered run takes the report over). Workers run with the default settings:
nothing waits for a heartbeat to grow old."""

import time

import pytest
from django.db import connection

from events.models import Registration
from interact_portal.accounts.models import User
from interact_portal.reports.models import Report, ReportStatus
from interact_portal.reports.services import report_request
from tests.conftest import wait_for
from tests.factories import EventFactory, RegistrationFactory, UserFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

ROWS = 40_000


@pytest.fixture
def big_event():
    """An event with ROWS registrations, written by PostgreSQL itself (copies of one person, one registration)."""
    event = EventFactory(capacity=100_000)
    person = UserFactory()
    registration = RegistrationFactory(event=event, user=person, organisation_name="Org")
    numbers = f"generate_series(1, {ROWS}) AS n"
    _copy(User, person, numbers, email="'participant' || n || '@example.org'", last_name="n::text")
    people = "(SELECT id AS person FROM accounts_user WHERE email LIKE 'participant%%@example.org') AS people"
    _copy(Registration, registration, people, user_id="people.person")
    assert Registration.objects.filter(event=event).count() == ROWS + 1
    return event


def _copy(model, template, source: str, **columns: str) -> None:
    """INSERT a copy of the template row for each row of the source, with some columns computed from it."""
    names = [f.column for f in model._meta.concrete_fields if not f.primary_key]
    values = [columns.get(name, f"template.{name}") for name in names]
    table = model._meta.db_table
    # the test's own table and column names, nothing from outside
    sql = f"INSERT INTO {table} ({', '.join(names)}) SELECT {', '.join(values)} FROM {table} AS template, {source}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql + " WHERE template.id = %s", [template.pk])


@pytest.mark.parametrize("killed", ["the whole worker", "the pool process only"])
def test_a_report_whose_worker_dies_midway_completes_within_30_s_of_a_new_worker(worker_processes, big_event, killed):
    first = worker_processes()
    report = report_request(
        user=UserFactory(is_superuser=True), kind="attendance", format="xlsx", parameters={"event": big_event.pk}
    )
    midway = Report.objects.filter(pk=report.pk, status=ReportStatus.RUNNING, percent__gte=5, percent__lt=90)
    wait_for(midway.exists, 90, "the report never got going")
    if killed == "the whole worker":
        first.kill()
        began = time.monotonic()
        worker_processes()  # at start it queues again what no worker is producing
    else:
        first.kill_pool()  # the main process starts a new pool process and Celery delivers the task again
        began = time.monotonic()
    report.refresh_from_db()
    assert report.status == ReportStatus.RUNNING and report.percent < 100 and not report.file

    done = Report.objects.filter(pk=report.pk, status=ReportStatus.DONE)
    wait_for(done.exists, 30, f"not completed within 30 s after {killed} was killed")
    print(f"{killed} killed at {report.percent} %: done {time.monotonic() - began:.1f} s later")
    report.refresh_from_db()
    assert report.rows == ROWS + 1 and report.file.open("rb").read(2) == b"PK"
