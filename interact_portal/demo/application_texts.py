"""What the demo applications say: project description, partners' details and work plans of GREENHEAT,
CLIMAREADY and HEATWISE. Partners are named by their organisation's PIC (interact_portal.demo.projects)."""

from partnerships.choices import OrganisationSize, OrganisationType, VatRecovery

VIE, SMIC, TUM, BCA, LEC, WML, BSK, ZDA, LGEN, VPF = (f"9000000{n:02d}" for n in range(1, 11))

# PIC: (size, NACE Rev. 2 code)
ORGANISATION_DETAILS = {
    VIE: (OrganisationSize.LARGE, "O84.11"),
    SMIC: (OrganisationSize.SMALL, "M70.22"),
    TUM: (OrganisationSize.LARGE, "P85.42"),
    BCA: (OrganisationSize.SMALL, "O84.13"),
    LEC: (OrganisationSize.MICRO, "D35.30"),
    WML: (OrganisationSize.SMALL, "M72.19"),
    BSK: (OrganisationSize.LARGE, "O84.11"),
    ZDA: (OrganisationSize.MEDIUM, "O84.13"),
    LGEN: (OrganisationSize.SMALL, "S94.11"),
    VPF: (OrganisationSize.MEDIUM, "M72.19"),
}

# PIC: per-project partner data shared by every project the organisation is in
PARTNER_PROFILES = {
    VIE: {
        "nuts": "AT130",  # NUTS 3 of the department, where the reference data has it
        "department": "Municipal Department 20 – Energy Planning",
        "department_address": "Stadtbaudirektion, Rathausstraße 14–16",
        "department_postcode": "1010",
        "department_city": "Vienna",
        "legal_representative": "Dr. Bernd Hofer, head of department",
        "contact_phone": "+43 1 4000 00000",
        "vat_recovery": VatRecovery.NO,
        "experience": "The department drafts Vienna's heat plan and has led two Interreg Central Europe projects "
        "on energy planning. Its team of twelve energy planners maintains the city's heat atlas, which maps the heat "
        "demand of every building block.",
        "state_aid": (False, False, False, False),
    },
    BCA: {
        "nuts": "HU110",  # NUTS 3 of the department, where the reference data has it
        "department": "Climate Strategy Unit",
        "department_address": "Váci út 12",
        "department_postcode": "1132",
        "department_city": "Budapest",
        "legal_representative": "Katalin Szabó, managing director",
        "contact_phone": "+36 1 000 0000",
        "vat_recovery": VatRecovery.NO,
        "experience": "The agency coordinates the climate strategy of the Budapest agglomeration and runs the "
        "energy advice service for 23 district municipalities. It has taken part in five Interreg and Horizon "
        "projects on building renovation and heat pumps.",
        "state_aid": (False, False, False, False),
    },
    LEC: {
        "nuts": "SI041",  # NUTS 3 of the department, where the reference data has it
        "department": "",
        "department_address": "",
        "department_postcode": "",
        "department_city": "",
        "legal_representative": "Matej Zupan, chair of the board",
        "contact_phone": "+386 1 000 0000",
        "vat_recovery": VatRecovery.PARTLY,
        "experience": "A citizens' energy cooperative with 640 members that operates two solar plants and a small "
        "biomass heating network in the Ljubljana region. It advises other communities on setting up cooperatives.",
        "state_aid": (True, False, False, False),
    },
    ZDA: {
        "nuts": "HR050",  # NUTS 3 of the department, where the reference data has it
        "department": "Department for EU Projects and Urban Development",
        "department_address": "Ulica grada Vukovara 68",
        "department_postcode": "10000",
        "department_city": "Zagreb",
        "legal_representative": "Ivana Marić, director",
        "contact_phone": "+385 1 000 0000",
        "vat_recovery": VatRecovery.NO,
        "experience": "The agency prepares and manages EU-funded projects for the City of Zagreb and 12 towns of "
        "its urban area, among them three Interreg projects on green infrastructure and one on urban heat islands.",
        "state_aid": (False, False, False, False),
    },
    BSK: {
        "nuts": "SK010",  # NUTS 3 of the department, where the reference data has it
        "department": "Department of Strategy and Spatial Planning",
        "department_address": "Sabinovská 16",
        "department_postcode": "820 05",
        "department_city": "Bratislava",
        "legal_representative": "Ing. Peter Novák, head of the regional office",
        "contact_phone": "+421 2 0000 0000",
        "vat_recovery": VatRecovery.NO,
        "experience": "The region adopted its climate adaptation strategy in 2022 and finances adaptation measures "
        "of its 73 municipalities through a regional grant scheme that it designs and monitors.",
        "state_aid": (False, False, False, False),
    },
    TUM: {
        "nuts": None,  # NUTS 3 of the department, where the reference data has it
        "department": "Chair of Strategic Landscape Planning and Management",
        "department_address": "Emil-Ramann-Straße 6",
        "department_postcode": "85354",
        "department_city": "Freising",
        "legal_representative": "Prof. Dr. Anna Weber, chair holder",
        "contact_phone": "+49 8161 00 0000",
        "vat_recovery": VatRecovery.NO,
        "experience": "The chair researches urban green infrastructure and microclimate modelling; its tools for "
        "mapping heat stress are used by more than thirty German municipalities.",
        "state_aid": (False, False, False, False),
    },
}

