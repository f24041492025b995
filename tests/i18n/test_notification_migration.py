"""The notifications written before issue 20 (rendered text) stay readable as untranslated text messages."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import UserFactory

BEFORE = [("notifications", "0002_outboxemail")]
AFTER = [("notifications", "0003_message_keys")]


def _migrate(target) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)


@pytest.mark.django_db(transaction=True)
def test_old_notifications_keep_their_text_forward_and_back():
    person = UserFactory(language="de")
    _migrate(BEFORE)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO notifications_notification (recipient_id, event, title, body, url, target_id, created_at)"
                " VALUES (%s, 'old', '50%% done: DANUBE', '', '', '', now()),"
                " (%s, 'old', 'Entscheidung', 'Zeile eins', '', '', now())",
                [person.pk, person.pk],
            )
        _migrate(AFTER)
        from interact_portal.notifications.models import Notification

        rows = {n.title: n for n in Notification.objects.filter(recipient=person).select_related("recipient")}
        assert set(rows) == {"50% done: DANUBE", "Entscheidung"}
        assert rows["50% done: DANUBE"].body == "" and rows["50% done: DANUBE"].body_msgid == ""
        assert rows["Entscheidung"].body == "Zeile eins" and rows["Entscheidung"].title_msgid == "%(text)s"
        _migrate(BEFORE)
        with connection.cursor() as cursor:
            cursor.execute("SELECT title, body FROM notifications_notification ORDER BY title")
            assert cursor.fetchall() == [("50% done: DANUBE", ""), ("Entscheidung", "Zeile eins")]
    finally:
        _migrate(executor_latest())


def executor_latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
