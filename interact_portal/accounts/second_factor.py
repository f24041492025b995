"""Setting up the authenticator app ends where the person was going: allauth's set-up page and its recovery-codes
page, keeping the `next` page they were sent from (a staff page, usually) and offering to continue to it."""

from urllib.parse import urlencode

from allauth.account.internal.flows.login import record_authentication
from allauth.account.utils import get_next_redirect_url
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.views import ViewRecoveryCodesView
from allauth.mfa.totp.views import ActivateTOTPView
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.urls import reverse


def wanted_page(request) -> str | None:
    """The `next` page of the request (query or form), if it is one of the portal's own pages."""
    return get_next_redirect_url(request, REDIRECT_FIELD_NAME)


class ActivateAuthenticatorApp(ActivateTOTPView):
    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), "next_url": wanted_page(self.request)}

    def form_valid(self, form):
        response = super().form_valid(form)
        # A valid code from the new app proves it is at hand: the second factor counts as used in this session (at
        # once, not on commit, so the session saved with this response has it).
        record_authentication(self.request, self.request.user, method="mfa", type=Authenticator.Type.TOTP)
        return response

    def get_success_url(self) -> str:
        wanted = wanted_page(self.request)
        if self.did_generate_recovery_codes:  # shown once, before going on
            query = f"?{urlencode({REDIRECT_FIELD_NAME: wanted})}" if wanted else ""
            return reverse("mfa_view_recovery_codes") + query
        return wanted or reverse("mfa_index")


class RecoveryCodes(ViewRecoveryCodesView):
    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), "continue_url": wanted_page(self.request) or reverse("mfa_index")}


activate_authenticator_app = ActivateAuthenticatorApp.as_view()
recovery_codes = RecoveryCodes.as_view()