# Budget profile of each partner: its target budget in EUR and the share of each cost category
# (office only where the call does not compute it at a flat rate; see application_content.budget_lines).
SHARES_PUBLIC = {"staff": 52, "office": 8, "travel": 5, "external": 30, "equipment": 5}
SHARES_PILOT = {"staff": 40, "office": 6, "travel": 4, "external": 20, "equipment": 10, "infrastructure": 20}
SHARES_RESEARCH = {"staff": 62, "office": 9, "travel": 6, "external": 15, "equipment": 8}

GREENHEAT = {
    "description": {
        "context": "District heating supplies a third of the homes in Vienna, Budapest and Ljubljana, but mostly "
        "from natural gas. The cities have committed to climate neutrality by 2040–2050, yet each of them plans the "
        "decarbonisation of its heating networks alone, with different data and methods. Operators lack proven "
        "models for integrating large heat pumps, waste heat from industry and data centres, and seasonal storage; "
        "municipalities lack the planning tools to decide which districts should be connected to a network and which "
        "should switch to individual heat pumps. Without a shared approach, investments of several hundred million "
        "euros risk locking the cities into fossil heat for another thirty years.",
        "overall_objective": "Central European cities decarbonise their district heating faster and at lower cost, "
        "with heat plans, tested technical solutions and investment pipelines they have developed together.",
        "durability": "The heat plans are adopted by the city councils of Vienna and Budapest and become the "
        "reference for the cities' energy concepts until 2040. The planning tool stays online under an open licence, "
        "maintained by the City of Vienna for at least five years. The pilot heat pump in Ljubljana remains in "
        "operation and its monitoring data are published every year.",
        "transferability": "A transfer guide explains how to adapt the heat-planning method to cities of 50,000 "
        "inhabitants or more. Two follower cities take part in the training programme and test the method on one of "
        "their districts; the associated partner brings the results to the South Moravian region.",
        "communication": "Communication addresses three audiences: city administrations and network operators "
        "(technical workshops, a peer-review programme), decision makers (policy briefs, a final conference in "
        "Vienna) and residents of the pilot districts (information events, a website in four languages).",
        "sustainable_development": "positive",
        "sustainable_development_justification": "The project cuts the greenhouse gas emissions and air pollution "
        "of urban heating and prepares investments in renewable and waste heat.",
        "equal_opportunities": "positive",
        "equal_opportunities_justification": "The heat plans assess the heating costs of low-income households, and "
        "the information events in the pilot districts are accessible and held in the languages spoken there.",
        "gender_equality": "neutral",
        "gender_equality_justification": "The project has no direct effect on gender equality; partners ensure "
        "balanced participation in their teams and events.",
    },
    "objectives": [
        (
            "Develop joint heat-planning methods and plans",
            "Partners develop a common method for municipal heat "
            "planning and apply it to their cities, identifying districts for network expansion and for individual "
            "solutions.",
        ),
        (
            "Test renewable and waste heat in existing networks",
            "Three pilot actions test a large heat pump, industrial "
            "waste heat recovery and low-temperature operation in existing networks.",
        ),
        (
            "Prepare investments and build capacity",
            "Partners prepare an investment pipeline and train city and "
            "operator staff to use the solutions after the project.",
        ),
    ],
    "target_groups": [
        (OrganisationType.LOCAL_AUTHORITY, "Energy and urban planning departments of cities in central Europe.", 12),
        (
            OrganisationType.INFRASTRUCTURE_PROVIDER,
            "District heating operators of the partner cities and of the follower cities.",
            6,
        ),
        (OrganisationType.GENERAL_PUBLIC, "Residents of the three pilot districts.", 4500),
    ],
    "work_packages": [
        {
            "title": "Joint heat-planning method",
            "objectives": "Develop a common method for municipal heat planning, with shared data standards and an "
            "open planning tool.",
            "responsible": VIE,
            "partners": [VIE, BCA, LEC],
            "periods": (1, 3),
            "activities": [
                (
                    "Review of heat-planning practice",
                    "Partners compare the heat-planning rules and data of their "
                    "countries and of five frontrunner cities in Denmark and Germany.",
                    (1, 1),
                    [VIE, BCA, LEC],
                    [
                        (
                            "Comparative report on heat planning",
                            "Practice, legal framework and data in the partner countries.",
                            1,
                        )
                    ],
                ),
                (
                    "Open heat-planning tool",
                    "Partners specify and develop a web tool that maps heat demand, network "
                    "potential and renewable sources by building block.",
                    (2, 3),
                    [VIE, BCA],
                    [("Heat-planning tool, first release", "The tool with the data of the partner cities.", 3)],
                ),
            ],
            "outputs": [
                (
                    "RCO 116",
                    "Open heat-planning tool",
                    "A web tool for municipal heat planning, released under an open licence.",
                    1,
                    3,
                )
            ],
        },
        {
            "title": "Pilot actions in district heating networks",
            "objectives": "Test three technical solutions for renewable and waste heat in existing networks and "
            "evaluate them together.",
            "responsible": LEC,
            "partners": [VIE, BCA, LEC],
            "periods": (2, 5),
            "activities": [
                (
                    "Large heat pump on treated waste water (Vienna)",
                    "Feasibility study, design and monitoring of a heat pump using the heat of treated waste water.",
                    (2, 5),
                    [VIE],
                    [("Monitoring report of the Vienna pilot", "Performance, costs and lessons learnt.", 5)],
                ),
                (
                    "Industrial waste heat recovery (Budapest)",
                    "Agreement with an industrial site and a technical "
                    "concept to feed its waste heat into a district network.",
                    (2, 4),
                    [BCA],
                    [("Waste heat agreement and concept", "The signed agreement and the technical concept.", 4)],
                ),
                (
                    "Low-temperature operation of a small network (Ljubljana)",
                    "The cooperative lowers the supply "
                    "temperature of its biomass network and adds a solar thermal field.",
                    (3, 5),
                    [LEC],
                    [("Evaluation of the Ljubljana pilot", "Energy savings and residents' comfort.", 5)],
                ),
            ],
            "outputs": [
                (
                    "RCO 84",
                    "Pilot actions in three heating networks",
                    "Three pilots tested and evaluated jointly.",
                    3,
                    5,
                )
            ],
        },
        {
            "title": "Heat plans and investment pipeline",
            "objectives": "Turn the method and the pilot results into heat plans adopted by the cities and a "
            "pipeline of investments ready for financing.",
            "responsible": BCA,
            "partners": [VIE, BCA, LEC],
            "periods": (4, 6),
            "activities": [
                (
                    "City heat plans",
                    "Each city drafts its heat plan with the tool, consults stakeholders and submits "
                    "it to its council.",
                    (4, 6),
                    [VIE, BCA],
                    [("Heat plans of Vienna and Budapest", "Adopted or submitted for adoption.", 6)],
                ),
                (
                    "Investment pipeline and training",
                    "Partners prepare project fiches for investments and train "
                    "staff of cities and operators, including two follower cities.",
                    (4, 6),
                    [VIE, BCA, LEC],
                    [("Investment pipeline", "Project fiches with costs and financing options.", 6)],
                ),
            ],
            "outputs": [
                (
                    "RCO 83",
                    "Joint heat-planning strategy",
                    "The partners' joint strategy and the city heat plans.",
                    2,
                    6,
                ),
                (
                    "RCO 87",
                    "Organisations cooperating on heat planning",
                    "Partners and follower cities working together.",
                    5,
                    6,
                ),
            ],
        },
    ],
    "results": [
        ("RCR 79", "The cities adopt their heat plans and the joint strategy.", 0, 2, 6),
        ("RCR 104", "Operators and follower cities take up the planning tool and the pilot solutions.", 0, 4, 6),
        ("RCR 84", "Partners and follower cities go on cooperating in a heat-planning network.", 0, 5, 6),
    ],
    "budgets": {VIE: (430000, SHARES_PILOT), BCA: (310000, SHARES_PUBLIC), LEC: (250000, SHARES_PILOT)},
    "roles": {
        VIE: "Lead partner: coordinates the project, develops the planning tool and runs the heat pump pilot.",
        BCA: "Leads the heat plans and the investment pipeline; runs the waste heat pilot in Budapest.",
        LEC: "Leads the pilot actions; tests low-temperature operation of its own network.",
    },
}

