"""IBAN: normalised (no spaces, upper case) and checked by its ISO 13616 checksum (mod 97 = 1) and country length."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# ISO 13616 lengths of the countries Interreg programmes cover (EU, EEA, candidates and neighbours)
LENGTHS = {
    "AD": 24, "AL": 28, "AT": 20, "BA": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
    "EE": 20, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GI": 23, "GL": 18, "GR": 27, "HR": 21, "HU": 28,
    "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
    "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "RS": 22, "SE": 24, "SI": 19, "SK": 24, "SM": 27,
    "TR": 26, "UA": 29, "VA": 22, "XK": 20,
}  # fmt: skip
SHAPE = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$")


def normalise_iban(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "").upper()


def iban_problem(value: str) -> str | None:
    """Why this is not a valid IBAN, or None."""
    iban = normalise_iban(value)
    if not SHAPE.match(iban):
        return _("An IBAN starts with a country code and two check digits, then up to 30 letters and digits.")
    if (length := LENGTHS.get(iban[:2])) and len(iban) != length:
        return _("An IBAN of %(country)s has %(n)d characters; this one has %(m)d.") % {
            "country": iban[:2],
            "n": length,
            "m": len(iban),
        }
    digits = "".join(str(int(char, 36)) for char in iban[4:] + iban[:4])
    if int(digits) % 97 != 1:
        return _("This IBAN's check digits do not match: please check it for a typing mistake.")
    return None


def validate_iban(value: str) -> None:
    if problem := iban_problem(value):
        raise ValidationError(problem, code="iban")


def masked_iban(value: str) -> str:
    """For lists and notifications: the country and the last four characters."""
    iban = normalise_iban(value)
    return f"{iban[:2]}•• •••• {iban[-4:]}" if len(iban) > 8 else "••••"
