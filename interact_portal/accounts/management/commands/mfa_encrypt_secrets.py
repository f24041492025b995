"""Encrypt second-factor secrets stored in clear (idempotent); with --rotate, re-encrypt all with the first key."""

from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand
from django.db import transaction

from interact_portal.accounts.mfa_adapter import authenticators_encrypt


class Command(BaseCommand):
    help = "Encrypt TOTP secrets and recovery-code seeds stored in clear, with MFA_ENCRYPTION_KEY (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rotate",
            action="store_true",
            help="re-encrypt every secret with the first key of MFA_ENCRYPTION_KEY (after adding a new key first)",
        )

    def handle(self, *args, rotate: bool = False, **options):
        with transaction.atomic():
            done = authenticators_encrypt(Authenticator, rotate=rotate)
        self.stdout.write(f"{done} authenticators {'re-encrypted' if rotate else 'encrypted'}.")
