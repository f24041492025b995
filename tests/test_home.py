from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import CallFactory, EventFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_home_reads_programmes_open_calls_and_upcoming_events(client):
    ProgrammeFactory(name="Interreg Alpine Space")
    CallFactory(title="Open call for green projects")
    CallFactory(
        title="Closed call", opens_at=timezone.now() - timedelta(days=40), closes_at=timezone.now() - timedelta(days=1)
    )
    EventFactory(title="Webinar on simplified costs")
    EventFactory(title="Draft event", status="draft")
    html = client.get("/").content.decode()
    assert "Interreg Alpine Space" in html and "Open call for green projects" in html
    assert "Webinar on simplified costs" in html
    assert "Closed call" not in html and "Draft event" not in html


@pytest.mark.parametrize("rows", [1, 6])
def test_home_query_count_is_constant(client, django_assert_num_queries, rows):
    for _ in range(rows):
        CallFactory(), EventFactory(), ProgrammeFactory()
    with django_assert_num_queries(3):  # programmes, open calls with their programme, events
        assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    ("kind", "present", "absent"),
    [
        ("visitor", ["Log in", "Sign up"], ["Notifications", "Administration"]),
        ("applicant", ["Notifications", "My account", "Log out"], ["Administration", "Sign up"]),
        ("staff", ["Notifications", "Administration"], ["Sign up"]),
        ("admin", ["Administration", ">Admin<"], ["Sign up"]),
    ],
)
def test_navigation_changes_with_the_role(client, kind, present, absent):
    if kind != "visitor":
        client.force_login(UserFactory(is_staff=kind in ("staff", "admin"), is_superuser=kind == "admin"))
    html = client.get("/").content.decode()
    assert [p for p in present if p not in html] == []
    assert [a for a in absent if a in html] == []


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode() and 'class="site-header"' in response.content.decode()


def test_500_page_renders_in_the_layout(rf):
    from interact_portal.views import error_500

    request = rf.get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = error_500(request)
    assert response.status_code == 500 and b"Something went wrong" in response.content


def test_static_assets_are_vendored_not_from_a_cdn(client):
    html = client.get("/").content.decode()
    assert "/static/vendor/htmx/htmx.min.js" in html and "/static/css/portal.css" in html
    assert "cdn" not in html.lower() and "//unpkg" not in html
