"""Projects contracted before versions existed get their version 1: the live tables as they stand (nothing could
change them after the contract until now)."""

from django.db import migrations


def capture(apps, schema_editor):
    from projects.models import ApplicationVersion, Project, VersionOrigin
    from projects.versions import version_capture

    # today's model has the columns of later migrations too (Project.language, 0015): read only those there by now
    there = {f.name for f in apps.get_model("projects", "Project")._meta.concrete_fields}
    later = [f.name for f in Project._meta.concrete_fields if f.name not in there]
    have = ApplicationVersion.objects.values("project")
    # the ids first: a database with nothing to capture (a new one) never reads a whole row here
    wanted = list(
        Project.objects.filter(status__in=["contracted", "closed"]).exclude(pk__in=have).values_list("pk", flat=True)
    )
    if not wanted:
        return
    for project in Project.objects.filter(pk__in=wanted).defer(*later).iterator():
        version_capture(
            project=project,
            by=None,
            origin=VersionOrigin.CONTRACT,
            in_force_from=project.start_date or project.created_at.date(),
        )


class Migration(migrations.Migration):
    # the live code reads today's models: every column they have must exist by now
    dependencies = [
        ("projects", "0012_versions_immutable"),
        ("partnerships", "0006_projectpartner_withdrawn_from_period"),
        ("programmes", "0010_call_reallocation_limit"),
    ]

    operations = [migrations.RunPython(capture, migrations.RunPython.noop)]
