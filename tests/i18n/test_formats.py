"""Dates, numbers and money in the reader's locale (issue 20): one function each, the filters and the pages use them.

CLDR's spaces: French groups digits with a narrow no-break space (U+202F), Polish with a no-break space (U+00A0);
every language but English writes the euro sign after the amount, after a no-break space (U+00A0).
Exports stay machine-readable in every language.
"""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from interact_portal.core.formatting import (
    format_count,
    format_date,
    format_money,
    format_number,
    format_span,
    format_time,
)
from projects.search_index import search_index_refresh
from projects.workflow import Status
from tests.database.conftest import project_with_partners
from tests.factories import OrganisationFactory, ProgrammeFactory

NBSP, NNBSP = "\u00a0", "\u202f"
AMOUNT = Decimal("1234567.89")
WINTER = datetime(2026, 12, 10, 14, 25, tzinfo=UTC)

MONEY = {
    "en": "€1,234,567.89",
    "de": f"1.234.567,89{NBSP}€",
    "es": f"1.234.567,89{NBSP}€",
    "fr": f"1{NNBSP}234{NNBSP}567,89{NBSP}€",
    "pl": f"1{NBSP}234{NBSP}567,89{NBSP}€",
}


@pytest.mark.parametrize(("language", "shown"), MONEY.items())
def test_money_is_written_as_the_reader_writes_it(language, shown):
    with translation.override(language):
        assert format_money(AMOUNT) == shown


@pytest.mark.parametrize(
    ("language", "negative", "whole"),
    [
        ("en", "-€12.30", "€1,235"),
        ("de", f"-12,30{NBSP}€", f"1.235{NBSP}€"),
        ("fr", f"-12,30{NBSP}€", f"1{NNBSP}235{NBSP}€"),
        ("pl", f"-12,30{NBSP}€", f"1{NBSP}235{NBSP}€"),
    ],
)
def test_a_negative_amount_and_a_rounded_amount(language, negative, whole):
    with translation.override(language):
        assert format_money(Decimal("-12.3")) == negative
        assert format_money(Decimal("1234.6"), decimals=0) == whole
        assert format_money(None) == "—"


@pytest.mark.parametrize(
    ("language", "count", "number"),
    [
        ("en", "1,234,567", "1,234,567.89"),
        ("de", "1.234.567", "1.234.567,89"),
        ("es", "1.234.567", "1.234.567,89"),
        ("fr", f"1{NNBSP}234{NNBSP}567", f"1{NNBSP}234{NNBSP}567,89"),
        ("pl", f"1{NBSP}234{NBSP}567", f"1{NBSP}234{NBSP}567,89"),
    ],
)
def test_counts_and_numbers_use_the_same_separators_as_django(language, count, number):
    with translation.override(language):
        assert format_count(1234567) == count
        assert format_number(AMOUNT) == number
        # Django's own filters read the same formats module: intcomma and floatformat agree with the portal's
        shown = Template("{% load humanize %}{{ n|intcomma }}|{{ x|floatformat:2 }}").render(
            Context({"n": 1234567, "x": Decimal("0.5")})
        )
        assert shown == f"{count}|0{number[-3]}50"


@pytest.mark.parametrize(
    ("language", "time", "day", "span"),
    [
        ("en", "10 December 2026, 15:25 CET", "10 December 2026", "10 December 2026, 15:25–17:25 CET"),
        ("de", "10. Dezember 2026, 15:25 CET", "10. Dezember 2026", "10. Dezember 2026, 15:25–17:25 CET"),
        ("fr", "10 décembre 2026, 15:25 CET", "10 décembre 2026", "10 décembre 2026, 15:25–17:25 CET"),
        (
            "es",
            "10 de diciembre de 2026, 15:25 CET",
            "10 de diciembre de 2026",
            "10 de diciembre de 2026, 15:25–17:25 CET",
        ),
        ("pl", "10 grudnia 2026, 15:25 CET", "10 grudnia 2026", "10 grudnia 2026, 15:25–17:25 CET"),
    ],
)
def test_dates_in_the_readers_language_keep_the_zone_label(language, time, day, span):
    with translation.override(language):
        assert format_time(WINTER) == time
        assert format_date(date(2026, 12, 10)) == day
        assert format_span(WINTER, datetime(2026, 12, 10, 16, 25, tzinfo=UTC)) == span
        assert format_time(WINTER, "Europe/Helsinki").endswith("16:25 EET")  # a call's own zone, as today


def test_the_filters_follow_the_active_language():
    source = "{% load portal_format %}{{ at|when }} | {{ budget|money }} | {{ budget|amount }}"
    with translation.override("de"):
        shown = Template(source).render(Context({"at": WINTER, "budget": AMOUNT}))
    assert shown == f"10. Dezember 2026, 15:25 CET | 1.234.567,89{NBSP}€ | 1.234.567,89"


@pytest.fixture
def public_project(db):
    programme = ProgrammeFactory(name="Interreg Danube", slug="danube")
    partners = [(OrganisationFactory(), "1000000.00"), (OrganisationFactory(), "234567.89")]
    project = project_with_partners(
        programme,
        partners,
        acronym="MONEYWISE",
        title="Money in every language",
        status=Status.CONTRACTED,
        start_date=date(2026, 12, 10),
        end_date=date(2028, 6, 30),
    )
    search_index_refresh([project.pk])
    return project


@pytest.mark.parametrize(
    ("prefix", "money", "day"),
    [
        ("", "€1,234,567.89", "10 December 2026"),
        ("/de", f"1.234.567,89{NBSP}€", "10. Dezember 2026"),
        ("/fr", f"1{NNBSP}234{NNBSP}567,89{NBSP}€", "10 décembre 2026"),
        ("/pl", f"1{NBSP}234{NBSP}567,89{NBSP}€", "10 grudnia 2026"),
    ],
)
def test_a_public_project_page_shows_the_readers_formats(client, public_project, prefix, money, day):
    page = client.get(f"{prefix}/projects/{public_project.pk}/").content.decode()
    assert f"<dd>{money}</dd>" in page
    assert day in page


def test_the_search_results_show_the_readers_money(client, public_project):
    assert f"1.234.567,89{NBSP}€" in client.get("/de/projects/?q=moneywise").content.decode()
    assert f"1{NNBSP}234{NNBSP}567,89{NBSP}€" in client.get("/fr/projects/?q=moneywise").content.decode()


def _download(client, url: str) -> str:
    return b"".join(client.get(url).streaming_content).decode()


def test_exports_stay_machine_readable_in_every_language(client, public_project):
    english = _download(client, reverse("database:export_csv"))
    with translation.override("de"):
        url = reverse("database:export_csv")
    german = _download(client, url)
    assert url.startswith("/de/")
    assert "1234567.89" in english and "1234567.89" in german
    assert "1.234.567,89" not in german and "€" not in german
