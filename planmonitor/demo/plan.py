"""Example data: 115 fictitious but realistic actions and one demo account per role.

Everything created here carries ``is_example=True``: every page labels it, and
``demo_remove`` takes exactly that away again. The actions are generated from
fixed texts and a seeded random generator (no database ids, no ``now()``), so two
loads in two fresh databases give the same data.

Organisation names, partners and the division of work between ministers are
plausible, not official: the real plan's actions come from the coordinator's import.
"""

# The tables below are data, one row a line: wrapping them would hide their shape.
# ruff: noqa: E501

import base64
import datetime as dt
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple, TypeVar

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext, gettext_noop

from planmonitor.accounts.models import Membership, Role, User
from planmonitor.audit.history import record_bulk_history
from planmonitor.core import registry
from planmonitor.plans import search
from planmonitor.plans.data import gbv_plan
from planmonitor.plans.models import (
    Action,
    Beneficiary,
    BudgetLine,
    Indicator,
    Minister,
    Organisation,
    Partner,
    Plan,
    PolicyDomain,
    TargetGroup,
    TaxonomyTerm,
    ViolenceForm,
)
from planmonitor.plans.services import SyncReport, gbv_plan_load

SEED = 2025
PLAN_START = gbv_plan.PLAN["period_start"]  # 1 October 2025
LAST_MONTH = 50  # December 2029, counted in months from PLAN_START
# The demo's "today": statuses are derived from it, never from the clock, so the
# data does not change from one day to the next.
AS_OF = dt.date(2026, 6, 30)
BASELINE_DATE = dt.date(2024, 12, 31)  # last full year before the plan

EXAMPLE_NOTE = "Fictieve voorbeeldactie, geen actie uit het officiële actieplan."

# --- Example terms ----------------------------------------------------------

POLICY_DOMAINS = [
    ("OV", "Onderwijs en Vorming"),
    ("WVG", "Welzijn, Volksgezondheid en Gezin"),
    ("CJM", "Cultuur, Jeugd en Media"),
    ("BB", "Binnenlands Bestuur en Samenleven"),
    ("KBZ", "Kanselarij, Buitenlandse Zaken en Digitalisering"),
    ("OMG", "Omgeving"),
    ("WSE", "Werk en Sociale Economie"),
    ("FB", "Financiën en Begroting"),
    ("EWI", "Economie, Wetenschap en Innovatie"),
    ("MOW", "Mobiliteit en Openbare Werken"),
    ("LV", "Landbouw en Visserij"),
]

# (code, label, kind, policy domain code)
ORGANISATIONS = [
    ("DOV", "Departement Onderwijs en Vorming", "department", "OV"),
    ("DWVG", "Departement Welzijn, Volksgezondheid en Gezin", "department", "WVG"),
    ("OPGROEIEN", "Agentschap Opgroeien", "agency", "WVG"),
    ("VAPH", "Vlaams Agentschap voor Personen met een Handicap", "agency", "WVG"),
    ("AII", "Agentschap Integratie en Inburgering", "agency", "BB"),
    ("ABB", "Agentschap Binnenlands Bestuur", "agency", "BB"),
    ("DCJM", "Departement Cultuur, Jeugd en Media", "department", "CJM"),
    ("SV", "Sport Vlaanderen", "agency", "CJM"),
    ("DV", "Digitaal Vlaanderen", "agency", "KBZ"),
    ("DKBUZA", "Departement Kanselarij en Buitenlandse Zaken", "department", "KBZ"),
    ("WIV", "Wonen in Vlaanderen", "agency", "OMG"),
    ("DOMG", "Departement Omgeving", "department", "OMG"),
    ("DWSE", "Departement Werk en Sociale Economie", "department", "WSE"),
    ("DFB", "Departement Financiën en Begroting", "department", "FB"),
    ("DEWI", "Departement Economie, Wetenschap en Innovatie", "department", "EWI"),
    ("DMOW", "Departement Mobiliteit en Openbare Werken", "department", "MOW"),
    ("DLV", "Departement Landbouw en Visserij", "department", "LV"),
]
# The coordinating agency is part of the official plan; demo actions may use it.
ORGANISATION_DOMAIN = {code: domain for code, _, _, domain in ORGANISATIONS} | {
    gbv_plan.COORDINATING_AGENCY["code"]: gbv_plan.POLICY_DOMAIN["code"]
}

PARTNERS = [
    ("SENSOA", "Sensoa", "civil_society"),
    ("CHILDFOCUS", "Child Focus", "civil_society"),
    ("PLAN", "Plan International België", "civil_society"),
    ("GAMS", "GAMS België", "civil_society"),
    ("ZIJN", "Zijn – Beweging tegen geweld", "civil_society"),
    ("AWEL", "Awel", "civil_society"),
    ("CAVARIA", "çavaria", "civil_society"),
    ("GRIP", "GRIP – Gelijke Rechten voor Iedere Persoon met een handicap", "civil_society"),
    ("OUDERENRAAD", "Vlaamse Ouderenraad", "civil_society"),
    ("VROUWENRAAD", "Vrouwenraad", "civil_society"),
    ("CAW", "Centra voor Algemeen Welzijnswerk", "other"),
    ("VVSG", "Vereniging van Vlaamse Steden en Gemeenten", "local_government"),
    ("VVP", "Vereniging van de Vlaamse Provincies", "local_government"),
    ("VGC", "Vlaamse Gemeenschapscommissie", "local_government"),
    ("ICES", "ICES – Internationaal Centrum Ethiek in de Sport", "knowledge"),
    ("ICRH", "UGent – International Centre for Reproductive Health", "knowledge"),
    ("MEDIAWIJS", "Mediawijs", "knowledge"),
    ("IGVM", "Instituut voor de Gelijkheid van Vrouwen en Mannen", "federal"),
    ("POLITIE", "Geïntegreerde politie", "federal"),
    ("OM", "Openbaar Ministerie", "federal"),
]
# Partners that plausibly join an action on a given violence form or target group.
PARTNERS_BY_FORM = {
    "SG": ["SENSOA", "CHILDFOCUS", "IGVM", "OM"],
    "SGG": ["SENSOA", "ICES", "MEDIAWIJS"],
    "IFG": ["ZIJN", "CAW", "POLITIE"],
    "EGG": ["PLAN", "VROUWENRAAD", "POLITIE"],
    "VGV": ["GAMS", "ICRH", "PLAN"],
}
PARTNERS_BY_GROUP = {
    "handicap": ["GRIP"],
    "ouderen": ["OUDERENRAAD"],
    "kinderen": ["CHILDFOCUS", "AWEL"],
    "migranten": ["PLAN", "GAMS"],
    "lgbtq": ["CAVARIA"],
}

