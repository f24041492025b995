"""Search correctness: words, stemming, accents, partner names, near-miss acronyms, ranking, keyset pages."""

from django.db import connection

from interact_portal.demo.scale import Sizes, scale_seed
from programmes.reference import countries_ensure
from projects.facets import search_summary
from projects.filters import ProjectSearchForm
from projects.search import PAGE_SIZE, public_matches, public_search
from projects.search_index import search_index_refresh
from projects.services.workflow import project_transition
from projects.workflow import Status
from tests.factories import ProjectFactory, UserFactory


def found(**params) -> list[str]:
    return [p.acronym for p in public_search(ProjectSearchForm(params).state()).page.projects]


def test_stemming_matches_other_forms_of_a_word(database):
    assert found(q="transport") == ["RAILNET", "ALPWATER"]  # "transports" in a title, "transport" in a summary
    assert found(q="heated") == ["HEATWISE"]  # heat, heating


def test_accents_are_ignored_both_ways(database):
    assert set(found(q="universite lorraine")) == {"MOUNTLAB", "ALPWATER", "HEATWISE"}
    assert set(found(q="Mesto")) == set(found(q="Město")) == {"HEATWISE", "RAILNET", "SUNCOOP"}


def test_partner_organisation_names_are_searched(database):
    assert set(found(q="Slovak Energy Agency")) == {"RAILNET", "ALPWATER", "SUNCOOP"}


def test_title_match_ranks_above_summary_match_above_partner_match(database):
    # "energy": SUNCOOP's title, SUNCOOP/RAILNET/ALPWATER's partner name; "energy" ranks the title match first
    assert found(q="energy")[0] == "SUNCOOP"
    # "transport": a title (RAILNET) ranks above a summary (ALPWATER)
    assert found(q="transport") == ["RAILNET", "ALPWATER"]


def test_near_miss_acronym_is_found_by_trigrams(database):
    assert found(q="HEATWIZE") == ["HEATWISE"]
    assert found(q="RAILNTE") == ["RAILNET"]  # a transposition keeps 5 of 11 trigrams
    assert found(q="RUSTNET") == []  # shares only "net": below the threshold
    assert found(q="RAILNETS") == ["RAILNET"]


def test_phrases_or_and_exclusion_follow_web_search_syntax(database):
    assert set(found(q="heat OR rail")) == {"HEATWISE", "RAILNET"}
    assert set(found(q="energy -solar")) == {"RAILNET", "ALPWATER"}


def test_drafts_ineligible_and_rejected_projects_are_never_found(database):
    for q in ("secret", "HIDDEN0", "heating", "never public", ""):
        assert not {a for a in found(q=q) if a.startswith("HIDDEN")}
    assert public_matches(ProjectSearchForm({}).state()).count() == len(database.public)


def test_sorting_by_date_and_budget(database):
    assert found() == ["SUNCOOP", "HEATWISE", "RAILNET", "MOUNTLAB", "ALPWATER"]  # undated last
    assert found(sort="budget") == ["MOUNTLAB", "ALPWATER", "RAILNET", "HEATWISE", "SUNCOOP"]


def test_keyset_pages_visit_every_project_once_and_the_last_page_is_the_tail(database, settings):
    extra = [ProjectFactory(programme=database.danube, acronym=f"EXTRA{n}", status=Status.CLOSED) for n in range(60)]
    search_index_refresh([p.pk for p in extra])
    everyone = [p.pk for p in public_matches(ProjectSearchForm({}).state()).order_by("-sort_date", "-id")]
    seen, params = [], {}
    while True:
        result = public_search(ProjectSearchForm(params).state())
        seen += [p.pk for p in result.page.projects]
        if not result.page.next_cursor:
            break
        params = {"after": result.page.next_cursor}
    assert seen == everyone and len(seen) == 65
    last = public_search(ProjectSearchForm({"last": "1"}).state()).page
    assert [p.pk for p in last.projects] == everyone[-PAGE_SIZE:] and last.is_last and not last.is_first
    back = public_search(ProjectSearchForm({"before": last.previous_cursor}).state()).page
    assert [p.pk for p in back.projects] == everyone[-2 * PAGE_SIZE : -PAGE_SIZE]


