"""What a stored value may be: one rule per kind, for models, forms, the importer and the DB.

Numbers: SQLite keeps a decimal with a fraction as a REAL (a binary float), which
holds 15 significant digits exactly and no more; PostgreSQL's numeric holds
anything. A number both databases store exactly has at most 15 digits, of which at
most ``places`` after the decimal mark. A longer one is refused, never rounded.

Codes: an action code is part of its URL (``/plans/…/acties/A001/``); a ``/``, a
space or ``..`` would break the route. A code is 1–20 letters, digits, ``.``, ``-``
or ``_``, starting with a letter or digit.

Texts: every narrative field has a maximum length (``TEXT_LIMITS``), in the model
(``max_length``, which forms and the importer read) and as a database constraint.
The table in docs/security.md ("Field limits and codes") lists them.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from . import formatting

# --- Numbers -------------------------------------------------------------------------------

MAX_SIGNIFICANT_DIGITS = 15
INDICATOR_PLACES = 4  # indicator baselines, targets and values
AMOUNT_PLACES = 2  # budget amounts (EUR)


def number_bound(places: int, max_digits: int = MAX_SIGNIFICANT_DIGITS) -> Decimal:
    """The first number too large: 10**11 for 15 digits with 4 decimals."""
    return Decimal(10) ** (max_digits - places)


def largest_number(places: int, max_digits: int = MAX_SIGNIFICANT_DIGITS) -> Decimal:
    """The largest accepted number: 99999999999.9999 for 15 digits with 4 decimals."""
    return number_bound(places, max_digits) - Decimal(1).scaleb(-places)


def number_problem(
    number: Decimal, *, places: int, max_digits: int = MAX_SIGNIFICANT_DIGITS
) -> str | None:
    """Why ``number`` cannot be stored exactly, in the user's language; None when it can."""
    if not number.is_finite():
        return str(_("This is not a number."))
    if abs(number) >= number_bound(places, max_digits):
        return str(
            _(
                "This number is too large to be stored exactly: at most %(digits)s digits, "
                "of which %(places)s after the decimal comma (the largest is %(largest)s)."
            )
            % {
                "digits": max_digits,
                "places": places,
                "largest": formatting.belgian(largest_number(places, max_digits)),
            }
        )
    # Below the bound, quantizing is exact arithmetic (at most 15 digits): trailing zeros pass.
    if number.quantize(Decimal(1).scaleb(-places)) != number:
        return str(_("A number has at most %(places)s decimals.") % {"places": places})
    return None


@deconstructible
class ExactNumberValidator:
    """Refuse a number the databases would not store exactly (see ``number_problem``)."""

    code = "inexact_number"

    def __init__(self, places: int, max_digits: int = MAX_SIGNIFICANT_DIGITS) -> None:
        self.places = places
        self.max_digits = max_digits

    def __call__(self, value: Decimal | None) -> None:
        if value is None:
            return
        problem = number_problem(Decimal(value), places=self.places, max_digits=self.max_digits)
        if problem:
            raise ValidationError(problem, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ExactNumberValidator) and (self.places, self.max_digits) == (
            other.places,
            other.max_digits,
        )


def indicator_number(verbose_name) -> models.DecimalField:
    """An indicator's number (baseline, target, reported value), exact on both databases.

    The column keeps ``max_digits=20`` (the append-only history holds older values);
    the validator and a ``number_in_range`` constraint accept only 15 digits.
    """
    return models.DecimalField(
        verbose_name,
        max_digits=20,
        decimal_places=INDICATOR_PLACES,
        null=True,
        blank=True,
        validators=[ExactNumberValidator(INDICATOR_PLACES)],
    )


def number_in_range(
    field: str, places: int, *, max_digits: int = MAX_SIGNIFICANT_DIGITS, null: bool = True
) -> models.Q:
    """A CheckConstraint condition: ``field`` is below the bound for exact storage.

    On SQLite it refuses the REAL a too-long decimal became, which Django could
    not read back (a 500 on every page showing it).
    """
    bound = number_bound(places, max_digits)
    condition = models.Q(**{f"{field}__lt": bound}) & models.Q(**{f"{field}__gt": -bound})
    if null:
        condition |= models.Q(**{f"{field}__isnull": True})
    return condition


# --- Codes ---------------------------------------------------------------------------------

CODE_MAX_LENGTH = 20
CODE_FIRST = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
CODE_CHARACTERS = CODE_FIRST + "._-"
CODE_PATTERN = re.compile(rf"[A-Za-z0-9][A-Za-z0-9._-]{{0,{CODE_MAX_LENGTH - 1}}}")
CODE_MESSAGE = _(
    "A code is 1 to %(max)s characters: letters, digits, '.', '-' or '_', "
    "starting with a letter or digit (for example A001)."
)


def code_problem(code: str) -> str | None:
    """Why ``code`` cannot be an action code, in the user's language; None when it can."""
    if CODE_PATTERN.fullmatch(code):
        return None
    return str(CODE_MESSAGE % {"max": CODE_MAX_LENGTH})


@deconstructible
class CodeValidator:
    code = "invalid_code"

    def __call__(self, value: str) -> None:
        problem = code_problem(value)
        if problem:
            raise ValidationError(problem, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CodeValidator)


class IsCode(models.Func):
    """SQL: ``expression`` follows the code rule. SQLite has GLOB, PostgreSQL regular expressions.

    Written as an expression (not a REGEXP lookup) because Django's SQLite REGEXP is a
    Python function that only Django's own connections have: a CHECK using it would
    fail in any other client of the database.
    """

    output_field = models.BooleanField()
    arity = 1

    def as_sql(self, compiler, connection, **extra_context):
        raise NotImplementedError(f"no code check for {connection.vendor}")

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return (
            f"(LENGTH({sql}) BETWEEN 1 AND {CODE_MAX_LENGTH} "
            f"AND SUBSTR({sql}, 1, 1) GLOB '[A-Za-z0-9]' "
            f"AND {sql} NOT GLOB '*[^A-Za-z0-9._-]*')",
            (*params, *params, *params),
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        # Spelled out, not ranges: a range in a PostgreSQL regex depends on the collation.
        first = CODE_FIRST
        rest = CODE_CHARACTERS.replace("-", "") + "-"
        return (
            f"({sql} ~ '^[{first}][{rest}]{{0,{CODE_MAX_LENGTH - 1}}}$')",
            params,
        )


def code_is_valid(field: str) -> models.Q:
    """A CheckConstraint condition: ``field`` follows the code rule, on SQLite and PostgreSQL."""
    return models.Q(IsCode(models.F(field)))


# --- Texts ---------------------------------------------------------------------------------

NARRATIVE_MAX = 20_000  # sheets, reports, action descriptions, value explanations
CONTRIBUTION_MAX = 10_000
REMARK_MAX = 5_000  # comments, remarks, reasons
SUMMARY_MAX = 2_000  # plain-language summaries and public progress texts (the public site)
SUPPRESSION_THRESHOLD = 5  # small counts of a sensitive indicator show as "< 5" in public


def text_fits(field: str, max_length: int) -> LessThanOrEqual:
    """A CheckConstraint condition: ``field`` has at most ``max_length`` characters."""
    return LessThanOrEqual(Length(field), max_length)


def length_checks(prefix: str, limits: dict[str, int]) -> list[models.CheckConstraint]:
    """One CheckConstraint per text field: at most its maximum length, on both databases."""
    return [
        models.CheckConstraint(
            condition=text_fits(field, max_length), name=f"{prefix}_{field}_max_length"
        )
        for field, max_length in limits.items()
    ]