# How often each minister is involved as a co-minister: welfare, justice and
# integration sit at the table of most actions, agriculture rarely.
CO_MINISTER_WEIGHTS = {
    "gennez": 6,
    "demir": 6,
    "crevits": 4,
    "depraetere": 3,
    "van-achter": 2,
    "de-ridder": 2,
    "diependaele": 2,
    "weyts": 1,
    "brouns": 1,
}

# --- Actions ----------------------------------------------------------------

VIOLENCE_FORMS = [code for code, _ in gbv_plan.VIOLENCE_FORMS]
TARGET_GROUPS = [code for code, _ in gbv_plan.TARGET_GROUPS]


class Idea(NamedTuple):
    """One example action: what it is about decides who leads it."""

    title: str
    lead: str  # minister key
    organisation: str  # lead organisation code
    forms: str = ""  # violence form codes; empty: chosen at random
    groups: str = ""  # target group codes the action is about


# fmt: off
IDEAS: dict[str, list[Idea]] = {
    "1.1": [
        Idea("Vlaanderenbrede sensibiliseringscampagne rond toestemming bij jongeren", "gennez", "DWVG", "SG SGG"),
        Idea("Campagne rond spiking in het uitgaansleven", "crevits", "ABB", "SG"),
        Idea("Onlinecampagne over sextortion en het ongewenst verspreiden van naaktbeelden", "van-achter", "DCJM", "SG SGG"),
        Idea("Campagne over intrafamiliaal geweld tegen ouderen", "gennez", "DWVG", "IFG", "ouderen"),
        Idea("Sensibiliseringscampagne over eergerelateerd geweld met zelforganisaties", "crevits", "AII", "EGG", "migranten"),
        Idea("Campagne tegen seksueel grensoverschrijdend gedrag in de sport", "de-ridder", "SV", "SGG"),
        Idea("Mediacampagne over digitale controle en stalking in relaties", "van-achter", "DCJM", "IFG SGG"),
        Idea("Bewustmakingscampagne over vrouwelijke genitale verminking voor de zomervakantie", "gennez", "DWVG", "VGV", "migranten kinderen"),
        Idea("Omstanderscampagne voor jongeren op festivals en fuiven", "depraetere", "DCJM", "SGG SG"),
        Idea("Campagne over seksuele intimidatie op het werk", "demir", "DWSE", "SGG"),
        Idea("Verhaallijnen over partnergeweld in Vlaamse fictiereeksen ondersteunen", "van-achter", "DCJM", "IFG"),
        Idea("Campagne over veilig online daten voor jongvolwassenen", "diependaele", "DV", "SG SGG"),
    ],
    "1.2": [
        Idea("Relationele en seksuele vorming met aandacht voor toestemming in de eindtermen", "demir", "DOV", "SG SGG", "kinderen"),
        Idea("Lespakket mediawijsheid over online seksueel geweld voor het secundair onderwijs", "demir", "DOV", "SG SGG", "kinderen"),
        Idea("Vormingsaanbod over grenzen stellen voor jeugdwerkorganisaties", "depraetere", "DCJM", "SGG"),
        Idea("Workshops over gezonde relaties in het inburgeringstraject", "crevits", "AII", "IFG EGG", "migranten"),
        Idea("Vormingsreeks over grenzen en toestemming voor personen met een verstandelijke beperking", "gennez", "VAPH", "SG SGG", "handicap"),
        Idea("Training omstandersinterventie voor studenten in het hoger onderwijs", "demir", "DOV", "SGG SG"),
        Idea("Vorming voor trainers en sportclubs over grensoverschrijdend gedrag", "de-ridder", "SV", "SGG"),
        Idea("Ouderavonden over online veiligheid en sexting", "van-achter", "DCJM", "SG SGG", "kinderen"),
        Idea("Vorming voor sleutelfiguren in gemeenschappen rond vrouwelijke genitale verminking", "gennez", "DWVG", "VGV", "migranten"),
        Idea("Module over eergerelateerd geweld in de cursus maatschappelijke oriëntatie", "crevits", "AII", "EGG", "migranten"),
        Idea("Opleiding digitale weerbaarheid voor ouderen", "diependaele", "DV", "IFG", "ouderen"),
        Idea("Vorming voor vrijwilligers in jeugdhuizen over seksueel grensoverschrijdend gedrag", "depraetere", "DCJM", "SGG"),
    ],
    "1.3": [
        Idea("Hulplijn 1712 bekendmaken via scholen, huisartsen en apotheken", "gennez", "DWVG", "IFG SG"),
        Idea("Meertalige informatie over hulp- en meldpunten op vlaanderen.be", "diependaele", "DV"),
        Idea("Informatie over de Zorgcentra na Seksueel Geweld voor studentenvoorzieningen", "demir", "DOV", "SG"),
        Idea("Informatie in eenvoudige taal en Vlaamse Gebarentaal over hulp bij geweld", "gennez", "VAPH", "", "handicap"),
        Idea("Informatie over hulp en melden bij het onthaal van nieuwkomers", "crevits", "AII", "", "migranten"),
        Idea("Het meldpunt voor grensoverschrijdend gedrag in de sport zichtbaarder maken", "de-ridder", "SV", "SGG"),
        Idea("Chatfuncties van jongerenhulplijnen bekendmaken via sociale media", "gennez", "OPGROEIEN", "IFG SG", "kinderen"),
        Idea("Informatie over hulp bij partnergeweld voor huurders van sociale woningen", "depraetere", "WIV", "IFG"),
        Idea("Informatiemateriaal over VGV voor consultatiebureaus van het Agentschap Opgroeien", "gennez", "OPGROEIEN", "VGV", "kinderen"),
        Idea("Informatie over hulp bij geweld via de dienstverlening van VDAB", "demir", "DWSE", "SGG IFG"),
    ],
    "1.4": [
        Idea("Label voor veilige uitgaansbuurten in steden en gemeenten", "crevits", "ABB", "SG SGG"),
        Idea("Lokale besturen ondersteunen bij een lokaal actieplan tegen gendergerelateerd geweld", "crevits", "ABB"),
        Idea("Een aanspreekpunt integriteit in elke erkende sportfederatie", "de-ridder", "SV", "SGG"),
        Idea("Veilige haltes en verlichting op fietsroutes en bij het openbaar vervoer", "de-ridder", "DMOW", "SGG SG"),
        Idea("Kader voor veilige jeugdkampen en jeugdwerkinfrastructuur", "depraetere", "DCJM", "SGG SG", "kinderen"),
        Idea("Preventiebeleid rond seksueel grensoverschrijdend gedrag in elke school", "demir", "DOV", "SGG", "kinderen"),
        Idea("Afspraken met online platformen over het snel verwijderen van seksueel beeldmateriaal", "van-achter", "DCJM", "SG"),
        Idea("Signaalfunctie van sociale huisvestingsmaatschappijen bij partnergeweld", "depraetere", "WIV", "IFG"),
        Idea("Charter voor een veilige culturele sector", "gennez", "DCJM", "SGG"),
        Idea("Preventie van geweld tegen ouderen in woonzorgcentra", "gennez", "DWVG", "IFG", "ouderen"),
        Idea("Gedragscode en meldprocedure in land- en tuinbouwbedrijven met seizoensarbeid", "brouns", "DLV", "SGG", "migranten"),
        Idea("Preventie van stalking via slimme apparaten en gedeelde accounts", "diependaele", "DV", "IFG"),
    ],
    "2.1": [
        Idea("Basisopleiding gendergerelateerd geweld voor eerstelijnswerkers in het CAW", "gennez", "DWVG"),
        Idea("Nascholing voor leerkrachten en CLB-medewerkers over signalen van misbruik", "demir", "DOV", "SG IFG", "kinderen"),
        Idea("Expertisecentrum eergerelateerd geweld en vrouwelijke genitale verminking", "demir", "AJH", "EGG VGV", "migranten"),
        Idea("Opleiding risicotaxatie bij partnergeweld voor justitiehuizen", "demir", "AJH", "IFG"),
        Idea("Vorming over signalen van intrafamiliaal geweld voor de kinderopvang", "gennez", "OPGROEIEN", "IFG", "kinderen"),
        Idea("Opleiding traumageïnformeerd werken voor de jeugdhulp", "gennez", "OPGROEIEN", "SG IFG", "kinderen"),
        Idea("Opleiding over eergerelateerd geweld voor inburgeringsconsulenten", "crevits", "AII", "EGG", "migranten"),
        Idea("Tool om online seksueel geweld te herkennen voor jeugdwerkers", "depraetere", "DCJM", "SG SGG"),
        Idea("Opleiding over seksueel geweld bij personen met een handicap voor VAPH-voorzieningen", "gennez", "VAPH", "SG SGG", "handicap"),
        Idea("Vorming over gendergerelateerd geweld voor lokale beleidsmakers", "crevits", "ABB"),
        Idea("Opleiding voor aanspreekpunten integriteit in sportclubs", "de-ridder", "SV", "SGG"),
        Idea("Onderzoek naar nieuwe fenomenen zoals spiking en deepfake-naaktbeelden", "diependaele", "DEWI", "SG SGG"),
    ],
    "2.2": [
        Idea("Vlaams kader voor het omgaan met grensoverschrijdend gedrag in de jeugdhulp", "gennez", "OPGROEIEN", "SGG SG", "kinderen"),
        Idea("Meldcode intrafamiliaal geweld voor zorg- en welzijnsprofessionals", "gennez", "DWVG", "IFG"),
        Idea("Kwaliteitskader voor daderhulp", "demir", "AJH", "IFG SG"),
        Idea("Integriteitskader voor het hoger onderwijs", "demir", "DOV", "SGG"),
        Idea("Het Vlaggensysteem als standaard in onderwijs, welzijn en jeugdwerk", "demir", "DOV", "SGG", "kinderen"),
        Idea("Decretale verankering van het aanspreekpunt integriteit in de sport", "de-ridder", "SV", "SGG"),
        Idea("Kader voor gegevensdeling in hoog-risicosituaties van partnergeweld", "demir", "AJH", "IFG"),
        Idea("Kwaliteitskader voor de opvang van slachtoffers met een handicap", "gennez", "VAPH", "IFG SG", "handicap"),
        Idea("Richtlijn voor dringende herhuisvesting van slachtoffers door woonmaatschappijen", "depraetere", "WIV", "IFG"),
        Idea("Gedragscode rond seksuele intimidatie voor de Vlaamse overheid als werkgever", "diependaele", "DKBUZA", "SGG"),
    ],
    "2.3": [
        Idea("Lerend netwerk van het actieplan met driemaandelijkse overleggen", "demir", "AJH"),
        Idea("Samenwerkingsprotocol met de federale overheid over de Zorgcentra na Seksueel Geweld", "demir", "AJH", "SG"),
        Idea("Beleidsmonitor met jaarlijkse cijfers over gendergerelateerd geweld", "demir", "AJH"),
        Idea("Afstemming tussen Vlaamse en lokale veiligheidsoverleggen over partnergeweld", "crevits", "ABB", "IFG"),
        Idea("Gedeelde registratie van meldingen door CAW en Vertrouwenscentra Kindermishandeling", "gennez", "DWVG", "IFG SG", "kinderen"),
        Idea("Samenwerking met de andere gemeenschappen rond VGV en eergerelateerd geweld", "diependaele", "DKBUZA", "VGV EGG"),
        Idea("Overleg tussen onderwijs en welzijn over de opvolging van leerlingen na een onthulling", "demir", "DOV", "SG IFG", "kinderen"),
        Idea("Samenwerking tussen dierenwelzijnsinspectie en hulpverlening rond de link met intrafamiliaal geweld", "weyts", "DOMG", "IFG"),
        Idea("Opvolging van de budgettaire inzet voor het actieplan binnen de bestaande kredieten", "weyts", "DFB"),
        Idea("Afstemming van het gelijkekansenbeleid op het actieplan", "gennez", "ABB"),
    ],
    "3.1": [
        Idea("Ruimere openingsuren voor hulplijn 1712", "gennez", "DWVG", "IFG SG"),
        Idea("Chat- en sms-functie van 1712 voor doven en slechthorenden", "gennez", "DWVG", "", "handicap"),
        Idea("Tolken en interculturele bemiddelaars in de hulpverlening bij geweld", "crevits", "AII", "EGG IFG", "migranten"),
        Idea("Outreachend aanbod voor LGBTQ+-slachtoffers van partnergeweld", "gennez", "DWVG", "IFG", "lgbtq"),
        Idea("Laagdrempelig aanspreekpunt voor studenten in het hoger onderwijs", "demir", "DOV", "SGG SG"),
        Idea("Toegankelijke hulp voor ouderen via de diensten voor gezinszorg", "gennez", "DWVG", "IFG", "ouderen"),
        Idea("Mobiele hulpverlening bij geweld in landelijke gemeenten", "crevits", "ABB", "IFG"),
        Idea("Hulplijn voor slachtoffers van grensoverschrijdend gedrag in de sport", "de-ridder", "SV", "SGG"),
        Idea("Online hulpverlening voor jongeren na sextortion", "gennez", "OPGROEIEN", "SG", "kinderen"),
    ],
    "3.2": [
        Idea("Family Justice Centers (Veilig Huis) in alle provincies", "demir", "AJH", "IFG"),
        Idea("Nazorg voor slachtoffers na een bezoek aan een Zorgcentrum na Seksueel Geweld", "gennez", "DWVG", "SG"),
        Idea("Extra opvangplaatsen in vluchthuizen, ook voor vrouwen met een handicap", "gennez", "DWVG", "IFG", "handicap"),
        Idea("Voorrang bij sociale huisvesting voor slachtoffers van partnergeweld", "depraetere", "WIV", "IFG"),
        Idea("Gespecialiseerd aanbod voor kinderen die getuige zijn van partnergeweld", "gennez", "OPGROEIEN", "IFG", "kinderen"),
        Idea("Begeleiding van vrouwen en meisjes die met VGV te maken hebben", "gennez", "DWVG", "VGV", "migranten"),
        Idea("Veilige opvang voor slachtoffers van eergerelateerd geweld en gedwongen huwelijken", "demir", "AJH", "EGG", "migranten"),
        Idea("Ondersteuning van naasten van slachtoffers van seksueel geweld", "gennez", "DWVG", "SG"),
        Idea("Herstelgericht aanbod voor slachtoffers via bemiddeling", "demir", "AJH", "SG IFG"),
        Idea("Trajectbegeleiding naar werk voor slachtoffers van partnergeweld", "demir", "DWSE", "IFG"),
        Idea("Psychologische ondersteuning van sporters na grensoverschrijdend gedrag", "de-ridder", "SV", "SGG"),
    ],
    "3.3": [
        Idea("Uitbreiding van daderprogramma's voor plegers van partnergeweld", "demir", "AJH", "IFG"),
        Idea("Behandelaanbod voor minderjarige plegers van seksueel grensoverschrijdend gedrag", "gennez", "OPGROEIEN", "SGG SG", "kinderen"),
        Idea("Anonieme hulplijn voor personen met pedofiele gevoelens", "demir", "AJH", "SG"),
        Idea("Vrijwillig hulpaanbod voor plegers die zich zelf aanmelden", "gennez", "DWVG", "IFG"),
        Idea("Daderaanbod in de gevangenis voor plegers van seksueel geweld", "demir", "AJH", "SG"),
        Idea("Cultuursensitief aanbod voor plegers van eergerelateerd geweld", "crevits", "AII", "EGG", "migranten"),
        Idea("Gespecialiseerd aanbod voor plegers met een verstandelijke beperking", "gennez", "VAPH", "SG SGG", "handicap"),
        Idea("Opvolging van plegers met een contactverbod via elektronisch toezicht", "demir", "AJH", "IFG"),
    ],
    "3.4": [
        Idea("Ketenaanpak intrafamiliaal geweld in elk gerechtelijk arrondissement", "demir", "AJH", "IFG"),
        Idea("Multidisciplinair casusoverleg voor hoog-risicosituaties", "demir", "AJH", "IFG"),
        Idea("Systeemgerichte gezinsbegeleiding na partnergeweld", "gennez", "OPGROEIEN", "IFG", "kinderen"),
        Idea("Multidisciplinair team bij vermoedens van VGV bij minderjarigen", "gennez", "OPGROEIEN", "VGV", "kinderen"),
        Idea("Samenwerking tussen scholen, CLB en Vertrouwenscentra Kindermishandeling", "demir", "DOV", "SG IFG", "kinderen"),
        Idea("Netwerk eergerelateerd geweld met politie, parket en hulpverlening", "demir", "AJH", "EGG"),
        Idea("Integrale aanpak van ouderenmis(be)handeling met de woonzorgsector", "gennez", "DWVG", "IFG", "ouderen"),
        Idea("Lokale ketenaanpak samen met steden en gemeenten", "crevits", "ABB", "IFG"),
        Idea("Multidisciplinaire aanpak van seksueel misbruik in de sport", "de-ridder", "SV", "SG SGG"),
    ],
}
# fmt: on
ACTION_COUNT = 115
assert sum(map(len, IDEAS.values())) == ACTION_COUNT, "the demo has exactly the note's 115 actions"

