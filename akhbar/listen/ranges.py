"""HTTP Range parsing for audio (RFC 9110 §14), pure and strict.

Players seek by asking for byte ranges. Only one range is honoured: a request for several
ranges (or a syntactically broken header, or another unit) is answered with the whole file,
which RFC 9110 allows ("a server MAY ignore the Range header"), so hostile headers cost
nothing. A well-formed range that lies wholly outside the file is unsatisfiable (416).
"""

from __future__ import annotations

import re

MAX_HEADER = 200
_RANGE = re.compile(r"bytes=([0-9]{0,19})-([0-9]{0,19})")  # not \d: it matches ٠-٩


class Unsatisfiable(ValueError):
    """The range is well formed but selects nothing in the file."""


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """(first, last) byte positions, inclusive, or None to send the whole file.

    Raises ``Unsatisfiable`` for a range that starts at or past the end (or a zero suffix).
    """
    if not header or len(header) > MAX_HEADER:
        return None
    match = _RANGE.fullmatch(header.strip().replace(" ", ""))
    if match is None:
        return None
    first_s, last_s = match.groups()
    if not first_s and not last_s:
        return None
    if not first_s:  # suffix: the last N bytes
        suffix = int(last_s)
        if suffix == 0 or size == 0:
            raise Unsatisfiable(header)
        return max(size - suffix, 0), size - 1
    first = int(first_s)
    last = int(last_s) if last_s else size - 1
    if last_s and last < first:
        return None  # invalid: ignored, not unsatisfiable
    if first >= size:
        raise Unsatisfiable(header)
    return first, min(last, size - 1)
