"""Public organisation pages (issue 21, item 3): projects, figures, co-partners and "contact this organisation".

The contact form relays a signed-in person's message through partnerships.relay: no address of the organisation
ever reaches a page (the relay only writes them to the outbox), and the abuse link of the email opens
`contact_abuse`, whose signed token is the recipient's only key.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnerships.contact_forms import AbuseReportForm, ContactForm
from partnerships.relay import message_from_token, message_relay, message_report_abuse, organisation_has_contacts

from ..organisation_profile import organisation_figures, organisation_partnerships, public_organisation

PER_PAGE = 25


def _page(request, organisation, *, form=None, status: int = 200):
    context = {
        "organisation": organisation,
        "figures": organisation_figures(organisation),
        "page": Paginator(organisation_partnerships(organisation), PER_PAGE).get_page(request.GET.get("page")),
        "memberships": organisation.memberships.select_related("body__programme").order_by(
            "body__programme__name", "body__name", "pk"
        ),
        "reachable": organisation_has_contacts(organisation),
        "contact_form": form or (ContactForm() if request.user.is_authenticated else None),
        "sign_in_url": f"{reverse('account_login')}?{urlencode({'next': request.path + '#contact'})}",
    }
    return render(request, "projects/public/organisation.html", context, status=status)


def organisation_detail(request, pk: int):
    """An organisation and its public projects; organisations only in unpublished applications are not shown."""
    return _page(request, public_organisation(pk))


@require_POST
def organisation_contact(request, pk: int):
    organisation = public_organisation(pk)
    page = reverse("database:organisation", args=[organisation.pk])
    if not request.user.is_authenticated:
        return redirect_to_login(page + "#contact")
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            message_relay(sender=request.user, organisation=organisation, **form.cleaned_data)
        except ValidationError as refusal:
            form.add_error(None, refusal)  # per field (subject, body) or about the sender's limits
        else:
            messages.success(
                request,
                _("Your message was passed on to %(organisation)s. They will answer you by email if they wish.")
                % {"organisation": organisation.name},
            )
            return redirect(page)
    return _page(request, organisation, form=form, status=400)


def contact_abuse(request, token: str):
    """A recipient's report of a relayed message: the signed link of the email, or 404."""
    message = message_from_token(token)
    if message is None:
        raise Http404
    form = AbuseReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        message_report_abuse(message=message, note=form.cleaned_data["note"])
        messages.success(request, _("Thank you: the portal's administrators have been told about this message."))
        return redirect(request.path)
    status = 400 if form.is_bound else 200
    return render(request, "projects/public/contact_abuse.html", {"message": message, "form": form}, status=status)
