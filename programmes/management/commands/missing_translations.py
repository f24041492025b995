"""List the missing translations per programme (programmes.content_report): `manage.py missing_translations
[--programme SLUG …]`."""

from django.core.management.base import BaseCommand, CommandError

from programmes.content_report import missing_translations
from programmes.models import Programme


class Command(BaseCommand):
    help = "List, per programme, each text lacking a language the programme declares."

    def add_arguments(self, parser):
        parser.add_argument("--programme", action="append", default=[], metavar="SLUG", help="Only this programme.")

    def handle(self, *args, programme, **options):
        programmes = Programme.objects.order_by("slug")
        if programme:
            programmes = programmes.filter(slug__in=programme)
            unknown = set(programme) - set(programmes.values_list("slug", flat=True))
            if unknown:
                raise CommandError(f"No programme {', '.join(sorted(unknown))}.")
        for gaps in missing_translations(programmes):
            self.stdout.write(f"{gaps.programme.slug} ({', '.join(gaps.languages)}): {len(gaps.missing)} missing")
            for row in gaps.missing:
                self.stdout.write(f"  {row.kind}: {row.label} — {row.field}: {', '.join(row.languages)}")