OD_PURPOSE = {
    "1.1": "De campagne maakt de bevolking bewuster en stemt de boodschap af op de doelgroep.",
    "1.2": "De vorming versterkt kennis en vaardigheden rond grenzen, toestemming en mediawijsheid.",
    "1.3": "Hulp- en meldpunten worden beter bekend, zodat de drempel om hulp te zoeken daalt.",
    "1.4": "De actie maakt omgevingen fysiek en digitaal veiliger, samen met lokale besturen.",
    "2.1": "Professionals leren signalen herkennen en adequaat handelen.",
    "2.2": "Een gedeeld kader verbetert de kwaliteit en de werking in de betrokken sectoren.",
    "2.3": "Beleidsdomeinen en bestuursniveaus werken beter samen en delen informatie.",
    "3.1": "Hulplijnen en hulpverlening worden toegankelijker voor diverse doelgroepen.",
    "3.2": "Slachtoffers en hun naasten vinden sneller herkenbare en aangepaste hulp.",
    "3.3": "Het aanbod voor plegers zet in op responsabilisering, behandeling en recidivebeperking.",
    "3.4": "Systeemgericht en multidisciplinair samenwerken maakt de aanpak integraal.",
}
# Who the example actions are for (plans.Beneficiary codes): what each OD's actions reach,
# and words in a title that name more. Drawn from no random source, so the rest of the
# example plan stays as it was.
OD_BENEFICIARIES = {
    "1.1": ("general_population",),
    "1.2": ("general_population",),
    "1.3": ("general_population", "victims"),
    "1.4": ("general_population", "organisations"),
    "2.1": ("professionals",),
    "2.2": ("professionals", "organisations"),
    "2.3": ("organisations",),
    "3.1": ("victims",),
    "3.2": ("victims",),
    "3.3": ("perpetrators",),
    "3.4": ("victims", "professionals"),
}
TITLE_BENEFICIARIES = {
    "slachtoffer": "victims",
    "pleger": "perpetrators",
    "dader": "perpetrators",
    "omstaander": "bystanders",
    "lokale": "organisations",
}


