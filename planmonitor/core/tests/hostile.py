"""A corpus of hostile input, for every form, the importer and the API (issue 13).

Three lists, each of ``(name, value)`` pairs, so a parametrized test reads its ids
from the names:

- ``TEXTS``: what a person (or a script) may type into a text field: markup and
  script, ``javascript:`` links, spreadsheet formulas, invisible and
  direction-changing characters, NUL bytes, over-long and deeply nested text.
- ``NUMBERS``: what may reach a number or date field: huge, negative, NaN,
  Infinity, exponents, impossible dates.
- ``IDS``: what may stand in a URL or a field where an id belongs: beyond 64 bits,
  negative, a NUL, a path climbing out, a 5,000-character code.

What the tests prove with them: the answer is a clear validation error (or the
value is stored as the text it is), never a 500; a value shown again is escaped
(no element or attribute the input put there); an exported cell never starts a
formula.
"""

SCRIPT = "<script>alert('xss')</script>"
IMAGE_ONERROR = '<img src=x onerror="alert(1)">'

TEXTS: list[tuple[str, str]] = [
    ("script tag", SCRIPT),
    ("image with onerror", IMAGE_ONERROR),
    ("attribute breakout", "\"><svg onload=alert(1)>'"),
    ("javascript link", "javascript:alert(document.cookie)"),
    ("markdown javascript link", "[klik](javascript:alert(1))"),
    ("markdown data link", "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
    ("template syntax", "{{ request.user.password }}{% debug %}"),
    ("formula HYPERLINK", '=HYPERLINK("http://evil.example","klik")'),
    ("formula plus cmd", "+cmd|' /C calc'!A0"),
    ("formula minus", "-2+3+cmd|' /C calc'!A0"),
    ("formula at SUM", "@SUM(1+1)*cmd|' /C calc'!A0"),
    ("formula tab", "\t=1+1"),
    ("zero-width spaces", "\u200b\u200bActie\u200b"),
    ("right-to-left override", "\u202eexe.txt\u202c"),
    ("byte order mark", "\ufeffActie"),
    ("NUL byte", "Actie\x00na NUL"),
    ("control characters", "a\x01\x07\x1b[31mb"),
    ("lone surrogate escape", "a\\ud800b"),
    ("emoji and combining marks", "A\u0301\u0301\u0301 \U0001f4a3"),
    ("SQL", "'; DROP TABLE plans_action; --"),
    ("over-long text", "x" * 100_000),
    ("over-long word with markup", "<b>" * 5_000),
    ("deeply nested markdown", "\n".join("  " * depth + "- x" for depth in range(300))),
    ("deeply nested brackets", "[" * 20_000),
    ("only whitespace", " \t\u00a0\u3000 "),
]

NUMBERS: list[tuple[str, str]] = [
    ("1e308", "1e308"),
    ("1e309", "1e309"),
    ("10**40", str(10**40)),
    ("negative", "-1"),
    ("negative huge", "-" + str(10**40)),
    ("NaN", "NaN"),
    ("Infinity", "Infinity"),
    ("minus Infinity", "-Infinity"),
    ("exponent", "1e-400"),
    ("comma decimal", "1,5"),
    ("many decimals", "0." + "1" * 400),
    ("not a number", "twaalf"),
    ("NUL", "1\x00"),
    ("invalid date", "31/02/2026"),
    ("year 0", "00/01/0000"),
    ("year 99999", "01/01/99999"),
    ("ISO date out of range", "9999-99-99"),
    ("formula", "=1+1"),
]

IDS: list[tuple[str, str]] = [
    ("2**63", str(2**63)),
    ("10**30", str(10**30)),
    ("negative", "-1"),
    ("NUL", "%00"),
    ("path up", "..%2f"),
    ("5,000 characters", "A" * 5_000),
]


def values(corpus: list[tuple[str, str]]) -> list[str]:
    return [value for _, value in corpus]


def names(corpus: list[tuple[str, str]]) -> list[str]:
    return [name for name, _ in corpus]
