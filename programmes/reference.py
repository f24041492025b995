"""Reference data: countries taking part in Interreg (EU, EFTA, IPA and NDICI partners). ISO 3166-1 alpha-2."""

EU_MEMBERS = {
    "AT": "Austria",
    "BE": "Belgium",
    "BG": "Bulgaria",
    "HR": "Croatia",
    "CY": "Cyprus",
    "CZ": "Czechia",
    "DK": "Denmark",
    "EE": "Estonia",
    "FI": "Finland",
    "FR": "France",
    "DE": "Germany",
    "GR": "Greece",
    "HU": "Hungary",
    "IE": "Ireland",
    "IT": "Italy",
    "LV": "Latvia",
    "LT": "Lithuania",
    "LU": "Luxembourg",
    "MT": "Malta",
    "NL": "Netherlands",
    "PL": "Poland",
    "PT": "Portugal",
    "RO": "Romania",
    "SK": "Slovakia",
    "SI": "Slovenia",
    "ES": "Spain",
    "SE": "Sweden",
}
OTHER_COUNTRIES = {
    "NO": "Norway",
    "CH": "Switzerland",
    "IS": "Iceland",
    "LI": "Liechtenstein",
    "GB": "United Kingdom",
    "AL": "Albania",
    "BA": "Bosnia and Herzegovina",
    "ME": "Montenegro",
    "MK": "North Macedonia",
    "RS": "Serbia",
    "XK": "Kosovo",
    "UA": "Ukraine",
    "MD": "Moldova",
}

# Eurostat's NUTS uses two country codes that differ from ISO 3166.
EUROSTAT_TO_ISO = {"EL": "GR", "UK": "GB"}


def countries_ensure() -> None:
    """Create or refresh the reference countries (idempotent)."""
    from .models import Country

    for code, name in {**EU_MEMBERS, **OTHER_COUNTRIES}.items():
        Country.objects.update_or_create(code=code, defaults={"name": name, "is_eu_member": code in EU_MEMBERS})