def _beneficiaries(title: str, od: str) -> tuple[str, ...]:
    found = set(OD_BENEFICIARIES[od])
    words = title.casefold()
    found.update(code for word, code in TITLE_BENEFICIARIES.items() if word in words)
    return tuple(sorted(found))


APPROACHES = [
    "De trekkende administratie werkt een plan van aanpak uit met de betrokken partners.",
    "Eerst wordt het bestaande aanbod in kaart gebracht; daarna volgt een pilot in twee provincies.",
    "De actie bouwt voort op bestaande initiatieven en wordt stapsgewijs uitgerold.",
    "Na een pilootjaar volgt een evaluatie en, bij een gunstig resultaat, een Vlaamse uitrol.",
    "De uitvoering gebeurt binnen de bestaande kredieten van het beleidsveld.",
]

# --- Indicators ---------------------------------------------------------------

INCREASE, DECREASE, MAINTAIN, REACH = (choice.value for choice in Indicator.Direction)


class Quantitative(NamedTuple):
    name: str
    unit: str
    direction: str
    baseline: int
    target: int


class Qualitative(NamedTuple):
    name: str
    baseline: str
    target: str


# fmt: off
INDICATORS: dict[str, list[Quantitative | Qualitative]] = {
    "1.1": [
        Quantitative("Bereik van de campagne", "personen", INCREASE, 0, 250_000),
        Quantitative("Aandeel van de doelgroep dat de campagne herkent", "%", INCREASE, 10, 35),
        Quantitative("Aandeel jongeren dat grensoverschrijdend gedrag normaal vindt", "%", DECREASE, 24, 15),
        Quantitative("Aantal bezoeken aan de campagnewebsite", "bezoeken", INCREASE, 0, 60_000),
    ],
    "1.2": [
        Quantitative("Aantal deelnemers aan de vorming", "deelnemers", INCREASE, 0, 3_000),
        Quantitative("Aantal scholen en organisaties dat het aanbod gebruikt", "organisaties", INCREASE, 20, 200),
        Quantitative("Aandeel deelnemers dat na de vorming meer kennis rapporteert", "%", REACH, 0, 80),
        Qualitative("Vormingsmodule ontwikkeld en getest", "Geen module beschikbaar", "Module getest in een pilot en aangepast"),
    ],
    "1.3": [
        Quantitative("Aantal oproepen en chats naar de hulplijn", "contacten", INCREASE, 9_000, 12_000),
        Quantitative("Aandeel van de bevolking dat een hulp- of meldpunt kent", "%", INCREASE, 40, 60),
        Quantitative("Aantal verspreide informatiedragers", "exemplaren", INCREASE, 0, 50_000),
        Qualitative("Informatie beschikbaar in eenvoudige taal", "Enkel in standaardtaal", "In eenvoudige taal en minstens vijf andere talen"),
    ],
    "1.4": [
        Quantitative("Aantal deelnemende lokale besturen", "lokale besturen", INCREASE, 10, 100),
        Quantitative("Aantal organisaties met een aanspreekpunt integriteit", "organisaties", INCREASE, 50, 300),
        Quantitative("Aandeel uitgaanders dat zich onveilig voelt", "%", DECREASE, 32, 20),
        Qualitative("Charter uitgewerkt en ondertekend door de sector", "Geen charter", "Charter ondertekend door de sectorfederaties"),
    ],
    "2.1": [
        Quantitative("Aantal opgeleide professionals", "professionals", INCREASE, 0, 1_500),
        Quantitative("Aandeel opgeleide professionals dat zich handelingsbekwaam voelt", "%", INCREASE, 45, 75),
        Quantitative("Aantal raadplegingen van de online toolbox", "raadplegingen", INCREASE, 0, 10_000),
        Qualitative("Opleidingsmodule opgenomen in de basisopleiding", "Losse initiatieven", "Vast onderdeel van de basisopleiding"),
    ],
    "2.2": [
        Quantitative("Aandeel voorzieningen dat het kader toepast", "%", INCREASE, 10, 80),
        Quantitative("Gemiddelde doorlooptijd van melding tot eerste actie", "dagen", DECREASE, 21, 10),
        Qualitative("Kader goedgekeurd en bekendgemaakt", "Geen gedeeld kader", "Kader goedgekeurd door de bevoegde minister"),
    ],
    "2.3": [
        Quantitative("Aantal overlegmomenten per jaar", "overlegmomenten", MAINTAIN, 4, 4),
        Quantitative("Aantal beleidsdomeinen dat gegevens aanlevert", "beleidsdomeinen", INCREASE, 3, 8),
        Qualitative("Samenwerkingsprotocol ondertekend", "Geen protocol", "Protocol ondertekend door alle partners"),
    ],
    "3.1": [
        Quantitative("Gemiddelde wachttijd tot een eerste gesprek", "dagen", DECREASE, 14, 5),
        Quantitative("Aandeel beantwoorde oproepen", "%", INCREASE, 78, 95),
        Quantitative("Aantal contacten via chat", "contacten", INCREASE, 2_000, 5_000),
        Quantitative("Bereikbaarheid van de hulplijn", "uren per week", INCREASE, 40, 84),
    ],
    "3.2": [
        Quantitative("Aantal begeleide slachtoffers", "personen", INCREASE, 500, 1_200),
        Quantitative("Aantal beschikbare opvangplaatsen", "plaatsen", INCREASE, 120, 180),
        Quantitative("Gemiddelde wachttijd voor gespecialiseerde begeleiding", "weken", DECREASE, 10, 4),
        Quantitative("Aandeel slachtoffers dat tevreden is over de hulp", "%", INCREASE, 70, 85),
        Qualitative("Aanbod beschikbaar in elke provincie", "In drie provincies", "In alle vijf provincies en Brussel"),
    ],
    "3.3": [
        Quantitative("Aantal plegers dat een daderprogramma start", "personen", INCREASE, 300, 600),
        Quantitative("Aandeel plegers dat het programma volledig doorloopt", "%", INCREASE, 55, 70),
        Quantitative("Recidive binnen twee jaar na het programma", "%", DECREASE, 30, 20),
        Qualitative("Onafhankelijke evaluatie van het behandelaanbod", "Geen evaluatie", "Evaluatierapport met aanbevelingen"),
    ],
    "3.4": [
        Quantitative("Aantal casussen in multidisciplinair casusoverleg", "casussen", INCREASE, 200, 500),
        Quantitative("Aantal arrondissementen met een ketenaanpak", "arrondissementen", INCREASE, 2, 5),
        Quantitative("Aandeel casussen met herhaald geweld binnen één jaar", "%", DECREASE, 35, 25),
        Qualitative("Samenwerkingsafspraken vastgelegd in een protocol", "Informele afspraken", "Protocol ondertekend door alle partners"),
    ],
}
# Every action may also get one of these, whatever its goal.
GENERIC_INDICATORS = [
    Qualitative("Plan van aanpak besproken in het lerend netwerk", "Geen plan van aanpak", "Plan van aanpak goedgekeurd"),
    Qualitative("Tussentijdse evaluatie met aanbevelingen", "Niet van toepassing", "Evaluatie besproken bij de tussentijdse evaluatie van 2027"),
]
# fmt: on
QUANTITATIVE_SOURCES = [
    "Registratie van de trekkende administratie",
    "Jaarverslag van de uitvoerende partner",
    "Representatieve bevraging",
]
QUALITATIVE_SOURCES = ["Verslag van het lerend netwerk", "Beslissing van de bevoegde minister"]
SCALES = (0.5, 0.75, 1, 1.25, 1.5, 2)