def test_relevance_pages_follow_the_ranking(database):
    extra = [
        ProjectFactory(programme=database.danube, acronym=f"X{n}", title="River heat", status=Status.CLOSED)
        for n in range(30)
    ]
    search_index_refresh([p.pk for p in extra])
    first = public_search(ProjectSearchForm({"q": "heat"}).state())
    second = public_search(ProjectSearchForm({"q": "heat", "after": first.page.next_cursor}).state())
    assert first.total == 31 and len(first.page.projects) == PAGE_SIZE and len(second.page.projects) == 6
    assert not {p.pk for p in first.page.projects} & {p.pk for p in second.page.projects}
    assert second.page.is_last


def test_the_summary_ranks_as_the_matches_order_by_score_and_keeps_the_best(database):
    for q in ("heat", "energy", "transport", "HEATWIZE", "energy -solar"):
        matches = public_matches(ProjectSearchForm({"q": q}).state())
        best = list(matches.order_by("-score", "-id").values_list("score", "id"))
        assert best, q
        summary = search_summary(matches, 2)
        assert (summary.ranking, summary.total) == (best[:2], len(best)), q


def test_trigram_similarity_is_the_share_of_trigrams_in_common(db):
    """portal_similarity is |a ∩ b| / |a ∪ b| of the two words' trigram sets, like pg_trgm's similarity."""
    pairs = [
        ("HEATWISE", "HEATWIZE"),
        ("RAILNET", "RAILNTE"),
        ("RAILNET", "RUSTNET"),
        ("Ångström-LAB", "angstrom lab"),
        ("CE-ROUTES", "routes"),
        ("ab", "ab"),
        ("", "x"),
    ]
    with connection.cursor() as cursor:
        for a, b in pairs:
            cursor.execute("SELECT portal_trigrams(%s)::text[], portal_trigrams(%s)::text[]", [a, b])
            ta, tb = cursor.fetchone()
            cursor.execute("SELECT portal_similarity(%s::text[], %s::text[])", [ta, tb])
            union = set(ta) | set(tb)
            expected = len(set(ta) & set(tb)) / len(union) if union else 0
            assert abs(cursor.fetchone()[0] - expected) < 1e-6, (a, b)


def test_a_project_made_public_appears_at_once_despite_the_cache(database):
    assert "LATE" not in found(q="late")
    late = ProjectFactory(programme=database.danube, acronym="LATE", title="Late bloomer", status=Status.ELIGIBLE)
    project_transition(project=late, to=Status.APPROVED, by=UserFactory())
    assert found(q="late") == ["LATE"]
    assert public_search(ProjectSearchForm({}).state()).total == len(database.public) + 1


def explain(params: dict) -> str:
    sql, values = public_matches(ProjectSearchForm(params).state()).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", values)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_search_uses_the_gin_indexes(database):
    countries_ensure()
    scale_seed(
        sizes=Sizes(programmes=5, projects=3000, partners=9000, organisations=300, events=1, registrations=1),
        seed=1,
        log=lambda _: None,
    )
    with connection.cursor() as cursor:
        for language in ("en", "de", "fr", "es", "pl"):  # one full-text index per language (issue 20)
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [f"project_search_{language}"])
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", ["project_trigram_gin"])
        cursor.execute("ANALYZE projects_project")
    plan = explain({"q": "mountain sediments"})
    assert "Bitmap Index Scan on project_search_en" in plan, plan
    plan = explain({"q": "QUIXOTIC"})  # one acronym-like word: full text OR trigram similarity, both indexed
    assert "Bitmap Index Scan on project_search_en" in plan and "Bitmap Index Scan on project_trigram_gin" in plan, plan
