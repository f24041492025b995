"""Writers of the partnerships domain."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Organisation
from .querysets import normalise_vat


def organisation_duplicate(*, name: str, country, vat: str, pic: str) -> Organisation | None:
    """An organisation that is already registered under this PIC, VAT number, or name in this country."""
    existing = Organisation.objects.select_related("country")
    if pic and (found := existing.filter(pic=pic).first()):
        return found
    if vat and (found := existing.filter(vat=normalise_vat(vat)).first()):
        return found
    return existing.filter(name__iexact=name.strip(), country=country).first()


@transaction.atomic
def organisation_create(**fields) -> Organisation:
    """Register an organisation; refuses one that exists already, pointing to it, so partners are not duplicated."""
    fields["vat"] = normalise_vat(fields.get("vat", ""))
    duplicate = organisation_duplicate(
        name=fields["name"], country=fields["country"], vat=fields["vat"], pic=fields.get("pic", "")
    )
    if duplicate is not None:
        raise ValidationError(
            _("%(name)s (%(country)s) is already registered: search for it and choose it instead.")
            % {"name": duplicate.name, "country": duplicate.country.name}
        )
    organisation = Organisation(**fields)
    organisation.full_clean()
    organisation.save()
    return organisation
