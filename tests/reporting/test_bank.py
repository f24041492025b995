"""Bank details: entered by the partner's contact person or the project's managers (IBAN checked, refused by its
field), shown in full only to the partner, the programme's finance staff and managers and the partner's controller;
masked elsewhere; the change audited and told without the full IBAN."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interact_portal.audit.models import AuditEntry
from interact_portal.notifications.models import Notification
from partnerships.models import PartnerBankAccount
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
IBAN = "SK31 1200 0000 1987 4263 7541"
IBAN_FULL = "SK3112000000198742637541"
LEAD_IBAN = "AT611904300234573201"


def bank_url(contracted, partner):
    return reverse("projects:bank_details", args=[contracted.project.pk, partner.pk])


def post_bank(client, contracted, partner, **more):
    data = {"account_holder": "Mesto Bratislava", "iban": IBAN, "bic": "GIBASKBX", "bank_name": "SLSP", **more}
    return client.post(bank_url(contracted, partner), data)


def test_the_partner_contact_enters_its_bank_details(client, contracted):
    client.force_login(contracted.partner_user)
    assert client.get(bank_url(contracted, contracted.partner)).status_code == 200
    assert post_bank(client, contracted, contracted.partner).status_code == 302
    account = PartnerBankAccount.objects.get(partner=contracted.partner)
    assert account.iban == IBAN_FULL and account.changed_by == contracted.partner_user
    # audited and told, never with the full IBAN
    entry = AuditEntry.objects.get(action="bank_details.change")
    assert IBAN_FULL not in str(entry.changes) and "7541" in str(entry.changes)
    notices = Notification.objects.filter(event="partner.bank_details_changed")
    assert [n.recipient for n in notices] == [contracted.manager]
    assert all(IBAN_FULL not in n.title + n.body for n in notices)


@pytest.mark.parametrize(
    ("iban", "message"),
    [("SK3112000000198742637542", "check digits"), ("AT61190430023457320", "characters"), ("hello", "country code")],
)
def test_a_wrong_iban_is_refused_by_its_field(client, contracted, iban, message):
    client.force_login(contracted.partner_user)
    response = post_bank(client, contracted, contracted.partner, iban=iban)
    assert response.status_code == 400
    assert message in str(response.context["form"].errors["iban"])
    assert "There is a problem" in response.content.decode()
    assert not PartnerBankAccount.objects.filter(partner=contracted.partner).exists()


def test_a_wrong_bic_is_refused_by_its_field(client, contracted):
    client.force_login(contracted.partner_user)
    response = post_bank(client, contracted, contracted.partner, bic="NOPE")
    assert response.status_code == 400 and "bic" in response.context["form"].errors


def test_the_project_manager_enters_any_partner_s_but_another_partner_may_not(client, contracted):
    client.force_login(contracted.manager)
    assert post_bank(client, contracted, contracted.partner).status_code == 302
    client.force_login(contracted.partner_user)  # the second partner's contact, not the lead's
    response = post_bank(client, contracted, contracted.lead, iban=LEAD_IBAN)
    assert response.status_code == 403 and "contact person" in response.content.decode()
    assert not PartnerBankAccount.objects.filter(partner=contracted.lead).exists()
    client.force_login(UserFactory())
    assert client.get(bank_url(contracted, contracted.lead)).status_code == 404
    client.force_login(contracted.finance)  # staff enter nothing on the applicants' pages
    assert client.get(bank_url(contracted, contracted.lead)).status_code == 404


def _accounts(contracted):
    PartnerBankAccount.objects.create(partner=contracted.partner, account_holder="PP2", iban=IBAN_FULL)
    PartnerBankAccount.objects.create(partner=contracted.lead, account_holder="LP", iban=LEAD_IBAN)


def test_the_applicants_see_their_own_in_full_and_the_others_masked(client, contracted):
    _accounts(contracted)
    url = reverse("projects:contract", args=[contracted.project.pk])
    client.force_login(contracted.partner_user)
    page = client.get(url).content.decode()
    assert IBAN_FULL in page and LEAD_IBAN not in page and "AT•• •••• 3201" in page
    client.force_login(contracted.manager)  # the project's managers see every partner's
    page = client.get(url).content.decode()
    assert IBAN_FULL in page and LEAD_IBAN in page


@pytest.mark.parametrize(
    ("who", "full"), [("programme_manager", True), ("staff", False)]
)  # finance officers and managers in full; an officer masked
def test_staff_see_bank_details_as_the_policy_allows(client, contracted, who, full):
    _accounts(contracted)
    client.force_login(getattr(contracted, who))
    url = reverse("staff:contract_edit", args=[contracted.programme.slug, contracted.project.pk])
    page = client.get(url).content.decode()
    assert (IBAN_FULL in page) is full and (LEAD_IBAN in page) is full
    assert "SK•• •••• 7541" in page or full


def test_the_bank_page_costs_the_same_queries_with_more_partners_accounts(client, contracted):
    client.force_login(contracted.manager)
    url = reverse("projects:contract", args=[contracted.project.pk])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    count()
    few = count()
    _accounts(contracted)
    assert count() == few
