"""The file format: sheets, columns (Dutch headers, English aliases) and value words.

Exporter, importer, template and documentation all read these specs, so the
format is defined once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..models import Beneficiary, Indicator
from .report import Kind


@dataclass(frozen=True)
class Column:
    name: str  # the Dutch header the exporter writes
    alias: str  # the English name, also accepted
    required: bool = False
    help: str | Promise = ""


@dataclass(frozen=True)
class SheetSpec:
    kind: Kind
    name: str
    alias: str
    columns: tuple[Column, ...]

    @property
    def headers(self) -> list[str]:
        return [column.name for column in self.columns]

    def column_for(self, header: str) -> Column | None:
        wanted = normalise_name(header)
        for column in self.columns:
            if wanted in (column.name, column.alias):
                return column
        return None

    def matches(self, sheet_title: str) -> bool:
        return normalise_name(sheet_title) in (normalise_name(self.name), self.alias)


def normalise_name(text: str) -> str:
    """'Trekkende minister ' and 'LEAD-MINISTER' become 'trekkende_minister' and 'lead_minister'."""
    return re.sub(r"[\s\-]+", "_", text.strip().casefold())


ACTIONS = SheetSpec(
    "action",
    "Acties",
    "actions",
    (
        Column("code", "code", True, _("Action code, unique in the plan, e.g. A1.")),
        Column("titel", "title", True, _("Short title of the action.")),
        Column("omschrijving", "description", help=_("Longer description.")),
        Column("od", "operational_goal", True, _("Operational goal, e.g. 1.2 or OD 1.2.")),
        Column(
            "trekkende_minister",
            "lead_minister",
            True,
            _("Minister key, full name or family name."),
        ),
        Column("betrokken_ministers", "co_ministers", help=_("Ministers, separated by ';'.")),
        Column("trekkende_entiteit", "lead_organisation", help=_("Organisation code or name.")),
        Column("vormen", "violence_forms", help=_("Violence forms, e.g. SG;IFG.")),
        Column("doelgroepen", "target_groups", help=_("Target groups, separated by ';'.")),
        Column("partners", "partners", help=_("Partners, separated by ';'.")),
        Column("lokale_besturen", "local_governments", help=_("ja or nee.")),
        Column("start", "start", help=_("Start date: dd/mm/yyyy or yyyy-mm-dd.")),
        Column("einde", "end", help=_("End date, not before the start.")),
        Column("budgettaire_impact", "budget_impact", help=_("ja or nee.")),
        # Last, so the columns before it keep their letters in files made before it came.
        Column(
            "istanbul",
            "istanbul_articles",
            help=_("Istanbul Convention article numbers, e.g. 12; 13; 25."),
        ),
        Column(
            "begunstigden",
            "beneficiaries",
            help=_(
                "Beneficiaries, separated by ';': algemene bevolking, slachtoffers, plegers, "
                "omstaanders, professionals, organisaties (or their codes)."
            ),
        ),
    ),
)

INDICATORS = SheetSpec(
    "indicator",
    "Indicatoren",
    "indicators",
    (
        Column("actie", "action", True, _("Code of the action the indicator belongs to.")),
        Column("code", "code", True, _("Indicator code, unique within its action.")),
        Column("naam", "name", True, _("Name of the indicator.")),
        Column("type", "type", True, _("kwantitatief or kwalitatief.")),
        Column("eenheid", "unit", help=_("Unit, e.g. number or %.")),
        Column("basiswaarde", "baseline", help=_("A number if quantitative, else a text.")),
        Column("basisdatum", "baseline_date", help=_("Date of the baseline.")),
        Column("streefwaarde", "target", help=_("A number if quantitative, else a text.")),
        Column(
            "streefdatum",
            "target_date",
            help=_("Date of the target, not before the baseline date."),
        ),
        Column("richting", "direction", help=_("stijgen, dalen, behouden or bereiken.")),
        Column("bron", "source", help=_("Data source.")),
        Column(
            "frequentie",
            "frequency",
            help=_("maandelijks, driemaandelijks, halfjaarlijks, jaarlijks, eenmalig or ander."),
        ),
    ),
)

BUDGET_LINES = SheetSpec(
    "budget_line",
    "Budgetlijnen",
    "budget_lines",
    (
        Column("actie", "action", True, _("Code of the action.")),
        Column("jaar", "year", True, _("Budget year, e.g. 2026.")),
        Column("bedrag", "amount", True, _("Amount in euro, e.g. 1.234,50 or 1234.50.")),
        Column("beleidsdomein", "policy_domain", True, _("Policy domain code or name.")),
        Column("opmerking", "note", help=_("Note.")),
    ),
)

SHEETS = (ACTIONS, INDICATORS, BUDGET_LINES)
# Sheets the exporter adds for people, skipped without a warning on import.
HELP_SHEET = "Toelichting"
LISTS_SHEET = "Lijsten"

# --- Value words: the exporter writes the first Dutch word; the importer accepts all.
YES = "ja"
NO = "nee"
YES_WORDS = frozenset({"ja", "j", "yes", "y", "true", "waar", "1", "x"})
NO_WORDS = frozenset({"nee", "neen", "n", "no", "false", "onwaar", "0"})

KIND_WORDS = {
    Indicator.Kind.QUANTITATIVE: ("kwantitatief", "quantitative"),
    Indicator.Kind.QUALITATIVE: ("kwalitatief", "qualitative"),
}
DIRECTION_WORDS = {
    Indicator.Direction.INCREASE: ("stijgen", "increase", "stijging"),
    Indicator.Direction.DECREASE: ("dalen", "decrease", "daling"),
    Indicator.Direction.MAINTAIN: ("behouden", "maintain"),
    Indicator.Direction.REACH: ("bereiken", "reach"),
}
# The first word is what the exporter writes; the importer also reads the others and the codes.
BENEFICIARY_WORDS = {
    Beneficiary.Code.GENERAL_POPULATION: ("algemene bevolking", "general population", "bevolking"),
    Beneficiary.Code.VICTIMS: (
        "slachtoffers",
        "victims",
        "(potentiële) slachtoffers",
        "potentiële slachtoffers",
        "slachtoffer",
    ),
    Beneficiary.Code.PERPETRATORS: ("plegers", "perpetrators", "daders", "pleger", "dader"),
    Beneficiary.Code.BYSTANDERS: ("omstaanders", "bystanders", "omstaander"),
    Beneficiary.Code.PROFESSIONALS: ("professionals", "professionelen"),
    Beneficiary.Code.ORGANISATIONS: (
        "organisaties",
        "organisations",
        "organisaties en lokale besturen",
        "lokale besturen",
    ),
}
FREQUENCY_WORDS = {
    Indicator.Frequency.MONTHLY: ("maandelijks", "monthly", "per maand"),
    Indicator.Frequency.QUARTERLY: (
        "driemaandelijks",
        "quarterly",
        "per kwartaal",
        "kwartaal",
        "trimestrieel",
    ),
    Indicator.Frequency.SEMIANNUAL: (
        "halfjaarlijks",
        "semiannual",
        "zesmaandelijks",
        "per half jaar",
        "semestrieel",
    ),
    Indicator.Frequency.ANNUAL: ("jaarlijks", "annual", "yearly", "per jaar"),
    Indicator.Frequency.ONCE: ("eenmalig", "once"),
    Indicator.Frequency.OTHER: ("ander", "other", "anders"),
}


def word_index(words: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """{'stijgen': 'increase', 'increase': 'increase', ...}: what the importer looks up."""
    return {word: value for value, synonyms in words.items() for word in synonyms}


def dutch_word(words: dict[str, tuple[str, ...]], value: str) -> str:
    return words[value][0]


# --- Formula injection: a cell starting with one of these is run as a formula by
# spreadsheet programs. The exporter prefixes such text with a quote and the
# importer removes exactly that quote, so export -> import is the identity.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def _looks_escaped(text: str) -> bool:
    return len(text) > 1 and text[0] == QUOTE and text[1] in (*FORMULA_STARTS, QUOTE)


def escape_formula(text: str) -> str:
    # Text that would look escaped is escaped too, or the importer would strip its quote.
    if text.startswith(FORMULA_STARTS) or _looks_escaped(text):
        return QUOTE + text
    return text


def unescape_formula(text: str) -> str:
    return text[1:] if _looks_escaped(text) else text


# --- The same for CSV, where a cell ends wherever Excel sees its list separator: ',' in
# English Excel, ';' in Belgian (nl-BE) Excel, and a file written with one is often opened
# with the other. "Aantal;=1+1;" is one field to us and three cells to nl-BE Excel, the
# second a formula. So every place where Excel could start a cell gets the escape: the
# start of the text and right after each ',', ';', tab, CR or LF, when what follows
# (after any double quotes or spaces, which Excel's quoting rules may strip) starts a
# formula, or is the end of the text (then the next field's quote and line break follow,
# and a cell would start with CR). As above, text that would look escaped there is
# escaped too, so the importer removes exactly the quotes the exporter added.
_TRIGGER = r"[\" ]*[=+\-@\t\r]"
_END = r"[\" ]*\Z"
_AFTER_SEPARATOR = r"(?<=[,;\t\r\n])"
_CSV_ESCAPE = re.compile(
    rf"^(?={_TRIGGER}|'(?:{_TRIGGER}|'))"
    rf"|{_AFTER_SEPARATOR}(?={_TRIGGER}|{_END}|'(?:{_TRIGGER}|{_END}|'))"
)
_CSV_UNESCAPE = re.compile(rf"^'(?={_TRIGGER}|')|{_AFTER_SEPARATOR}'(?={_TRIGGER}|{_END}|')")


def escape_csv(text: str) -> str:
    return _CSV_ESCAPE.sub(QUOTE, text)


def unescape_csv(text: str) -> str:
    return _CSV_UNESCAPE.sub("", text)
