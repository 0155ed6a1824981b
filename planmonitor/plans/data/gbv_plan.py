"""The plan as the source note defines it (Nota aan de Vlaamse Regering, autumn 2025).

Texts are the note's exact Dutch wording, with its line breaks joined. This is
public fact, not example data: ``load_gbv_plan`` writes it.
"""

import datetime as dt

SHORT_NAME = "ggg-2025-2029"

PLAN = {
    "title": "Vlaams actieplan ter bestrijding van gendergerelateerd geweld",
    "description": (
        "Een integrale aanpak die vertrekt vanuit de noden van het slachtoffer: drie strategische "
        "doelstellingen en 115 concrete acties om slachtoffers beter te beschermen, preventie te "
        "versterken en de aanpak over alle betrokken domeinen te stroomlijnen. Het plan wordt "
        "gefinancierd op de bestaande kredieten van de betrokken beleidsdomeinen; er is geen aparte "
        "begrotingslijn."
    ),
    "period_start": dt.date(2025, 10, 1),
    "period_end": dt.date(2029, 12, 31),
    "status": "approved",
    "interim_evaluation_due": dt.date(2027, 6, 30),
    "final_evaluation_due": dt.date(2029, 12, 31),
    "coordinating_minister": "demir",
}

POLICY_DOMAIN = {"code": "JH", "label": "Justitie en Handhaving"}
COORDINATING_AGENCY = {
    "code": "AJH",
    "label": "Agentschap Justitie en Handhaving",
    "kind": "agency",
}

DECISIONS = [
    {
        "kind": "government",
        "date": dt.date(2025, 5, 9),
        "reference": "VR 2025 0905 MED.0149",
        "description": (
            "De Vlaamse Regering nam kennis van de leidende principes, omgevingsanalyse en het "
            "doelstellingenkader van het Vlaams actieplan ter bestrijding van gendergerelateerd geweld."
        ),
    },
    {
        "kind": "finance_inspectorate",
        "date": dt.date(2025, 9, 14),
        "reference": "",
        "description": "De Inspecteur van Financiën gaf gunstig advies.",
    },
    {
        "kind": "budget_minister",
        "date": dt.date(2025, 10, 1),
        "reference": "",
        "description": "De Vlaamse minister van Begroting verleende zijn akkoord.",
    },
]

VIOLENCE_FORMS = [
    ("SG", "Seksueel geweld"),
    ("SGG", "Seksueel grensoverschrijdend gedrag"),
    ("IFG", "Intrafamiliaal geweld"),
    ("EGG", "Eergerelateerd geweld"),
    ("VGV", "Vrouwelijke genitale verminking"),
]

TARGET_GROUPS = [
    ("handicap", "Personen met een handicap"),
    ("ouderen", "Ouderen"),
    ("kinderen", "Kinderen"),
    ("migranten", "Migranten"),
    ("lgbtq", "LGBTQ+"),
]

STRATEGIC_GOALS = [
    (
        "1",
        "We investeren in preventieve maatregelen gericht op de algemene bevolking, (potentiële) "
        "slachtoffers, daders en omstaanders, om gendergerelateerd geweld te voorkomen en signalen "
        "vroegtijdig te detecteren.",
        [
            (
                "1.1",
                "We sensibiliseren burgers via gerichte en gecoördineerde communicatiecampagnes met "
                "enerzijds aandacht voor verschillende doelgroepen en sectoren en anderzijds voor "
                "nieuwe fenomenen zoals online seksueel geweld en spiking.",
            ),
            (
                "1.2",
                "We voorzien in vormingen en opleidingen gericht op preventie voor burgers met "
                "aandacht voor verschillende doelgroepen, gericht op onder andere grenzen, "
                "toestemming en mediawijsheid.",
            ),
            (
                "1.3",
                "We informeren burgers over het bestaan van hulp- en meldpunten, zodat de drempel "
                "voor slachtoffers, daders en omstaanders om hulp te zoeken wordt verlaagd, met "
                "bijzondere aandacht voor kwetsbare groepen.",
            ),
            (
                "1.4",
                "We creëren veilige omgevingen in samenwerking met lokale besturen, organisaties en "
                "sectoren, zowel fysiek als digitaal.",
            ),
        ],
    ),
    (
        "2",
        "We zetten in op de professionalisering op maat van professionals die in aanraking komen "
        "met slachtoffers en daders van gendergerelateerd geweld en de kaders waarin ze moeten "
        "werken.",
        [
            (
                "2.1",
                "We versterken professionals en beleidsmakers via opleiding, tools, "
                "expertiseontwikkeling en systematische kennisdeling, zodat ze signalen kunnen "
                "herkennen, adequaat kunnen handelen en kunnen inspelen op nieuwe fenomenen.",
            ),
            (
                "2.2",
                "We verbeteren de kwaliteit en werking binnen betrokken sectoren, organisaties en "
                "bij professionals door het ontwikkelen en implementeren van kaders.",
            ),
            (
                "2.3",
                "We versterken de samenwerking, coördinatie en informatie-uitwisseling tussen "
                "beleidsdomeinen en bestuursniveaus met oog op een kwalitatievere en efficiëntere "
                "dienstverlening.",
            ),
        ],
    ),
    (
        "3",
        "We zetten in op gepaste hulpverlening, ondersteuning en maatregelen voor zowel "
        "slachtoffers als daders van gendergerelateerd geweld en hun volledig systeem. We houden "
        "hierbij rekening met hun specifieke noden en werken waar mogelijk herstelgericht.",
        [
            (
                "3.1",
                "We versterken de toegankelijkheid van hulplijnen en hulpverlening door meer in te "
                "spelen op de noden van diverse doelgroepen.",
            ),
            (
                "3.2",
                "We investeren in het versterken van herkenbaar, beschikbaar en aangepast hulpaanbod "
                "voor slachtoffers en hun naasten, met bijzondere aandacht voor kwetsbare doelgroepen "
                "en contexten.",
            ),
            (
                "3.3",
                "We investeren in het versterken van een inclusief, toegankelijk en beschikbaar "
                "hulpaanbod voor plegers en hun naasten gericht op responsabilisering, behandeling en "
                "recidivebeperking.",
            ),
            (
                "3.4",
                "We versterken systeemgericht en multidisciplinair werken met oog op een integrale "
                "aanpak.",
            ),
        ],
    ),
]
