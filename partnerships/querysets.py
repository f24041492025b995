"""Read queries of organisations."""

import re

from django.db import models


def normalise_vat(value: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", value).upper()


class OrganisationQuerySet(models.QuerySet):
    def search(self, text: str):
        """By name (either language), VAT number (spaces and dots ignored) or PIC."""
        text = text.strip()
        if not text:
            return self.none()
        match = models.Q(name__icontains=text) | models.Q(name_en__icontains=text)
        if vat := normalise_vat(text):
            match |= models.Q(vat=vat)
        if text.isdigit() and len(text) == 9:
            match |= models.Q(pic=text)
        return self.filter(match).select_related("country")
