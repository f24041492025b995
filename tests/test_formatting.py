"""One way to show a time, an amount and a status: the functions, their filters, and the admin's dates."""

import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse

from interact_portal.core.formatting import format_date, format_money, format_time
from projects.models import Submission
from tests.staff.conftest import office, ready  # noqa: F401

WINTER = datetime(2026, 12, 10, 14, 25, tzinfo=UTC)
SUMMER = datetime(2026, 7, 1, 8, 0, tzinfo=UTC)


def render(source: str, **context) -> str:
    return Template("{% load portal_format %}" + source).render(Context(context))


def test_a_time_is_shown_in_the_portal_zone_with_its_label():
    assert format_time(WINTER) == "10 December 2026, 15:25 CET"
    assert format_time(SUMMER) == "1 July 2026, 10:00 CEST"


def test_a_time_of_a_call_or_event_is_shown_in_its_own_zone():
    assert format_time(WINTER, "Europe/Helsinki") == "10 December 2026, 16:25 EET"
    assert format_time(WINTER, "Asia/Baku") == "10 December 2026, 18:25 Asia/Baku"  # no abbreviation: the name
    assert format_date(datetime(2026, 12, 10, 23, 30, tzinfo=UTC)) == "11 December 2026"
    assert format_date(date(2026, 12, 10)) == "10 December 2026"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("400000"), "€400,000.00"),
        ("400000.00", "€400,000.00"),  # the snapshot keeps amounts as strings
        (640000, "€640,000.00"),
        (Decimal("1234.5"), "€1,234.50"),
        (Decimal("-12.3"), "-€12.30"),
        (None, "—"),
    ],
)
def test_one_money_format(value, shown):
    assert format_money(value) == shown


def test_the_filters_use_the_same_functions():
    call = type("Call", (), {"timezone": "Europe/Helsinki"})
    shown = render(
        "{{ at|when }} | {{ at|when:call.timezone }} | {{ budget|money }} | {{ at|day }}",
        at=WINTER,
        call=call,
        budget=Decimal("400000"),
    )
    assert shown == "10 December 2026, 15:25 CET | 10 December 2026, 16:25 EET | €400,000.00 | 10 December 2026"


def test_a_status_is_a_tag_with_its_label(ready):  # noqa: F811
    assert render("{{ project|status_tag }}", project=ready.project) == '<span class="tag tag-draft">Draft</span>'


def test_the_admin_shows_european_dates_like_the_pages(client, superuser, office):  # noqa: F811
    submission = Submission.objects.get(project=office.project)
    Submission.objects.filter(pk=submission.pk).update(submitted_at=WINTER)
    client.force_login(superuser)
    page = client.get(reverse("admin:projects_submission_changelist")).content.decode()
    shown = re.findall(r"<td class=\"field-submitted_at[^>]*>([^<]*)<", page)
    assert shown == ["10 December 2026, 15:25 CET"]
    assert "Dec. 10, 2026" not in page


def test_amounts_read_the_same_in_the_snapshot_and_the_workspace(client, office):  # noqa: F811
    total = format_money(sum(p.budget for p in office.project.partners.all()))
    assert total == "€200,000.00"
    client.force_login(office.officer)
    staff_page = client.get(reverse("staff:application", args=[office.programme.slug, office.project.pk]))
    client.force_login(office.manager)
    budget_page = client.get(reverse("projects:budget", args=[office.project.pk]))
    for page in (staff_page.content.decode(), budget_page.content.decode()):
        assert total in page
        assert not re.search(r"€ ?\d+\.\d\d|\d{4,}\.\d\d", page)  # no "€200000.00", no "200000.00"
