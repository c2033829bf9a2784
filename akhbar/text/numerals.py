"""Digit systems: ASCII 0-9, Urdu/Persian ۰-۹ and Arabic-Indic ٠-٩.

Urdu pages may show either ASCII or Urdu (extended Arabic-Indic) digits;
Arabic pages may use Arabic-Indic digits. The two Arabic-script sets are
different code points with partly different shapes (۴ ۵ ۶ vs ٤ ٥ ٦), so a
digit must be converted to the system the page uses, never mixed.

Systems are named "ascii", "urdu" and "arabic"; the CLDR numbering-system
names "latn", "arabext" and "arab" are accepted as aliases so values coming
from Babel or a locale database work too.
"""

from __future__ import annotations

_ZERO = {"ascii": 0x0030, "urdu": 0x06F0, "arabic": 0x0660}
_ALIASES = {"latn": "ascii", "arabext": "urdu", "arab": "arabic"}
# CLDR symbols: Arabic-script digits group with ٬ (U+066C) so a comma-like
# sign is not confused with the Arabic comma ، (U+060C).
_GROUP_SEPARATOR = {"ascii": ",", "urdu": "\u066c", "arabic": "\u066c"}

SYSTEMS: tuple[str, ...] = tuple(_ZERO)
"""Supported digit systems."""


def _system(system: str) -> str:
    name = _ALIASES.get(system.lower(), system.lower())
    if name not in _ZERO:
        raise ValueError(f"unknown numeral system {system!r}; expected one of {SYSTEMS}")
    return name


def _table(target: str) -> dict[int, int]:
    zero = _ZERO[target]
    return {source + i: zero + i for source in _ZERO.values() for i in range(10)}


_TABLES = {name: _table(name) for name in _ZERO}


def to_numerals(text: str, system: str) -> str:
    """Rewrite every ASCII, Urdu or Arabic-Indic digit in ``text`` in ``system``."""
    return text.translate(_TABLES[_system(system)])


def format_number(n: int, system: str = "ascii", *, grouping: bool = True) -> str:
    """Format an integer with thousands grouping in the given digit system.

    >>> format_number(1234567, "urdu")
    '۱٬۲۳۴٬۵۶۷'
    """
    name = _system(system)
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"format_number() needs an int, got {type(n).__name__}")
    text = f"{n:,}" if grouping else str(n)
    return to_numerals(text.replace(",", _GROUP_SEPARATOR[name]), name)
