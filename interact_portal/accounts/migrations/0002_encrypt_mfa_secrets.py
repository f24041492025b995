"""Encrypt the second-factor secrets stored in clear before MFA_ENCRYPTION_KEY existed (accounts.mfa_adapter)."""

from django.db import migrations


def encrypt(apps, schema_editor):
    from interact_portal.accounts.mfa_adapter import authenticators_encrypt

    authenticators_encrypt(apps.get_model("mfa", "Authenticator"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt, migrations.RunPython.noop)]
