"""The portal's versions of allauth pages, matched before allauth's own (same paths and names)."""

from django.urls import path

from . import second_factor

urlpatterns = [
    path("2fa/totp/activate/", second_factor.activate_authenticator_app, name="mfa_activate_totp"),
    path("2fa/recovery-codes/", second_factor.recovery_codes, name="mfa_view_recovery_codes"),
]
