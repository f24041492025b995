from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from interact_portal.demo.application_content import application_contents_seed
from interact_portal.demo.applications import applications_seed, decided_applications_seed
from interact_portal.demo.call_setup import calls_setup_seed, indicators_seed
from interact_portal.demo.closure import closure_seed
from interact_portal.demo.events import events_seed
from interact_portal.demo.ideas import ideas_seed
from interact_portal.demo.library import library_seed
from interact_portal.demo.programmes import calls_seed, programmes_seed
from interact_portal.demo.projects import (
    collaborators_seed,
    monitoring_committee_seed,
    organisations_seed,
    projects_seed,
)
from interact_portal.demo.reporting import reporting_seed
from interact_portal.demo.users import users_seed
from programmes.nuts import nuts_import, nuts_parse
from programmes.reference import countries_ensure
from projects.search_index import search_index_refresh

NUTS_DEMO = Path(settings.BASE_DIR) / "programmes" / "fixtures" / "nuts_demo.csv"


class Command(BaseCommand):
    help = "Create or refresh the demo content (idempotent). Demo users only when DEBUG is on."

    @transaction.atomic
    def handle(self, *args, **options):
        countries_ensure()
        with NUTS_DEMO.open(encoding="utf-8", newline="") as stream:
            nuts_import(rows=nuts_parse(stream))
        programmes = programmes_seed()
        calls_seed(programmes)
        calls_setup_seed()
        indicators_seed()
        monitoring_committee_seed()
        projects_seed(organisations_seed())
        search_index_refresh()
        events_seed()
        library_seed()  # after the events: their materials appear on the library's topics
        if settings.DEBUG:
            users = users_seed()
            collaborators_seed(users)
            applications_seed(users)
            decided_applications_seed(users)
        application_contents_seed()
        if settings.DEBUG:
            reporting_seed(users)  # after the work plans: GREENHEAT's reports describe their progress
            closure_seed(users)  # INNOBORDER closed with its results (issue 19)
            ideas_seed(users)  # the partner search (issue 21)
        self.stdout.write(
            self.style.SUCCESS(
                "Demo content ready" + ("" if settings.DEBUG else " (no demo users: DEBUG is off)") + "."
            )
        )
