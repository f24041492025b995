"""The stored stage amounts of partner reports (projects.money_aggregates), filled for the existing reports.

The backfill uses the app's own computation (reporting_money through money_aggregates), as the only correct one; on
an empty database it does nothing. The "Programme staff" group views the new model, as programmes/0009 granted the
reporting models (after it, so that the group exists and gets this permission whatever order the apps migrate in)."""

import django.db.models.deletion
from django.db import migrations, models


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    from programmes.staff_group import staff_group_ensure

    app_config = apps.get_app_config("projects")
    app_config.models_module = True  # create_permissions skips apps without models; the state's have them
    create_permissions(app_config, verbosity=0, apps=apps, using=schema_editor.connection.alias)
    app_config.models_module = None
    staff_group_ensure(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def backfill(apps, schema_editor):
    from projects.money_aggregates import backfill_report_amounts

    backfill_report_amounts()


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0005_bank_accounts"),
        ("programmes", "0009_staff_group_sees_reporting"),
        ("projects", "0009_expenditure_sums_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReportAmount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("category", models.CharField(max_length=20, verbose_name="cost category")),
                ("declared", models.DecimalField(decimal_places=2, max_digits=16, verbose_name="declared")),
                (
                    "certified",
                    models.DecimalField(
                        blank=True, decimal_places=2, max_digits=16, null=True, verbose_name="certified"
                    ),
                ),
                (
                    "verified",
                    models.DecimalField(
                        blank=True, decimal_places=2, max_digits=16, null=True, verbose_name="verified"
                    ),
                ),
                (
                    "partner",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="partnerships.projectpartner",
                    ),
                ),
                (
                    "programme",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="programmes.programme",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="projects.project",
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="amounts",
                        to="projects.partnerreport",
                    ),
                ),
            ],
            options={
                "verbose_name": "partner report amount",
                "verbose_name_plural": "partner report amounts",
                "ordering": ["report", "category"],
                "indexes": [
                    models.Index(
                        fields=["programme", "category"],
                        include=("project", "partner", "declared", "certified", "verified"),
                        name="report_amount_programme",
                    )
                ],
                "constraints": [models.UniqueConstraint(fields=("report", "category"), name="report_amount_unique")],
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
