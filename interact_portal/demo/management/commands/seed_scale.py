import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from interact_portal.demo.scale import Sizes, analyze, scale_loaded, scale_seed
from programmes.reference import countries_ensure


class Command(BaseCommand):
    help = "Load keep.eu-sized data for benchmarks (COPY; deterministic for a --seed). Refuses to load twice."

    def add_arguments(self, parser):
        defaults = Sizes()
        for name in ("programmes", "projects", "partners", "organisations", "events", "registrations"):
            parser.add_argument(f"--{name}", type=int, default=getattr(defaults, name), metavar="N")
        parser.add_argument("--seed", type=int, default=2026, help="random seed (same seed, same data)")

    def handle(self, *args, **options):
        sizes = Sizes(**{name: options[name] for name in Sizes.__dataclass_fields__})
        if min(sizes.programmes, sizes.organisations) < 1 or sizes.partners < 2 * sizes.projects:
            raise CommandError("Need at least one programme and organisation, and two partners per project.")
        started = time.monotonic()
        with transaction.atomic():
            if scale_loaded():
                raise CommandError("Scale data is already loaded in this database.")
            countries_ensure()
            written = scale_seed(sizes=sizes, seed=options["seed"], log=self.stdout.write)
        analyze()
        rows = ", ".join(f"{n:,} {table}" for table, n in written.items())
        self.stdout.write(self.style.SUCCESS(f"Scale data loaded in {time.monotonic() - started:.1f} s: {rows}."))