CLIMAREADY = {
    "description": {
        "context": "Heatwaves and heavy rain hit small towns as hard as large cities, but towns of 5,000 to 50,000 "
        "inhabitants have neither the specialists nor the data to adapt their squares, streets and school yards. "
        "Sealed surfaces heat up by more than 10 °C above green areas on summer afternoons, and storm water "
        "overloads old sewers. Regional adaptation strategies exist in Croatia, Slovakia and Bavaria, but they rarely "
        "reach the design of a single public space.",
        "overall_objective": "Small towns of central Europe redesign their public spaces to cope with heat and "
        "heavy rain, with tools, pilots and regional support they have developed together.",
        "durability": "The regional grant schemes of Zagreb's urban area and of the Bratislava region finance "
        "climate-ready redesigns after the project, using the project's criteria. The heat-stress mapping tool is "
        "maintained by the Technical University of Munich.",
        "transferability": "A catalogue of nature-based solutions with costs and maintenance needs, in five "
        "languages, lets any town apply the results; regional authorities of the programme area are invited to "
        "study visits.",
        "communication": "Town mayors and technical staff are reached through regional associations of "
        "municipalities; residents take part in the co-design of each pilot; results are shown at the programme's "
        "annual event.",
        "sustainable_development": "positive",
        "sustainable_development_justification": "Nature-based solutions cool public spaces, retain storm water "
        "and increase urban biodiversity.",
        "equal_opportunities": "positive",
        "equal_opportunities_justification": "Pilot sites are chosen where elderly people and children are most "
        "exposed to heat; redesigns follow accessibility standards.",
        "gender_equality": "neutral",
        "gender_equality_justification": "No direct effect; the co-design sessions are organised so that women "
        "and men can take part equally.",
    },
    "objectives": [
        (
            "Map heat stress and flood risk in small towns",
            "A common method and tool map the climate risks of public spaces.",
        ),
        (
            "Redesign public spaces with nature-based solutions",
            "Pilot redesigns in four towns test and demonstrate the solutions.",
        ),
        ("Anchor adaptation in regional support schemes", "Regional grant schemes adopt the project's criteria."),
    ],
    "target_groups": [
        (OrganisationType.LOCAL_AUTHORITY, "Small towns of the partner regions.", 40),
        (OrganisationType.REGIONAL_AUTHORITY, "Regional authorities running adaptation grant schemes.", 3),
        (OrganisationType.GENERAL_PUBLIC, "Residents using the pilot public spaces.", 12000),
    ],
    "work_packages": [
        {
            "title": "Climate risk mapping for small towns",
            "objectives": "Adapt the heat-stress mapping tool to small towns and map the partner regions.",
            "responsible": TUM,
            "partners": [ZDA, BSK, TUM],
            "periods": (1, 2),
            "activities": [
                (
                    "Heat-stress and flood mapping",
                    "The university adapts its microclimate model and maps 40 towns with data from the regions.",
                    (1, 2),
                    [TUM, ZDA, BSK],
                    [("Climate risk maps of 40 towns", "Maps and a short report per town.", 2)],
                ),
            ],
            "outputs": [
                ("RCO 116", "Climate risk mapping tool for small towns", "The adapted tool, open to every town.", 1, 2)
            ],
        },
        {
            "title": "Pilot redesigns of public spaces",
            "objectives": "Co-design and implement four pilot redesigns with nature-based solutions.",
            "responsible": ZDA,
            "partners": [ZDA, BSK, TUM],
            "periods": (2, 5),
            "activities": [
                (
                    "Co-design with residents",
                    "Workshops with residents, schools and businesses in each pilot town.",
                    (2, 3),
                    [ZDA, BSK],
                    [("Co-design reports", "One per pilot town.", 3)],
                ),
                (
                    "Implementation and monitoring",
                    "Green roofs, permeable paving, trees and rain gardens on four "
                    "sites, monitored for temperature and run-off.",
                    (3, 5),
                    [ZDA, BSK, TUM],
                    [("Monitoring report of the pilots", "Measured effects and costs.", 5)],
                ),
            ],
            "outputs": [("RCO 84", "Four pilot redesigns", "Pilot public spaces redesigned and monitored.", 4, 5)],
        },
        {
            "title": "Regional adaptation support",
            "objectives": "Bring the results into the regions' adaptation strategies and grant schemes.",
            "responsible": BSK,
            "partners": [ZDA, BSK, TUM],
            "periods": (3, 5),
            "activities": [
                (
                    "Criteria for regional grant schemes",
                    "The regions add climate-ready design criteria to their grant schemes.",
                    (3, 5),
                    [BSK, ZDA],
                    [("Joint action plan for regional support", "Criteria and an action plan per region.", 5)],
                ),
            ],
            "outputs": [
                (
                    "RCO 83",
                    "Joint action plan for climate-ready public spaces",
                    "Adopted by the partner regions.",
                    1,
                    5,
                ),
                ("RCO 87", "Organisations cooperating across borders", "Partners and associated towns.", 8, 5),
            ],
        },
    ],
    "results": [
        ("RCR 79", "The regions take up the joint action plan in their grant schemes.", 0, 2, 5),
        ("RCR 104", "Towns take up the mapping tool and the nature-based solutions.", 0, 10, 5),
        ("RCR 84", "Towns and regions go on cooperating after the project.", 0, 6, 5),
    ],
    "budgets": {ZDA: (380000, SHARES_PILOT), BSK: (290000, SHARES_PILOT), TUM: (350000, SHARES_RESEARCH)},
    "roles": {
        ZDA: "Lead partner: coordinates the project and leads the pilot redesigns.",
        BSK: "Leads the regional support work package and runs two pilots in the Bratislava region.",
        TUM: "Adapts the heat-stress mapping tool and monitors the effect of the pilots.",
    },
}