# --- Demo accounts --------------------------------------------------------------

PASSWORD_PATTERN = "Voorbeeld-<account>-2025!"
# Example data too: the demo accounts that must use two-step login get an
# authenticator key everyone may know (base32, as apps take it). load_demo prints it.
DEMO_TOTP_SECRETS = {
    "coordinator": "VOORBEELDCOORDINATORPLANMONITOR2",
    "admin": "VOORBEELDBEHEERDERPLANMONITOR234",
}


class DemoAccount(NamedTuple):
    name: str  # the account's part of the username and password
    role: str  # a Role value, or "" for the administrator (no plan role)
    last_name: str
    organisation: str = ""
    ministers: tuple[str, ...] = ()

    @property
    def username(self) -> str:
        return f"demo-{self.name}"

    @property
    def password(self) -> str:
        # A documented pattern, not a secret: the accounts only exist beside example data.
        return PASSWORD_PATTERN.replace("<account>", self.name)

    @property
    def totp_secret(self) -> str:
        """The demo authenticator key (base32), for the accounts that must use two-step login."""
        return DEMO_TOTP_SECRETS.get(self.name, "")

    @property
    def totp_key(self) -> bytes:
        return base64.b32decode(self.totp_secret)


DEMO_ACCOUNTS = [
    DemoAccount("coordinator", Role.COORDINATOR, "Coördinator", "AJH", ("demir",)),
    DemoAccount("owner", Role.ACTION_OWNER, "Actietrekker", "DWVG", ("gennez",)),
    # Crevits is a frequent co-minister: the contributor works on other ministers' actions.
    DemoAccount("contributor", Role.CONTRIBUTOR, "Medewerker", "AII", ("crevits",)),
    DemoAccount("network", Role.NETWORK_MEMBER, "Lid lerend netwerk", "DOV", ("demir",)),
    DemoAccount("evaluator", Role.EVALUATOR, "Evaluator"),
    # Minister Gennez's cabinet: reads what the owner (Gennez's administration) works on.
    DemoAccount("cabinet", Role.CABINET, "Kabinet", "", ("gennez",)),
    DemoAccount("admin", "", "Beheerder"),
]


