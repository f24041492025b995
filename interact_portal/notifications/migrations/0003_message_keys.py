"""Notifications kept as a message key and parameters, written out in the recipient's language (issue 20).

The rows written before keep their text as it was (in the sender's language): it becomes an untranslated text
message, so nothing already sent is lost."""

from django.db import migrations, models

TEXT = "%(text)s"


def to_messages(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    for row in Notification.objects.only("pk", "title", "body").iterator(chunk_size=2000):
        Notification.objects.filter(pk=row.pk).update(
            title_msgid=TEXT,
            title_params={"text": row.title},
            body_msgid=TEXT if row.body else "",
            body_params={"text": row.body} if row.body else {},
        )


def to_text(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    for row in Notification.objects.only("pk", "title_params", "body_params").iterator(chunk_size=2000):
        Notification.objects.filter(pk=row.pk).update(
            title=str((row.title_params or {}).get("text", ""))[:200], body=str((row.body_params or {}).get("text", ""))
        )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_outboxemail")]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="title_msgid",
            field=models.TextField(default="", verbose_name="title key"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="notification",
            name="title_params",
            field=models.JSONField(blank=True, default=dict, verbose_name="title parameters"),
        ),
        migrations.AddField(
            model_name="notification",
            name="body_msgid",
            field=models.TextField(blank=True, default="", verbose_name="message key"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="notification",
            name="body_params",
            field=models.JSONField(blank=True, default=dict, verbose_name="message parameters"),
        ),
        migrations.RunPython(to_messages, to_text, elidable=True),
        migrations.RemoveField(model_name="notification", name="title"),
        migrations.RemoveField(model_name="notification", name="body"),
    ]