HEATWISE = {
    "description": {
        "context": "Most homes in the older neighbourhoods of Vienna and Budapest are heated with individual gas "
        "boilers. Replacing them block by block needs residents' agreement, but residents are rarely involved before "
        "the decisions are taken.",
        "overall_objective": "Residents and cities plan low-carbon heating of their neighbourhoods together.",
        "durability": "The participation method becomes part of the cities' neighbourhood renewal programmes.",
        "transferability": "A handbook in four languages describes the method for other cities.",
        "communication": "",  # the demo draft still has work left: the communication text is to be written
        "sustainable_development": "positive",
        "sustainable_development_justification": "Prepares the switch from gas boilers to renewable heating.",
        "equal_opportunities": "positive",
        "equal_opportunities_justification": "Energy advice targets households at risk of energy poverty.",
        "gender_equality": "neutral",
        "gender_equality_justification": "No direct effect expected.",
    },
    "objectives": [
        ("Involve residents in neighbourhood heat planning", "Neighbourhood heat forums in two pilot districts."),
        ("Prepare the switch to renewable heating", "Renovation and heating roadmaps for residential blocks."),
    ],
    "target_groups": [
        (OrganisationType.LOCAL_AUTHORITY, "District administrations of Vienna and Budapest.", 6),
        (OrganisationType.GENERAL_PUBLIC, "Residents of the pilot neighbourhoods.", 3000),
    ],
    "work_packages": [
        {
            "title": "Neighbourhood heat forums",
            "objectives": "Set up and run heat forums with residents in two pilot neighbourhoods.",
            "responsible": VIE,
            "partners": [VIE, BCA],
            "periods": (1, 3),
            "activities": [
                (
                    "Forum method",
                    "Partners agree on a common participation method.",
                    (1, 1),
                    [VIE, BCA],
                    [("Participation method", "The method and its materials.", 1)],
                ),
                (
                    "Forums in the pilot neighbourhoods",
                    "Four forum meetings per neighbourhood.",
                    (2, 3),
                    [VIE, BCA],
                    [("Forum reports", "Residents' proposals.", 3)],
                ),
            ],
            "outputs": [("RCO 84", "Two neighbourhood heat forums", "Pilot forums run and evaluated.", 2, 3)],
        },
        {
            "title": "Heating roadmaps",
            "objectives": "Turn the forums' proposals into heating roadmaps for residential blocks.",
            "responsible": BCA,
            "partners": [VIE, BCA],
            "periods": (3, 5),
            "activities": [
                (
                    "Roadmaps for residential blocks",
                    "Energy advisers prepare roadmaps with owners' associations.",
                    (3, 5),
                    [BCA, VIE],
                    [("Heating roadmaps", "Roadmaps for 20 blocks.", 5)],
                ),
            ],
            "outputs": [("RCO 83", "Joint neighbourhood heating strategy", "Strategy of both cities.", 1, 5)],
        },
        {
            "title": "Transfer and communication",
            "objectives": "Share the method with other cities of the programme area.",
            "responsible": VIE,
            "partners": [VIE, BCA],
            "periods": (4, 5),
            "activities": [
                (
                    "Handbook and peer learning",
                    "Handbook and two peer-learning visits.",
                    (4, 5),
                    [VIE, BCA],
                    [("Handbook", "The participation method for other cities.", 5)],
                ),
            ],
            "outputs": [("RCO 87", "Organisations cooperating across borders", "Partners and follower cities.", 4, 5)],
        },
    ],
    "results": [
        ("RCR 79", "Both cities take up the neighbourhood heating strategy.", 0, 1, 5),
        ("RCR 104", "District administrations take up the forum method.", 0, 4, 5),
    ],
    "budgets": {VIE: (250000, SHARES_PUBLIC), BCA: (180000, SHARES_PUBLIC)},
    "roles": {
        VIE: "Lead partner: coordinates the project and runs the Vienna forum.",
        BCA: "Runs the Budapest forum and leads the heating roadmaps.",
    },
}

