"""The applicant side of a contracted project: the contract, its documents and the reporting schedule, read-only
for every collaborator; each partner's bank details, entered by its contact person or the project's managers and
shown in full only as the policy allows (projects.reporting_access)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from interact_portal.core.uploads import attachment
from partnerships.iban import masked_iban
from partnerships.models import PartnerBankAccount

from ..contract_forms import BankDetailsForm
from ..models import ProjectContract
from ..permissions import require
from ..reporting_access import REPORTING_STATUSES, bank_details_visible_filter, bank_edit_refusal, bank_editable_filter
from ..services.contracting import bank_details_save, period_dates
from .common import add_service_error, application_or_404, workspace_context


def contracted_or_404(request, pk: int):
    """A contracted (or closed) project the user collaborates on; before the contract there is nothing to see."""
    project = application_or_404(request, pk)
    if project.status not in REPORTING_STATUSES:
        raise Http404
    return project


@login_required
def contract(request, pk: int):
    project = contracted_or_404(request, pk)
    partners = list(project.partners.select_related("organisation", "bank_account").order_by("order", "pk"))
    visible = set(project.partners.filter(bank_details_visible_filter(request.user)).values_list("pk", flat=True))
    editable = set(project.partners.filter(bank_editable_filter(request.user)).values_list("pk", flat=True))
    for partner in partners:
        account = getattr(partner, "bank_account", None)
        partner.bank = account
        partner.bank_visible = partner.pk in visible
        partner.bank_editable = partner.pk in editable
        partner.bank_masked = masked_iban(account.iban) if account else ""
    periods = period_dates(project)
    deadlines = list(project.reporting_deadlines.all())
    for deadline in deadlines:
        deadline.dates = periods.get(deadline.period)
    context = {
        **workspace_context(request, project, "contract"),
        "contract": ProjectContract.objects.filter(project=project).first(),
        "contacts": project.manager_contacts.all(),
        "documents": project.contract_documents.all(),
        "deadlines": deadlines,
        "partners": partners,
    }
    return render(request, "projects/contract.html", context)


@login_required
def contract_document(request, pk: int, document_pk: int):
    project = contracted_or_404(request, pk)
    document = get_object_or_404(project.contract_documents.all(), pk=document_pk)
    return attachment(document.file, document.original_name)


@login_required
def bank_details(request, pk: int, partner_pk: int):
    """One partner's bank account: its contact person or the project's managers enter it; other collaborators get
    the reason they may not."""
    project = contracted_or_404(request, pk)
    partner = get_object_or_404(project.partners.select_related("organisation"), pk=partner_pk)
    require(bank_edit_refusal(request.user, partner))
    account = PartnerBankAccount.objects.filter(partner=partner).first()
    initial = (
        {
            "account_holder": account.account_holder,
            "iban": account.iban,
            "bic": account.bic,
            "bank_name": account.bank_name,
        }
        if account
        else {"account_holder": partner.organisation.name}
    )
    form = BankDetailsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            bank_details_save(partner=partner, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Bank details saved."))
            return redirect("projects:contract", pk=project.pk)
    context = {**workspace_context(request, project, "contract"), "partner": partner, "form": form}
    return render(request, "projects/bank_details.html", context, status=400 if form.errors else 200)