# --- Generating the example set (pure: no database) ------------------------------


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    name: str
    kind: str
    unit: str
    direction: str
    baseline_value: Decimal | None
    target_value: Decimal | None
    baseline_text: str
    target_text: str
    target_date: dt.date
    source: str
    frequency: str


@dataclass(frozen=True)
class ActionSpec:
    code: str
    operational_goal: str
    title: str
    description: str
    lead_minister: str
    co_ministers: tuple[str, ...]
    lead_organisation: str
    violence_forms: tuple[str, ...]
    target_groups: tuple[str, ...]
    beneficiaries: tuple[str, ...]
    partners: tuple[str, ...]
    involves_local_governments: bool
    start_date: dt.date
    end_date: dt.date
    status: str
    has_budget_impact: bool
    budget_lines: tuple[tuple[int, Decimal, str], ...]  # (year, amount, policy domain code)
    indicators: tuple[IndicatorSpec, ...]


def _month_start(offset: int) -> dt.date:
    years, month = divmod(PLAN_START.month - 1 + offset, 12)
    return dt.date(PLAN_START.year + years, month + 1, 1)


def _month_end(offset: int) -> dt.date:
    return _month_start(offset + 1) - dt.timedelta(days=1)


def _weighted_sample(rng: random.Random, weights: dict[str, int], k: int) -> tuple[str, ...]:
    pool = dict(weights)
    chosen = []
    for _ in range(min(k, len(pool))):
        key = rng.choices(list(pool), weights=list(pool.values()))[0]
        chosen.append(key)
        del pool[key]
    return tuple(sorted(chosen))


def _period(rng: random.Random) -> tuple[dt.date, dt.date]:
    # Most actions start in the plan's first year; some only after the interim evaluation.
    start = rng.randint(0, 8) if rng.random() < 0.6 else rng.randint(9, 26)
    draw = rng.random()
    if draw < 0.3:
        end = LAST_MONTH  # runs for the whole plan
    elif draw < 0.5:
        end = start + rng.randint(5, 11)  # a one-off: a campaign, a study, a framework text
    else:
        end = rng.randint(start + 6, LAST_MONTH)
    return _month_start(start), _month_end(end)


def _status(rng: random.Random, start: dt.date, end: dt.date) -> str:
    if start > AS_OF:
        return Action.Status.PLANNED
    if end <= AS_OF:
        return Action.Status.COMPLETED
    draw = rng.random()
    if draw < 0.06:
        return Action.Status.STOPPED
    if draw < 0.15:
        return Action.Status.PLANNED  # started late
    return Action.Status.RUNNING


def _indicator(
    rng: random.Random, template: Quantitative | Qualitative, code: str, target_date: dt.date
) -> IndicatorSpec:
    if isinstance(template, Qualitative):
        return IndicatorSpec(
            code=code,
            name=template.name,
            kind=Indicator.Kind.QUALITATIVE,
            unit="",
            direction=Indicator.Direction.REACH,
            baseline_value=None,
            target_value=None,
            baseline_text=template.baseline,
            target_text=template.target,
            target_date=target_date,
            source=rng.choice(QUALITATIVE_SOURCES),
            frequency=rng.choice([Indicator.Frequency.ONCE, Indicator.Frequency.ANNUAL]),
        )
    if template.unit == "%":
        # Shift percentages together so the direction (up or down) is kept.
        shift = rng.randint(-5, 5)
        baseline, target = (
            max(0, min(100, v + shift)) for v in (template.baseline, template.target)
        )
    else:
        scale = rng.choice(SCALES)
        baseline, target = (round(v * scale) for v in (template.baseline, template.target))
    return IndicatorSpec(
        code=code,
        name=template.name,
        kind=Indicator.Kind.QUANTITATIVE,
        unit=template.unit,
        direction=template.direction,
        baseline_value=Decimal(baseline),
        target_value=Decimal(target),
        baseline_text="",
        target_text="",
        target_date=target_date,
        source=rng.choice(QUANTITATIVE_SOURCES),
        frequency=rng.choice(
            [
                Indicator.Frequency.ANNUAL,
                Indicator.Frequency.SEMIANNUAL,
                Indicator.Frequency.QUARTERLY,
            ]
        ),
    )


