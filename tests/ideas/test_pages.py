"""The partner search's pages: search and facets, who sees which idea, posting with errors next to the fields,
expressing interest once, "my ideas", no address anywhere, constant query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from interact_portal.notifications.models import OutboxEmail
from partnerships.choices import OrganisationType
from partnerships.idea_models import IdeaInterest, IdeaStatus, ProjectIdea
from partnerships.idea_services import idea_close, idea_create, idea_transition, interest_express

from .conftest import idea_data

pytestmark = pytest.mark.django_db
MESSAGE = "Our lab would like to join as a partner."


def _titles(response) -> list[str]:
    return [idea.title for idea in response.context["ideas"]]


def _facet(response, name: str) -> dict[str, int]:
    groups = {group: links for group, _title, links in response.context["facet_groups"]}
    return {link.label: link.count for link in groups[name]}


@pytest.fixture
def three(ideas_world):
    w = ideas_world
    a = idea_create(
        owner=w.owner,
        data=idea_data(w.programme, title="Green roofs for Danube cities"),
        countries=[w.hungary, w.austria],
    )
    b = idea_create(
        owner=w.stranger,
        data=idea_data(
            w.programme,
            title="Flood warnings along the Tisza",
            summary="Sensors and shared forecasts for the river's towns.",
            partner_types_sought=[OrganisationType.LOCAL_AUTHORITY],
        ),
        countries=[w.hungary],
    )
    c = idea_create(
        owner=w.person,
        data=idea_data(w.other_programme, title="Alpine huts on solar power", summary="Energy for mountain huts."),
    )
    return a, b, c


def test_search_words_with_accents_and_endings_ignored(client, three):
    assert _titles(client.get(reverse("ideas:list"), {"q": "floods"})) == ["Flood warnings along the Tisza"]
    assert _titles(client.get(reverse("ideas:list"), {"q": "sólar"})) == ["Alpine huts on solar power"]
    assert _titles(client.get(reverse("ideas:list"), {"q": "nothing-like-this"})) == []


def test_facets_count_and_narrow(client, ideas_world, three):
    everything = client.get(reverse("ideas:list"))
    assert everything.context["total"] == 3
    assert _facet(everything, "programme") == {"Interreg Danube": 2, "Interreg Alpine Space": 1}
    assert _facet(everything, "country") == {"Hungary": 2, "Austria": 1}
    assert _facet(everything, "partner_type") == {"Higher education and research": 2, "Local public authority": 1}
    narrowed = client.get(reverse("ideas:list"), {"country": "HU", "partner_type": "local_authority"})
    assert _titles(narrowed) == ["Flood warnings along the Tisza"]
    assert _facet(narrowed, "programme") == {"Interreg Danube": 1}
    assert _titles(client.get(reverse("ideas:list"), {"programme": "alpine"})) == ["Alpine huts on solar power"]


@pytest.mark.parametrize(
    "query",
    [
        {"country": "hungary"},
        {"partner_type": "wizards"},
        {"programme": "no such/slug"},
        {"page": "-4"},
        {"page": "99999999999"},
        {"q": "x" * 500},
        {"q": "\"'); DROP TABLE"},
        {"q": "!!! & | :*"},
    ],
)
def test_bad_search_input_is_ignored_never_an_error(client, three, query):
    response = client.get(reverse("ideas:list"), query)
    assert response.status_code == 200


def test_a_page_past_the_last_shows_the_last(client, three):
    response = client.get(reverse("ideas:list"), {"page": "50"})
    assert response.status_code == 200 and len(response.context["ideas"]) == 3


def test_closed_expired_converted_and_past_ideas_are_not_listed(client, ideas_world, three):
    w = ideas_world
    a, b, c = three
    idea_close(idea=a, by=w.owner)
    idea_transition(idea=b, to=IdeaStatus.EXPIRED)
    ProjectIdea.objects.filter(pk=c.pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    assert _titles(client.get(reverse("ideas:list"))) == []
    for idea in (a, b, c):
        assert client.get(reverse("ideas:detail", args=[idea.pk])).status_code == 404
    client.force_login(w.owner)
    assert client.get(reverse("ideas:detail", args=[a.pk])).status_code == 200  # the owner still sees theirs
    assert client.get(reverse("ideas:detail", args=[b.pk])).status_code == 404  # not theirs


def test_posting_shows_errors_next_to_fields(client, ideas_world):
    w = ideas_world
    client.force_login(w.owner)
    bad = client.post(
        reverse("ideas:create"),
        {"title": "", "summary": "", "programme": "999999", "expires_on": "yesterday", "partner_types_sought": "x"},
    )
    assert bad.status_code == 400
    assert {"title", "summary", "programme", "expires_on", "partner_types_sought"} <= set(bad.context["form"].errors)
    assert "There is a problem" in bad.content.decode()
    past = client.post(
        reverse("ideas:create"),
        {"title": "T", "summary": "S", "programme": w.programme.pk, "expires_on": "2001-01-01"},
    )
    assert past.status_code == 400 and "expires_on" in past.context["form"].errors
    good = client.post(
        reverse("ideas:create"),
        {
            "title": "Cycling bridges",
            "summary": "Cross-border cycling bridges.",
            "programme": w.programme.pk,
            "priority": w.priority.pk,
            "call": w.open_call.pk,
            "countries_sought": [w.hungary.pk],
            "partner_types_sought": ["sme"],
            "organisation": w.owner_org.pk,
            "expires_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
        },
    )
    idea = ProjectIdea.objects.get(title="Cycling bridges")
    assert good.status_code == 302 and good.url == reverse("ideas:detail", args=[idea.pk])
    assert (idea.owner, idea.call, idea.organisation) == (w.owner, w.open_call, w.owner_org)


def test_editing_is_the_owners_alone(client, ideas_world, idea):
    w = ideas_world
    url = reverse("ideas:edit", args=[idea.pk])
    client.force_login(w.person)
    assert client.get(url).status_code == 404
    assert client.post(reverse("ideas:close", args=[idea.pk])).status_code == 404
    client.force_login(w.owner)
    assert client.get(url).status_code == 200
    data = {"title": "Cooler cities", "summary": "New words.", "programme": w.programme.pk}
    data["expires_on"] = (timezone.localdate() + timedelta(days=10)).isoformat()
    assert client.post(url, data).status_code == 302
    idea.refresh_from_db()
    assert idea.title == "Cooler cities" and list(idea.countries_sought.all()) == []


def test_express_interest_once_through_the_page_and_no_address_shown(client, ideas_world, idea):
    w = ideas_world
    url = reverse("ideas:interest", args=[idea.pk])
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(w.owner)
    assert client.get(url).status_code == 403  # not in one's own idea
    client.force_login(w.person)
    empty = client.post(url, {"body": ""})
    assert empty.status_code == 400 and "body" in empty.context["form"].errors
    foreign = client.post(url, {"body": MESSAGE, "organisation": w.owner_org.pk})
    assert foreign.status_code == 400 and "organisation" in foreign.context["form"].errors
    sent = client.post(url, {"body": MESSAGE, "organisation": w.person_org.pk})
    assert sent.status_code == 302
    assert IdeaInterest.objects.filter(idea=idea, person=w.person, organisation=w.person_org).count() == 1
    assert OutboxEmail.objects.filter(to=w.owner.email, body__contains=MESSAGE).count() == 1
    assert client.post(url, {"body": MESSAGE + " Again!"}).status_code == 403  # once
    for person, other in ((w.person, w.owner), (w.owner, w.person)):  # the header shows one's own address only
        client.force_login(person)
        for page in (reverse("ideas:detail", args=[idea.pk]), reverse("ideas:mine"), reverse("ideas:list")):
            assert other.email not in client.get(page).content.decode(), (person, page)
    client.force_login(w.owner)
    mine = client.get(reverse("ideas:mine")).content.decode()
    assert w.person.get_full_name() in mine and w.person_org.name in mine


def test_interests_are_seen_by_the_owner_and_the_person_only(client, ideas_world, idea):
    w = ideas_world
    interest_express(idea=idea, person=w.person, body=MESSAGE, organisation=w.person_org)
    detail = reverse("ideas:detail", args=[idea.pk])
    assert w.person.get_full_name() not in client.get(detail).content.decode()
    client.force_login(w.stranger)
    assert w.person.get_full_name() not in client.get(detail).content.decode()
    client.force_login(w.owner)
    assert w.person.get_full_name() in client.get(detail).content.decode()
    client.force_login(w.person)
    assert "You expressed interest" in client.get(detail).content.decode()


def _many(w, n: int, start: int = 0):
    for i in range(start, start + n):
        idea = idea_create(
            owner=w.owner if i % 2 else w.stranger,
            data=idea_data(w.programme, title=f"Idea number {i}", organisation=w.owner_org if i % 2 else None),
            countries=[w.hungary, w.austria],
        )
        if i % 2:
            interest_express(idea=idea, person=w.person, body=f"{MESSAGE} ({i})", organisation=w.person_org)


@pytest.mark.usefixtures("templates_rendered_plainly")
@pytest.mark.parametrize(
    "page",
    [
        "ideas:list",
        "ideas:list?q=idea&country=HU",
        "ideas:mine",
        "ideas:detail",
        "ideas:create",
        "ideas:edit",
        "ideas:interest",
        "projects:idea_convert",
    ],
)
def test_query_counts_do_not_grow_with_the_ideas(client, ideas_world, settings, page):
    w = ideas_world
    settings.CONTACT_RELAY_PER_HOUR = settings.CONTACT_RELAY_PER_DAY = 100
    client.force_login(w.owner)
    name, _sep, query = page.partition("?")

    def url():
        if name in ("ideas:detail", "ideas:edit", "projects:idea_convert"):
            return reverse(name, args=[ProjectIdea.objects.filter(owner=w.owner).first().pk])
        if name == "ideas:interest":
            return reverse(name, args=[ProjectIdea.objects.filter(owner=w.stranger).first().pk])
        return reverse(name) + (f"?{query}" if query else "")

    counts = []
    for n, start in ((2, 0), (18, 2)):
        _many(w, n, start)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url()).status_code == 200
        counts.append(len(captured))
    assert 0 < counts[0] == counts[1], counts


def test_counts_are_cached_until_an_idea_changes(client, ideas_world, three):
    w = ideas_world
    with CaptureQueriesContext(connection) as first:
        assert client.get(reverse("ideas:list")).context["total"] == 3
    with CaptureQueriesContext(connection) as again:
        assert client.get(reverse("ideas:list")).context["total"] == 3
    assert len(again) == len(first) - 1  # the counts come from the cache
    idea_close(idea=three[0], by=w.owner)
    response = client.get(reverse("ideas:list"))
    assert response.context["total"] == 2 and _facet(response, "programme")["Interreg Danube"] == 1
