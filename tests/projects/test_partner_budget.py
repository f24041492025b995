"""The partner budget page and the budget overview: flat rates computed on the server, co-financing per fund,
the own contribution's sources, one transaction per save, the optimistic lock, and constant query counts."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.choices import PartnerRole
from partnerships.models import PartnerBudgetLine, PartnerContribution, PartnerFund, ProjectPartner
from programmes.models import CallFund
from projects.models import SectionVersion
from projects.rules import submission_problems
from tests.factories import OrganisationFactory, ProjectPartnerFactory
from tests.projects.budget_fill import fill_budget, fill_partner_details, nuts3

pytestmark = pytest.mark.django_db
D = Decimal


def _url(ready, partner=None):
    return reverse("projects:partner_budget", args=[ready.project.pk, (partner or ready.partner).pk])


def _version(partner) -> int:
    lock = SectionVersion.objects.filter(project_id=partner.project_id, section=f"budget-{partner.pk}").first()
    return lock.version if lock else 1


def _post(client, ready, partner=None, **data):
    partner = partner or ready.partner
    body = {"version": str(_version(partner)), **{k: str(v) for k, v in data.items()}}
    return client.post(_url(ready, partner), body)


def test_posted_flat_rate_values_are_ignored_and_computed_on_the_server(client, ready):
    ready.call.office_flat_rate = D(15)
    ready.call.save()
    client.force_login(ready.partner_user)
    response = _post(
        client,
        ready,
        amount_staff_1="1000",
        amount_office_1="99999",  # the browser has no such input; a forged one is not read
        amount_office_2="5",
        fund_erdf="80",
        contribution_0_kind="public",
        contribution_0_source="Region",
        contribution_0_amount="230",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    lines = set(PartnerBudgetLine.objects.filter(partner=ready.partner).values_list("category", "period", "amount"))
    assert lines == {("staff", 1, D("1000.00"))}
    ready.partner.refresh_from_db()
    assert ready.partner.budget == D("1150.00")  # 1,000 + 15 % office, computed
    assert ready.partner.cofinancing_rate == D("80")
    page = client.get(_url(ready)).content.decode()
    assert 'name="amount_office_1"' not in page and "150.00" in page


def test_a_rate_above_the_funds_maximum_is_refused_next_to_the_field(client, ready):
    client.force_login(ready.manager)
    response = _post(client, ready, amount_staff_1="1000", fund_erdf="85")
    assert response.status_code == 400
    form = response.context["form"]
    assert "ERDF co-finances at most 80 %" in form.errors["fund_erdf"][0]
    assert PartnerFund.objects.get(partner=ready.partner).rate == D("80")  # nothing saved


def test_a_fund_the_call_does_not_offer_is_not_even_a_field(client, ready):
    CallFund.objects.create(call=ready.call, fund="ipa", max_rate=D(50))
    client.force_login(ready.manager)
    response = _post(client, ready, amount_staff_1="1000", fund_ipa="50", fund_erdf="10")
    # the call now offers IPA only: the posted ERDF rate is not read, IPA at 50 % is fine
    assert response.status_code == 400  # the own contribution (500) is not split yet
    assert "contribution_0_amount" in response.context["form"].errors


def test_the_own_contribution_lines_must_add_up_to_the_own_contribution(client, ready):
    client.force_login(ready.manager)
    response = _post(
        client,
        ready,
        amount_staff_1="1000",
        fund_erdf="80",
        contribution_0_kind="public",
        contribution_0_source="City",
        contribution_0_amount="100",
        contribution_1_kind="private",
        contribution_1_source="Sponsor",
        contribution_1_amount="50",
    )
    assert response.status_code == 400
    assert (
        "add up to 150.00 EUR; the own contribution is 200.00 EUR"
        in response.context["form"].errors["contribution_0_amount"][0]
    )
    response = _post(
        client,
        ready,
        amount_staff_1="1000",
        fund_erdf="80",
        contribution_0_kind="public",
        contribution_0_source="City",
        contribution_0_amount="150",
        contribution_1_kind="automatic_public",
        contribution_1_source="State",
        contribution_1_amount="50",
    )
    assert response.status_code == 302
    assert sorted(PartnerContribution.objects.filter(partner=ready.partner).values_list("kind", flat=True)) == [
        "automatic_public",
        "public",
    ]


def test_a_contribution_without_its_source_is_refused_next_to_it(client, ready):
    client.force_login(ready.manager)
    response = _post(
        client, ready, amount_staff_1="1000", fund_erdf="80", contribution_0_kind="public", contribution_0_amount="200"
    )
    assert response.status_code == 400
    assert "Name the source" in response.context["form"].errors["contribution_0_source"][0]


def test_the_save_is_all_or_nothing(client, ready, monkeypatch):
    before = list(PartnerBudgetLine.objects.filter(partner=ready.partner).values_list("category", "period", "amount"))

    def fail(*args, **kwargs):
        raise IntegrityError("the disk is full")

    monkeypatch.setattr(PartnerContribution.objects, "bulk_create", fail)  # after the lines and funds are written
    client.force_login(ready.manager)
    client.raise_request_exception = False
    response = _post(
        client,
        ready,
        amount_staff_1="1000",
        fund_erdf="80",
        contribution_0_kind="public",
        contribution_0_source="City",
        contribution_0_amount="200",
    )
    assert response.status_code == 500
    after = list(PartnerBudgetLine.objects.filter(partner=ready.partner).values_list("category", "period", "amount"))
    assert after == before
    assert ProjectPartner.objects.get(pk=ready.partner.pk).budget == D("100000.00")
    assert _version(ready.partner) == 2  # the fixture's one save; the failed one did not count


def test_a_stale_save_is_a_409_and_saves_nothing(client, ready):
    client.force_login(ready.manager)
    fill_budget(ready.partner, by=ready.partner_user, staff=D("30000"))  # Peter saves meanwhile: version 3
    response = client.post(
        _url(ready),
        {
            "version": "2",
            "amount_staff_1": "1",
            "fund_erdf": "80",
            "contribution_0_kind": "public",
            "contribution_0_source": "x",
            "contribution_0_amount": "0.20",
        },
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this section" in page and "150,000.00" in page.replace("\u202f", ",")
    assert response.context["form"]["version"].value() == "3"  # saving again is a deliberate choice
    assert ProjectPartner.objects.get(pk=ready.partner.pk).budget == D("150000.00")


def test_a_viewer_may_not_save_another_partners_budget(client, ready):
    client.force_login(ready.partner_user)
    response = _post(client, ready, ready.lead, amount_staff_1="1")
    assert response.status_code == 403


def test_an_associated_partner_has_no_budget_page(client, ready):
    ProjectPartner.objects.filter(pk=ready.partner.pk).update(role=PartnerRole.ASSOCIATED)
    client.force_login(ready.manager)
    assert client.get(_url(ready)).status_code == 404


def test_the_lead_partners_table_shows_the_preparation_lump_sum(client, ready):
    ready.call.preparation_lump_sum = D("20000")
    ready.call.save()
    client.force_login(ready.manager)
    page = client.get(_url(ready, ready.lead)).content.decode()
    assert "Preparation lump sum" in page
    assert "Preparation lump sum" not in client.get(_url(ready)).content.decode()


# --- the checklist ------------------------------------------------------------------------------------------


def _problems(ready):
    ready.project.refresh_from_db()
    return submission_problems(ready.project)


def test_checklist_refuses_a_typed_amount_in_a_category_computed_at_a_flat_rate(ready):
    ready.call.office_flat_rate = D(15)
    ready.call.save()
    PartnerBudgetLine.objects.create(partner=ready.partner, category="office", period=1, amount=D(10))
    [problem] = [p for p in _problems(ready) if "flat rate" in p.message]  # (the budgets grew: own shares too)
    assert "Office and administration is computed at a flat rate" in problem.message
    assert problem.url == _url(ready) + "#id_amount_staff_1"


def test_checklist_refuses_an_amount_after_the_end_of_the_project(ready):
    PartnerBudgetLine.objects.create(partner=ready.partner, category="equipment", period=9, amount=D(10))
    [problem] = _problems(ready)
    assert "in period 9, after the end of the project" in problem.message


def test_checklist_refuses_a_category_the_call_does_not_allow(ready):
    ready.call.cost_categories = ["staff", "travel"]
    ready.call.save()
    PartnerBudgetLine.objects.create(partner=ready.partner, category="equipment", period=1, amount=D(10))
    assert any("does not allow Equipment" in p.message for p in _problems(ready))


def test_checklist_refuses_a_fund_rate_above_its_maximum_and_links_to_the_field(ready):
    PartnerFund.objects.filter(partner=ready.partner).update(rate=D("85"))
    problems = [p for p in _problems(ready) if "at most 80 %" in p.message]
    assert [p.url for p in problems] == [_url(ready) + "#id_fund_erdf"]


def test_checklist_asks_for_at_least_one_fund(ready):
    PartnerFund.objects.filter(partner=ready.partner).delete()
    assert any("at least one fund" in p.message for p in _problems(ready))


def test_checklist_asks_the_own_contribution_to_add_up(ready):
    PartnerContribution.objects.filter(partner=ready.partner).update(amount=D(1))
    [problem] = [p for p in _problems(ready) if "own contribution is" in p.message]
    assert problem.url == _url(ready) + "#id_contribution_0_amount"


def test_checklist_asks_each_partner_for_a_budget_above_zero(ready):
    PartnerBudgetLine.objects.filter(partner=ready.partner).delete()
    assert any(p.message == "PP2: The partner's budget must be more than zero." for p in _problems(ready))


@pytest.mark.parametrize(
    ("field", "change", "anchor"),
    [
        ("vat_recovery", {"vat_recovery": ""}, "id_vat_recovery"),
        ("legal_representative", {"legal_representative": ""}, "id_legal_representative"),
        ("experience", {"experience": ""}, "id_experience"),
        ("role_in_project", {"role_in_project": "x" * 2001}, "id_role_in_project"),
        ("state aid", {"state_aid_trade_effect": None}, "id_state_aid_trade_effect"),
    ],
)
def test_checklist_asks_for_each_partner_detail_at_its_field(ready, field, change, anchor):
    ProjectPartner.objects.filter(pk=ready.partner.pk).update(**change)
    [problem] = _problems(ready)
    assert problem.url.endswith(f"/partners/{ready.partner.pk}/#{anchor}"), field


def test_checklist_follows_the_calls_rule_for_the_experience(ready):
    ready.call.form_rules = {"partner.experience": {"required": False, "limit": 10}}
    ready.call.save()
    ProjectPartner.objects.filter(pk=ready.lead.pk).update(experience="Ten years.")
    ProjectPartner.objects.filter(pk=ready.partner.pk).update(experience="")
    assert _problems(ready) == []  # not required under this call
    ProjectPartner.objects.filter(pk=ready.partner.pk).update(experience="x" * 11)
    [problem] = _problems(ready)
    assert problem.message == "PP2: At most 10 characters (it has 11)."


def test_checklist_asks_for_a_nuts3_region_of_the_organisations_country(ready):
    ready.partner.organisation.nuts_region = nuts3(ready.austria)
    ready.partner.organisation.save()
    [problem] = _problems(ready)
    assert "is not in Slovakia" in problem.message and problem.url.endswith("#id_org-nuts_region")


# --- query counts -------------------------------------------------------------------------------------------


def _grow(ready, n: int, *, categories=("staff", "travel", "external", "equipment", "infrastructure")):
    for _ in range(n):
        partner = ProjectPartnerFactory(project=ready.project, organisation=OrganisationFactory(country=ready.slovakia))
        PartnerBudgetLine.objects.bulk_create(
            PartnerBudgetLine(partner=partner, category=c, period=p, amount=D(100))
            for c in categories
            for p in range(1, 7)
        )
        PartnerFund.objects.create(partner=partner, fund="erdf", rate=D(80))


@pytest.mark.parametrize("page", ["overview", "partner"])
def test_budget_pages_cost_the_same_queries_with_1_or_20_partners(client, ready, page):
    ProjectPartner.objects.filter(pk=ready.partner.pk).update(role=PartnerRole.ASSOCIATED)  # one budgeted partner
    client.force_login(ready.manager)
    url = reverse("projects:budget", args=[ready.project.pk]) if page == "overview" else _url(ready, ready.lead)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _grow(ready, 19)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_the_overview_of_30_partners_6_categories_6_periods_takes_at_most_12_queries(client, ready):
    ready.call.office_flat_rate = D(15)
    ready.call.save()
    ready.project.duration_months = 36
    ready.project.save()
    _grow(ready, 28)
    client.force_login(ready.manager)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("projects:budget", args=[ready.project.pk]))
    assert response.status_code == 200
    assert len(response.context["overview"].partners) == 30 and len(response.context["categories"]) == 6
    assert len(response.context["periods"]) == 6
    assert len(queries) <= 12, [q["sql"][:80] for q in queries]


def test_the_overview_adds_up_the_partners_tables(client, ready):
    client.force_login(ready.manager)
    response = client.get(reverse("projects:budget", args=[ready.project.pk]))
    overview = response.context["overview"]
    assert overview.total == D("200000.00") and overview.by_fund == {"erdf": D("160000.00")}
    assert [amount for _n, _label, amount in response.context["periods"]] == [D("40000.00")] * 5


# --- partner details --------------------------------------------------------------------------------------------


def _details(ready, **changes) -> dict:
    org = ready.partner.organisation
    data = {
        "version": str(ProjectPartner.objects.get(pk=ready.partner.pk).version),
        "abbreviation": "PP2",
        "contact_name": "Peter Partner",
        "contact_email": "peter@example.org",
        "contact_phone": "+421 2 1234",
        "vat_recovery": "partly",
        "legal_representative": "Mayor",
        "experience": "Air quality.",
        "role_in_project": "Measures.",
        "state_aid_economic_activity": "True",
        "state_aid_selective_advantage": "True",
        "state_aid_trade_effect": "True",
        "state_aid_other_public_funding": "False",
        "org-name": org.name,
        "org-name_en": "City of Bratislava",
        "org-type": org.type,
        "org-sector": org.sector,
        "org-legal_status": str(org.legal_status_id),
        "org-nuts_region": str(org.nuts_region_id),
        "org-size": "large",
        "org-nace_code": "O84.1",
    }
    return {**data, **changes}


def test_partner_details_save_the_organisation_and_the_section_and_show_the_state_aid_result(client, ready):
    client.force_login(ready.partner_user)
    url = reverse("projects:partner", args=[ready.project.pk, ready.partner.pk])
    response = client.post(url, _details(ready))
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    ready.partner.refresh_from_db()
    ready.partner.organisation.refresh_from_db()
    assert ready.partner.organisation.name_en == "City of Bratislava" and ready.partner.vat_recovery == "partly"
    assert "State aid relevant" in client.get(url).content.decode()


def test_a_nuts3_region_of_another_country_is_refused(client, ready):
    client.force_login(ready.partner_user)
    url = reverse("projects:partner", args=[ready.project.pk, ready.partner.pk])
    vienna = nuts3(ready.austria, "AT130")
    response = client.post(
        url, _details(ready, **{"org-nuts_region": str(vienna.pk), "department_nuts": str(vienna.pk)})
    )
    assert response.status_code == 400
    assert "Choose a NUTS 3 region of Slovakia" in response.context["org_form"].errors["nuts_region"][0]
    assert "Choose a NUTS 3 region of Slovakia" in response.context["form"].errors["department_nuts"][0]
    ready.partner.organisation.refresh_from_db()
    assert ready.partner.organisation.nuts_region.code == "SK999"


def test_the_organisation_cannot_take_another_organisations_name(client, ready):
    client.force_login(ready.partner_user)
    OrganisationFactory(name="Mesto Kosice", country=ready.slovakia)
    url = reverse("projects:partner", args=[ready.project.pk, ready.partner.pk])
    response = client.post(url, _details(ready, **{"org-name": "mesto kosice"}))
    assert response.status_code == 400
    assert "already registered" in response.content.decode()
    assert ProjectPartner.objects.get(pk=ready.partner.pk).vat_recovery == "no"  # the section is not saved either


def test_partner_details_keep_the_optimistic_lock(client, ready):
    client.force_login(ready.partner_user)
    url = reverse("projects:partner", args=[ready.project.pk, ready.partner.pk])
    stale = _details(ready)
    ProjectPartner.objects.filter(pk=ready.partner.pk).update(legal_representative="Saved meanwhile", version=9)
    response = client.post(url, stale)
    assert response.status_code == 409
    assert ProjectPartner.objects.get(pk=ready.partner.pk).legal_representative == "Saved meanwhile"


def test_the_experience_limit_of_the_call_is_refused_next_to_the_field(client, ready):
    ready.call.form_rules = {"partner.experience": {"limit": 5}}
    ready.call.save()
    client.force_login(ready.partner_user)
    url = reverse("projects:partner", args=[ready.project.pk, ready.partner.pk])
    response = client.post(url, _details(ready, experience="123456"))
    assert response.status_code == 400
    assert "At most 5 characters" in response.context["form"].errors["experience"][0]


def test_partner_page_costs_the_same_queries_with_1_or_20_partners(client, ready):
    client.force_login(ready.manager)
    url = reverse("projects:partner", args=[ready.project.pk, ready.partner.pk])
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _ in range(19):
        fill_partner_details(
            ProjectPartnerFactory(project=ready.project, organisation=OrganisationFactory(country=ready.slovakia))
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