def _partners(rng: random.Random, forms: Sequence[str], groups: Sequence[str]) -> list[str]:
    candidates = [p for f in forms for p in PARTNERS_BY_FORM[f]]
    candidates += [p for g in groups for p in PARTNERS_BY_GROUP[g]]
    candidates = list(dict.fromkeys(candidates))  # unique, order kept (determinism)
    return rng.sample(candidates, rng.randint(0, min(3, len(candidates))))


def _action(rng: random.Random, idea: Idea, od: str, code: str) -> ActionSpec:
    forms = idea.forms.split() or sorted(rng.sample(VIOLENCE_FORMS, rng.randint(1, 3)))
    groups = idea.groups.split()
    if rng.random() < 0.3:
        groups = sorted({*groups, rng.choice(TARGET_GROUPS)})
    co_weights = {k: w for k, w in CO_MINISTER_WEIGHTS.items() if k != idea.lead}
    co_ministers = _weighted_sample(rng, co_weights, rng.choices([0, 1, 2, 3], [3, 4, 3, 1])[0])
    local = od == "1.4" or idea.organisation == "ABB" or rng.random() < 0.15
    partners = _partners(rng, forms, groups) + (["VVSG"] if local else [])
    start, end = _period(rng)
    status = _status(rng, start, end)
    has_budget = rng.random() < 0.45
    budget_lines: tuple[tuple[int, Decimal, str], ...] = ()
    if has_budget and rng.random() < 0.7:
        domain = ORGANISATION_DOMAIN[idea.organisation]
        years = range(start.year, min(end.year, start.year + 2) + 1)
        budget_lines = tuple((y, Decimal(rng.randrange(2, 80) * 5_000), domain) for y in years)
    pool = INDICATORS[od] + GENERIC_INDICATORS
    templates = rng.sample(pool, rng.choices([1, 2, 3, 4], [2, 4, 3, 1])[0])
    return ActionSpec(
        code=code,
        operational_goal=od,
        title=idea.title,
        description=f"{EXAMPLE_NOTE} {OD_PURPOSE[od]} {rng.choice(APPROACHES)}",
        lead_minister=idea.lead,
        co_ministers=co_ministers,
        lead_organisation=idea.organisation,
        violence_forms=tuple(forms),
        target_groups=tuple(groups),
        beneficiaries=_beneficiaries(idea.title, od),
        partners=tuple(sorted(set(partners))),
        involves_local_governments=local,
        start_date=start,
        end_date=end,
        status=status,
        has_budget_impact=has_budget,
        budget_lines=budget_lines,
        indicators=tuple(
            _indicator(rng, template, f"{code}-I{n}", end)
            for n, template in enumerate(templates, start=1)
        ),
    )


def demo_action_specs() -> list[ActionSpec]:
    """The 115 example actions, A001…A115, in OD order. Same output on every call."""
    rng = random.Random(SEED)
    ideas = [(od, idea) for od, od_ideas in IDEAS.items() for idea in od_ideas]
    return [_action(rng, idea, od, f"A{n:03d}") for n, (od, idea) in enumerate(ideas, start=1)]


# --- Writing and removing -----------------------------------------------------------


class DemoDataError(Exception):
    """The example data cannot be loaded or removed; the message says why."""


@dataclass
class DemoReport:
    plan: SyncReport
    created: Counter[str] = field(default_factory=Counter)
    refused: str = ""

    @property
    def changed(self) -> bool:
        return bool(self.created) or self.plan.changed


Term = TypeVar("Term", bound=TaxonomyTerm)


def _terms_ensure(
    model: type[Term], plan: Plan, rows: Iterable[dict], report: DemoReport
) -> dict[str, Term]:
    """Create the missing terms; return every requested term by its demo code.

    A term that already exists with the same code or label (perhaps entered by a
    coordinator) is reused as it is and stays official.
    """
    existing = list(model.objects.filter(plan=plan))
    by_code = {t.code.lower(): t for t in existing}
    by_label = {t.label.lower(): t for t in existing}
    terms: dict[str, Term] = {}
    missing = []
    for order, row in enumerate(rows, start=1):
        term = by_code.get(row["code"].lower()) or by_label.get(row["label"].lower())
        if term is None:
            term = model(plan=plan, order=order, is_example=True, **row)
            missing.append(term)
        terms[row["code"]] = term
    model.objects.bulk_create(missing)
    record_bulk_history(model, missing, update=False)  # their initial values, as written
    if missing:
        report.created[str(model._meta.verbose_name_plural)] += len(missing)
    return terms


def _bulk_m2m(model: type[models.Model], name: str, pairs: Iterable[tuple]) -> None:
    """Insert the many-to-many rows ``(source, target)`` of ``model.name`` in one query."""
    m2m = model._meta.get_field(name)
    through = m2m.remote_field.through
    source, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
    through.objects.bulk_create(through(**{source: s, target: t}) for s, t in pairs)


def _actions_create(
    plan: Plan,
    *,
    domains: dict[str, PolicyDomain],
    organisations: dict[str, Organisation],
    partners: dict[str, Partner],
    report: DemoReport,
) -> None:
    existing = {code.lower() for code in plan.actions.values_list("code", flat=True)}
    specs = [s for s in demo_action_specs() if s.code.lower() not in existing]
    if not specs:
        return
    ods = {od.code: od for od in plan.operational_goals.all()}
    ministers = {m.key: m for m in Minister.objects.all()}
    forms = {t.code: t for t in ViolenceForm.objects.filter(plan=plan)}
    groups = {t.code: t for t in TargetGroup.objects.filter(plan=plan)}

    actions = Action.objects.bulk_create(
        Action(
            plan=plan,
            code=s.code,
            title=s.title,
            description=s.description,
            operational_goal=ods[s.operational_goal],
            lead_minister=ministers[s.lead_minister],
            lead_organisation=organisations[s.lead_organisation],
            involves_local_governments=s.involves_local_governments,
            start_date=s.start_date,
            end_date=s.end_date,
            has_budget_impact=s.has_budget_impact,
            status=s.status,
            is_example=True,
        )
        for s in specs
    )
    pairs = list(zip(actions, specs, strict=True))
    _bulk_m2m(Action, "co_ministers", ((a, ministers[k]) for a, s in pairs for k in s.co_ministers))
    _bulk_m2m(Action, "violence_forms", ((a, forms[c]) for a, s in pairs for c in s.violence_forms))
    _bulk_m2m(Action, "target_groups", ((a, groups[c]) for a, s in pairs for c in s.target_groups))
    _bulk_m2m(Action, "partners", ((a, partners[c]) for a, s in pairs for c in s.partners))
    beneficiaries = {b.code: b for b in Beneficiary.objects.all()}
    _bulk_m2m(
        Action, "beneficiaries", ((a, beneficiaries[c]) for a, s in pairs for c in s.beneficiaries)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(action=a, baseline_date=BASELINE_DATE, **vars(i))
        for a, s in pairs
        for i in s.indicators
    )
    budget_lines = BudgetLine.objects.bulk_create(
        BudgetLine(
            action=a,
            year=year,
            amount=amount,
            policy_domain=domains[domain],
            note="Voorbeeld: binnen de bestaande kredieten",
        )
        for a, s in pairs
        for year, amount, domain in s.budget_lines
    )
    # bulk_create sends no signals: the initial values' history, links included.
    record_bulk_history(Action, actions, update=False)
    record_bulk_history(Indicator, indicators, update=False)
    record_bulk_history(BudgetLine, budget_lines, update=False)
    report.created[gettext_noop("actions")] += len(actions)
    report.created[gettext_noop("indicators")] += len(indicators)
    if budget_lines:
        report.created[gettext_noop("budget lines")] += len(budget_lines)


