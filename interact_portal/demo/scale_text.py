"""Words for the scale data: Interreg-like project titles, summaries and organisation names, with accents."""

import random

TOPICS = [
    ("energy", "renewable energy communities"),
    ("climate", "climate change adaptation"),
    ("water", "shared river basin management"),
    ("mobility", "cross-border public transport"),
    ("innovation", "regional innovation ecosystems"),
    ("tourism", "sustainable cultural tourism"),
    ("health", "cross-border health care"),
    ("digital", "digital public services"),
    ("heritage", "cultural heritage sites"),
    ("biodiversity", "protected areas and biodiversity"),
    ("circular", "circular economy in small businesses"),
    ("education", "vocational education and training"),
    ("labour", "cross-border labour markets"),
    ("governance", "multilevel governance and cooperation"),
    ("rural", "rural development and short food chains"),
    ("maritime", "maritime spatial planning"),
    ("youth", "youth participation and mobility"),
    ("risk", "flood and wildfire risk prevention"),
]
ADJECTIVES = [
    "Smart",
    "Green",
    "Resilient",
    "Connected",
    "Inclusive",
    "Shared",
    "Sustainable",
    "Open",
    "Common",
    "Joint",
]
PLACES = [
    "border regions",
    "the Danube region",
    "the Alpine space",
    "the Baltic Sea region",
    "mountain areas",
    "coastal communities",
    "small towns",
    "functional urban areas",
    "islands",
    "the Adriatic-Ionian area",
]
SENTENCES = [
    "The project brings together {n} partners to improve {topic} in {place}.",
    "Partners test pilot actions on {topic} and share the results through a common toolbox.",
    "It develops a joint strategy for {topic} that local and regional authorities can adopt.",
    "Training, study visits and peer reviews build the capacity of public administrations.",
    "Results are transferred to {place} beyond the partnership through an open knowledge platform.",
    "The cooperation removes legal and administrative obstacles that hinder {topic}.",
    "Citizens, businesses and universities co-design the solutions in living labs.",
]
SYLLABLES = [
    "ALP",
    "DAN",
    "BAL",
    "ECO",
    "GRE",
    "NET",
    "CON",
    "TRA",
    "INN",
    "HEAT",
    "AQUA",
    "MED",
    "NOR",
    "SUS",
    "TER",
    "REG",
    "CIR",
    "BIO",
    "DIG",
    "MOB",
    "EDU",
    "RIS",
    "LAB",
    "CUL",
    "HER",
    "SEA",
    "RUR",
]

