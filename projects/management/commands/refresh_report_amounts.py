from django.core.management.base import BaseCommand
from django.db import transaction

from projects.money_aggregates import backfill_report_amounts
from projects.money_cache import money_generation_bump


class Command(BaseCommand):
    help = (
        "Rebuild the stored stage amounts of submitted partner reports (the programme money overview's aggregate), "
        "e.g. after changing the flat rates of a call with submitted reports."
    )

    def add_arguments(self, parser):
        parser.add_argument("--programme", type=int, action="append", help="Only this programme (id); repeatable.")

    def handle(self, *args, programme=None, **options):
        with transaction.atomic():
            count = backfill_report_amounts(programme)
        if programme:
            for pk in programme:
                money_generation_bump(pk)
        else:
            from programmes.models import Programme

            for pk in Programme.objects.values_list("pk", flat=True):
                money_generation_bump(pk)
        self.stdout.write(self.style.SUCCESS(f"Stored amounts of {count} partner reports rebuilt."))
