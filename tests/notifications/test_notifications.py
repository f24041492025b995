import pytest
from django.core import mail

from interact_portal.notifications.models import Notification
from interact_portal.notifications.services import notify
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


def _notify(recipients, **kwargs):
    return notify(
        event="test.event",
        actor=None,
        target=ProjectFactory(),
        recipients=recipients,
        title=kwargs.pop("title", "Application submitted"),
        url="/notifications/",
        **kwargs,
    )


def test_notify_records_one_row_per_distinct_active_recipient():
    alice, bob, gone = UserFactory(), UserFactory(), UserFactory(is_active=False)
    created = _notify([alice, bob, alice, gone, None])
    assert sorted(n.recipient_id for n in created) == sorted([alice.pk, bob.pk])
    assert {n.target.pk for n in created} == {created[0].target.pk}


def test_emails_go_out_only_after_commit(django_capture_on_commit_callbacks, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True  # the real-worker path is tested in test_worker.py
    from interact_portal.celery import app

    app.conf.task_always_eager = True
    try:
        recipient = UserFactory()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            _notify([recipient])
        assert mail.outbox == [] and len(callbacks) == 1
        for callback in callbacks:
            callback()
    finally:
        app.conf.task_always_eager = False
    assert [m.to for m in mail.outbox] == [[recipient.email]]
    assert "Application submitted" in mail.outbox[0].subject
    assert Notification.objects.get().emailed_at is not None


def test_the_email_is_written_to_the_outbox_and_sent_once_even_if_the_task_runs_twice():
    from interact_portal.notifications.models import OutboxEmail
    from interact_portal.notifications.outbox import outbox_send

    notification = _notify([UserFactory()])[0]
    email = OutboxEmail.objects.get(notification=notification)
    assert email.key == f"notification:{notification.pk}" and email.sent_at is None and mail.outbox == []
    assert outbox_send(email_id=email.pk) is True
    assert outbox_send(email_id=email.pk) is False
    assert outbox_send(email_id=10**9) is False  # deleted meanwhile: nothing to send
    assert len(mail.outbox) == 1 and mail.outbox[0].extra_headers["X-Idempotency-Key"] == email.key
    assert Notification.objects.get().emailed_at is not None


def test_list_needs_login(client):
    response = client.get("/notifications/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_list_shows_only_my_notifications_and_the_unread_count(client):
    me, other = UserFactory(), UserFactory()
    _notify([me], title="For me")
    _notify([other], title="For someone else")
    client.force_login(me)
    html = client.get("/notifications/").content.decode()
    assert "For me" in html and "For someone else" not in html
    assert '<span class="badge" title="unread">1' in html


def test_mark_read_is_post_only_and_scoped(client):
    me, other = UserFactory(), UserFactory()
    mine = _notify([me], email=False)[0]
    theirs = _notify([other], email=False)[0]
    client.force_login(me)
    assert client.get("/notifications/read/").status_code == 405
    client.post("/notifications/read/", {"id": [mine.pk, theirs.pk, "junk"]})
    mine.refresh_from_db(), theirs.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None


def test_mark_all_read(client):
    me = UserFactory()
    _notify([me], email=False), _notify([me], email=False)
    client.force_login(me)
    client.post("/notifications/read/")
    assert not Notification.objects.for_user(me).unread().exists()


@pytest.mark.parametrize("rows", [1, 30])
def test_list_query_count_is_constant(client, django_assert_num_queries, rows):
    me = UserFactory()
    for _ in range(rows):
        _notify([me], email=False)
    client.force_login(me)
    # session, user, count for the paginator, page of notifications, unread badge
    with django_assert_num_queries(5):
        assert client.get("/notifications/").status_code == 200


def test_the_notification_list_shows_who_acted_by_name_never_by_address(client):
    """A staff member without a name decides: the applicant reads the notification without the staff address."""
    applicant, nameless, named = UserFactory(), UserFactory(first_name="", last_name=""), UserFactory()
    for actor in (nameless, named):
        notify(
            event="test.event", actor=actor, target=ProjectFactory(), recipients=[applicant], title="Decided", url=""
        )
    client.force_login(applicant)
    html = client.get("/notifications/").content.decode()
    assert nameless.email not in html and named.email not in html
    assert named.get_full_name() in html
