"""The language a project's texts are written in; the search vector's GIN index becomes one per language (a
project's vector is written in its language's configuration: projects.search_languages). Every project so far is
English: its vector is unchanged, nothing to rewrite."""

import django.contrib.postgres.indexes
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0012_staff_group_sees_issue_21"),
        ("projects", "0016_submission_language"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="project",
            name="language",
            field=models.CharField(
                choices=[("en", "English"), ("de", "German"), ("fr", "French"), ("es", "Spanish"), ("pl", "Polish")],
                default="en",
                help_text="The public project search finds the project's words in this language.",
                max_length=2,
                verbose_name="language of its texts",
            ),
        ),
        migrations.AddIndex(
            model_name="project",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(("status__in", ["approved", "closed", "contracted"]), ("language", "en")),
                fields=["search_vector"],
                name="project_search_en",
            ),
        ),
        migrations.AddIndex(
            model_name="project",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(("status__in", ["approved", "closed", "contracted"]), ("language", "de")),
                fields=["search_vector"],
                name="project_search_de",
            ),
        ),
        migrations.AddIndex(
            model_name="project",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(("status__in", ["approved", "closed", "contracted"]), ("language", "fr")),
                fields=["search_vector"],
                name="project_search_fr",
            ),
        ),
        migrations.AddIndex(
            model_name="project",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(("status__in", ["approved", "closed", "contracted"]), ("language", "es")),
                fields=["search_vector"],
                name="project_search_es",
            ),
        ),
        migrations.AddIndex(
            model_name="project",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(("status__in", ["approved", "closed", "contracted"]), ("language", "pl")),
                fields=["search_vector"],
                name="project_search_pl",
            ),
        ),
        # the one index of every public project's vector: replaced by one per language
        migrations.RemoveIndex(
            model_name="project",
            name="project_search_gin",
        ),
    ]
