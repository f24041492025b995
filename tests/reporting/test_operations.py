"""The public list of operations: contracted and closed projects only, keyset pages, CSV, never an email."""

import pytest
from django.urls import reverse

from partnerships.models import ProjectPartner
from projects.workflow import Status
from tests.factories import ProjectFactory, ProjectPartnerFactory

pytestmark = pytest.mark.django_db


def _grow(contracted, n):
    for i in range(n):
        project = ProjectFactory(programme=contracted.programme, status=Status.CONTRACTED, acronym=f"OP-{i:03}")
        ProjectPartnerFactory(project=project, contact_email=f"secret{i}@example.org")


def test_public_page_lists_contracted_projects_and_no_email(contracted, client):
    ProjectFactory(programme=contracted.programme, status=Status.SUBMITTED, acronym="NOT-YET")
    emails = list(ProjectPartner.objects.values_list("contact_email", flat=True))
    for url in (
        reverse("database:operations"),
        reverse("database:operations_programme", args=[contracted.programme.slug]),
    ):
        page = client.get(url)
        text = page.content.decode()
        assert page.status_code == 200 and "DANUBE-AIR" in text and "Stadt Wien" in text and "NOT-YET" not in text
        assert not any(email in text for email in emails if email)
        assert "mailto:" not in text
    csv_text = b"".join(
        client.get(reverse("database:operations_programme_csv", args=[contracted.programme.slug])).streaming_content
    ).decode()
    assert "DANUBE-AIR" in csv_text and "@" not in csv_text


def test_unknown_programme_is_404(client, db):
    assert client.get(reverse("database:operations_programme", args=["nope"])).status_code == 404
    assert client.get(reverse("database:operations_programme_csv", args=["nope"])).status_code == 404


def test_keyset_pages(contracted, client):
    _grow(contracted, 55)
    url = reverse("database:operations_programme", args=[contracted.programme.slug])
    first = client.get(url)
    after = first.context["next_after"]
    assert len(first.context["operations"]) == 50 and after
    second = client.get(url, {"after": after})
    assert len(second.context["operations"]) == 6 and second.context["next_after"] is None
    seen = {o.pk for o in first.context["operations"]} | {o.pk for o in second.context["operations"]}
    assert len(seen) == 56
    assert client.get(url, {"after": "x' or 1=1"}).status_code == 200


@pytest.mark.parametrize("n", [2, 20])
def test_constant_queries(contracted, client, django_assert_max_num_queries, n):
    _grow(contracted, n)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("database:operations")).status_code == 200
    with django_assert_max_num_queries(7):
        assert client.get(reverse("database:operations_programme", args=[contracted.programme.slug])).status_code == 200
