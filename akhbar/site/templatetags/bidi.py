"""`{% load bidi %}`: `isolate_latin`, the template face of akhbar.site.bidi.

`{{ page.headline|isolate_latin }}` escapes plain text and isolates its Latin runs;
`{{ value|richtext|isolate_latin }}` keeps safe HTML's markup and isolates Latin runs in
its text. Either way the result is safe HTML.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeData, SafeString, mark_safe

from akhbar.site.bidi import isolate_html, isolate_text

register = template.Library()


@register.filter(is_safe=True)
def isolate_latin(value: object) -> SafeString:
    """Wrap Latin runs in `<span dir="ltr" lang="en">`; escapes anything not already safe."""
    if value is None or value == "":
        return mark_safe("")
    if isinstance(value, SafeData) or hasattr(value, "__html__"):
        html = value.__html__() if hasattr(value, "__html__") else str(value)
        return mark_safe(isolate_html(html))  # noqa: S308 - markup was already safe
    return mark_safe(isolate_text(str(value)))  # noqa: S308 - isolate_text escapes