# Organisation name patterns and cities per country (native spellings, accents included).
CITIES = {
    "AT": ["Wien", "Graz", "Linz", "Klagenfurt", "Innsbruck"],
    "BE": ["Liège", "Gent", "Namur", "Brugge"],
    "BG": ["Sofia", "Plovdiv", "Varna", "Ruse"],
    "HR": ["Zagreb", "Split", "Osijek", "Rijeka"],
    "CY": ["Nicosia", "Limassol"],
    "CZ": ["Brno", "Ostrava", "Plzeň", "České Budějovice", "Praha"],
    "DK": ["Aarhus", "Odense", "Aalborg", "Sønderborg"],
    "EE": ["Tallinn", "Tartu", "Pärnu"],
    "FI": ["Helsinki", "Oulu", "Turku", "Jyväskylä"],
    "FR": ["Strasbourg", "Lille", "Besançon", "Nice", "Metz"],
    "DE": ["Dresden", "München", "Görlitz", "Freiburg", "Saarbrücken", "Köln"],
    "GR": ["Thessaloniki", "Patras"],
    "HU": ["Győr", "Pécs", "Szeged", "Debrecen", "Budapest"],
    "IE": ["Dublin", "Cork", "Sligo"],
    "IT": ["Trieste", "Torino", "Bolzano", "Bari", "Genova", "Udine"],
    "LV": ["Rīga", "Daugavpils", "Liepāja"],
    "LT": ["Vilnius", "Kaunas", "Klaipėda"],
    "LU": ["Luxembourg", "Esch-sur-Alzette"],
    "MT": ["Valletta"],
    "NL": ["Maastricht", "Enschede", "Groningen", "Nijmegen"],
    "PL": ["Łódź", "Kraków", "Wrocław", "Gdańsk"],
    "PT": ["Porto", "Braga", "Évora", "Faro"],
    "RO": ["Timișoara", "Iași", "Cluj-Napoca", "Oradea"],
    "SK": ["Bratislava", "Košice", "Žilina", "Nitra"],
    "SI": ["Ljubljana", "Maribor", "Koper"],
    "ES": ["Bilbao", "Girona", "Badajoz", "Huelva", "Zaragoza"],
    "SE": ["Malmö", "Umeå", "Göteborg", "Luleå"],
    "NO": ["Tromsø", "Bergen", "Trondheim"],
    "CH": ["Zürich", "Genève", "Basel"],
}
PATTERNS = [
    ("University of {city}", "higher_education", "public"),
    ("Municipality of {city}", "local_authority", "public"),
    ("{city} Regional Development Agency", "sectoral_agency", "public"),
    ("Chamber of Commerce {city}", "business_support", "public"),
    ("{city} Energy Agency", "sectoral_agency", "public"),
    ("{city} Innovation Cluster", "business_support", "private"),
    ("{city} Environmental Association", "interest_group", "private"),
    ("Technology Centre {city}", "higher_education", "private"),
    ("{city} Water Company", "infrastructure_provider", "public"),
    ("Green Solutions {city}", "sme", "private"),
]


def acronym(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3))))[:25]


def title_and_summary(rng: random.Random, partners: int) -> tuple[str, str]:
    word, topic = rng.choice(TOPICS)
    place = rng.choice(PLACES)
    title = f"{rng.choice(ADJECTIVES)} {topic} for {place}"
    sentences = [SENTENCES[0], *rng.sample(SENTENCES[1:], 3)]
    summary = " ".join(s.format(n=partners, topic=topic, place=place) for s in sentences)
    return title, summary


def organisation(rng: random.Random, country: str, number: int) -> tuple[str, str, str]:
    """(name, type, sector): a name made unique by a number when the pattern and city repeat."""
    pattern, kind, sector = rng.choice(PATTERNS)
    city = rng.choice(CITIES.get(country, [country]))
    return f"{pattern.format(city=city)} {number}", kind, sector


CHALLENGES = [
    "Public authorities on both sides of the border face the same problem but plan their answers alone.",
    "Small municipalities lack the staff and the data to prepare investments on their own.",
    "Good practices tested in one region rarely reach the neighbouring ones.",
    "Legal and administrative differences slow down cooperation between the partners' territories.",
]
DURABILITY = [
    "The partners adopt the joint strategy in their own policy documents and finance its actions after the project.",
    "The tools stay online, maintained by the lead partner for at least five years after the project ends.",
    "The pilot actions continue under the partners' regular budgets and are scaled up with regional funds.",
]
TRANSFERABILITY = [
    "A transfer guide and peer visits help other regions of the programme area adopt the solutions.",
    "The toolbox is published under an open licence, with training material in the partners' languages.",
]
COMMUNICATION = [
    "Communication targets decision makers through policy briefs, local events and a final conference.",
    "Each partner runs a local stakeholder group; results are shared on the programme's website and social media.",
]


def description(rng: random.Random, title: str) -> dict[str, str]:
    """The project description's texts: a few sentences each, in the words of real Interreg applications."""
    return {
        "context": f"{rng.choice(CHALLENGES)} {title} answers it together.",
        "overall_objective": f"{title}: better policies and practices, jointly developed and taken up by the partners.",
        "durability": rng.choice(DURABILITY),
        "transferability": rng.choice(TRANSFERABILITY),
        "communication": rng.choice(COMMUNICATION),
    }
