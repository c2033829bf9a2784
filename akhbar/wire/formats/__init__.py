"""Registry of wire formats: one module each, exposing NAME, sniff(data) and parse(data).

An explicit dict rather than registration by import side effect, so what is registered
is visible here and the contract test can run every format through the same checks.
"""

from __future__ import annotations

from types import ModuleType

from akhbar.wire.formats import newsml_g2, ninjs, rss
from akhbar.wire.items import WireError

# Sniffing goes in this order: JSON first, then the more specific XML dialect.
FORMATS: dict[str, ModuleType] = {ninjs.NAME: ninjs, newsml_g2.NAME: newsml_g2, rss.NAME: rss}


def detect(data: bytes) -> ModuleType:
    """The format module that recognises `data`, or a WireError naming what we accept."""
    for module in FORMATS.values():
        if module.sniff(data):
            return module
    raise WireError("", f"not a wire format we read (we read: {', '.join(FORMATS)})")
