from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.base import BaseCommand, CommandError

from programmes.nuts import nuts_import, nuts_parse


class Command(BaseCommand):
    help = "Import NUTS regions from Eurostat's CSV (classification file or GISCO NUTS_ID/LEVL_CODE/NAME_LATN)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Path to the NUTS CSV file.")

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"{file} does not exist.")
        try:
            with file.open(encoding="utf-8-sig", newline="") as stream:
                created, updated = nuts_import(rows=nuts_parse(stream))
        except (ValidationError, ObjectDoesNotExist) as error:
            raise CommandError(f"Nothing imported: {'; '.join(getattr(error, 'messages', [str(error)]))}") from error
        self.stdout.write(self.style.SUCCESS(f"NUTS regions: {created} created, {updated} updated."))
