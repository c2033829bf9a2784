"""``{% part "name" key… %}…{% endpart %}``: a fragment rendered once per publish.

The costly parts of a reader's page (a story's text, its pictures' srcsets, the fifteen
Discover cards) stay the same for every reader until something is published. Rendered
once, they are kept under the publish generation (front.cached_part), so a publish,
unpublish, move, picture edit or new Discover list is seen on the next view, by every
process, without purging anything.

The key names what else the fragment depends on (the page, its live revision, the
edition's language). Previews and drafts are never kept: a preview renders the same page
with other content, and a page that is not live has no publish to follow.
"""

from __future__ import annotations

import hashlib

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


class PartNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: template.base.FilterExpression,
                 keys: list[template.base.FilterExpression]) -> None:
        self.nodelist = nodelist
        self.name = name
        self.keys = keys

    def render(self, context: template.Context) -> str:
        request = context.get("request")
        page = context.get("page")
        if (
            request is None
            or getattr(request, "is_preview", False)
            or not getattr(page, "live", False)
        ):
            return self.nodelist.render(context)
        from akhbar.newsroom.front import cached_part

        site = getattr(request, "_akhbar_part_site", None)
        if site is None:  # once per request: get_host() validates the host each time
            site = request._akhbar_part_site = f"{request.scheme}://{request.get_host()}"
        parts = [site]
        parts.extend(str(key.resolve(context)) for key in self.keys)
        digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()
        name = self.name.resolve(context)
        html = cached_part(f"html:{name}", digest, lambda: str(self.nodelist.render(context)))
        return mark_safe(html)  # noqa: S308 — what the template itself rendered, escaped there


@register.tag("part")
def do_part(parser: template.base.Parser, token: template.base.Token) -> PartNode:
    """Parse ``{% part "name" key1 key2 … %}`` up to ``{% endpart %}``."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError('{% part %} needs a name: {% part "body" page.pk %}')
    nodelist = parser.parse(("endpart",))
    parser.delete_first_token()
    return PartNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
