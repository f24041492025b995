"""Notifications kept as a message key and parameters, written out in the recipient's language (issue 20).

The rows written before keep their text as it was (in the sender's language): it becomes an untranslated text
message, so nothing already sent is lost."""

from django.db import migrations, models

# one statement each way (PostgreSQL): the old text becomes the parameter of the untranslated "%(text)s" message
TO_MESSAGES = """
UPDATE notifications_notification SET
    title_msgid = '%(text)s',
    title_params = jsonb_build_object('text', title),
    body_msgid = CASE WHEN body = '' THEN '' ELSE '%(text)s' END,
    body_params = CASE WHEN body = '' THEN '{}'::jsonb ELSE jsonb_build_object('text', body) END
"""
TO_TEXT = """
UPDATE notifications_notification SET
    title = LEFT(COALESCE(title_params->>'text', title_msgid), 200),
    body = COALESCE(body_params->>'text', body_msgid)
"""


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_outboxemail")]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="title_msgid",
            field=models.TextField(default="", verbose_name="title"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="notification",
            name="title_params",
            field=models.JSONField(blank=True, default=dict, verbose_name="parameters"),
        ),
        migrations.AddField(
            model_name="notification",
            name="body_msgid",
            field=models.TextField(blank=True, default="", verbose_name="message"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="notification",
            name="body_params",
            field=models.JSONField(blank=True, default=dict, verbose_name="parameters"),
        ),
        migrations.RunSQL(TO_MESSAGES, TO_TEXT, elidable=True),
        # a default first, so that going back re-adds the old columns to a table that has rows
        migrations.AlterField(
            model_name="notification", name="title", field=models.CharField(default="", max_length=200)
        ),
        migrations.AlterField(model_name="notification", name="body", field=models.TextField(blank=True, default="")),
        migrations.RemoveField(model_name="notification", name="title"),
        migrations.RemoveField(model_name="notification", name="body"),
    ]