APPLICATIONS = {"GREENHEAT": GREENHEAT, "CLIMAREADY": CLIMAREADY, "HEATWISE": HEATWISE}

# the applications the demo submits to the open call: what their description says (context, overall objective)
DECIDED_DESCRIPTIONS = {
    "SOLARSHARE": (
        "Small towns have roofs, land and willing residents, but rarely the legal and financial know-how to set up "
        "a community solar project.",
        "Small towns of central Europe set up community solar projects owned by their residents.",
    ),
    "RIVERLINK": (
        "Rivers that cross borders are restored in pieces: each country plans its own stretch, and fish passes, "
        "flood plains and sediment management do not connect.",
        "Partners restore connected river stretches across borders with a joint restoration plan.",
    ),
    "DATAHUB-CE": (
        "Regions need energy consumption and production data to plan the energy transition, but the data sit with "
        "grid operators in formats that differ from country to country.",
        "Regions of central Europe share open energy data in a common format for planning.",
    ),
    "COOLROOFS": (
        "Dense city centres overheat in summer; roofs are the largest surface cities can change quickly.",
        "Cities cool their centres with green and reflective roofs on public buildings.",
    ),
    "WATERWISE": (
        "Droughts have become frequent in municipalities that used to have water to spare; they lack plans for "
        "saving and reusing water.",
        "Municipalities save and reuse water with joint water-wise action plans.",
    ),
    "GRIDFLEX": (
        "Local grids cannot take more solar and wind power without flexibility from storage and demand response.",
        "Regions test flexibility services that let local grids take more renewable power.",
    ),
}