def _accounts_create(
    plan: Plan, *, organisations: dict[str, Organisation], report: DemoReport
) -> None:
    existing = set(
        User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).values_list(
            "username", flat=True
        )
    )
    accounts = [a for a in DEMO_ACCOUNTS if a.username not in existing]
    if not accounts:
        return
    users = [
        User(
            username=account.username,
            first_name="Demo",
            last_name=account.last_name,
            email=f"{account.username}@example.invalid",
            is_example=True,
            is_staff=not account.role,
            is_superuser=not account.role,
        )
        for account in accounts
    ]
    for user, account in zip(users, accounts, strict=True):
        # The configured validators decide: a stricter policy shows up here, not at login.
        validate_password(account.password, user)
    # One after the other: an Argon2 hash holds its memory cost (100 MiB with Django's
    # parameters) while it runs, so hashing the accounts side by side in threads took
    # several times that at once (812 MB peak for load_demo; docs/reliability.md).
    for user, account in zip(users, accounts, strict=True):
        user.password = make_password(account.password)
    User.objects.bulk_create(users)
    with_role = [(u, a) for u, a in zip(users, accounts, strict=True) if a.role]
    memberships = Membership.objects.bulk_create(
        Membership(user=u, plan=plan, role=a.role, organisation=organisations.get(a.organisation))
        for u, a in with_role
    )
    ministers = {m.key: m for m in Minister.objects.all()}
    _bulk_m2m(
        Membership,
        "ministers",
        (
            (m, ministers[k])
            for m, (_, a) in zip(memberships, with_role, strict=True)
            for k in a.ministers
        ),
    )
    record_bulk_history(User, users, update=False)
    record_bulk_history(Membership, memberships, update=False)  # after their ministers
    report.created[gettext_noop("accounts")] += len(users)
    report.created[gettext_noop("roles in plans")] += len(memberships)


def _accounts_two_factor_ensure(report: DemoReport) -> None:
    """The demo coordinator and administrator must use two-step login: a known key each.

    Also for demo accounts loaded before two-step login existed; an app a tester set
    up instead is left alone.
    """
    from planmonitor.accounts.services import two_factor_demo_enrol

    with_secret = {a.username: a for a in DEMO_ACCOUNTS if a.totp_secret}
    for user in User.objects.filter(username__in=with_secret, is_example=True):
        if two_factor_demo_enrol(user=user, key=with_secret[user.username].totp_key.hex()):
            report.created[gettext_noop("two-step login apps")] += 1


@transaction.atomic
def demo_load() -> DemoReport:
    """Load the plan (if needed) and the example set into it. Idempotent.

    Refuses (changing nothing) when the plan already holds real actions: fictitious
    actions mixed with real ones would end up in monitoring reports.
    """
    report = DemoReport(plan=gbv_plan_load())
    plan = Plan.objects.get(short_name=gbv_plan.SHORT_NAME)
    if plan.actions.filter(is_example=False).exists():
        report.refused = gettext(
            "The plan %(plan)s already holds real actions: example data is only "
            "loaded into a plan without them."
        ) % {"plan": plan.short_name}
        return report
    domains = _terms_ensure(
        PolicyDomain, plan, [{"code": c, "label": label} for c, label in POLICY_DOMAINS], report
    )
    domains |= {t.code: t for t in PolicyDomain.objects.filter(plan=plan, is_example=False)}
    organisations = _terms_ensure(
        Organisation,
        plan,
        [
            {"code": c, "label": label, "kind": kind, "policy_domain": domains[d]}
            for c, label, kind, d in ORGANISATIONS
        ],
        report,
    )
    organisations |= {t.code: t for t in Organisation.objects.filter(plan=plan, is_example=False)}
    partners = _terms_ensure(
        Partner, plan, [{"code": c, "label": label, "kind": k} for c, label, k in PARTNERS], report
    )
    _actions_create(
        plan, domains=domains, organisations=organisations, partners=partners, report=report
    )
    _accounts_create(plan, organisations=organisations, report=report)
    _accounts_two_factor_ensure(report)
    # The other apps' example data (monitoring's sheets and reports, ...), in their order.
    for loader in registry.registered(registry.DemoLoader):
        report.created.update(loader.load(plan))
    search.index_plan(plan)  # bulk writes bypass the services that keep it current
    return report


EXAMPLE_MODELS: list[type[models.Model]] = [
    # Order matters: actions first (their indicators, budget lines and links go with
    # them), then the terms they referred to, then the accounts.
    Action,
    Partner,
    Organisation,
    PolicyDomain,
    ViolenceForm,
    TargetGroup,
    User,
]


@transaction.atomic
def demo_remove() -> Counter[str]:
    """Delete every example row and demo account; nothing official. Idempotent.

    Returns the number of deleted rows per model (cascades included).
    """
    deleted: Counter[str] = Counter()
    # The other apps' example data first, in reverse order (the demo's reporting rounds;
    # sheets and reports go with the example actions).
    for loader in reversed(registry.registered(registry.DemoLoader)):
        deleted.update(loader.remove())
    for model in EXAMPLE_MODELS:
        try:
            _, per_model = model.objects.filter(is_example=True).delete()
        except ProtectedError as error:
            in_use = ", ".join(sorted({str(obj) for obj in error.protected_objects})[:5])
            raise DemoDataError(
                f"Example {model._meta.verbose_name_plural} are still used by real data "
                f"({in_use}). Change those rows first, then remove the example data."
            ) from error
        deleted.update({label: n for label, n in per_model.items() if n})
    return deleted
