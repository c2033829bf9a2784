"""The blocks an article body is made of: paragraphs, subheads, quotes and inline pictures."""

from __future__ import annotations

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class QuoteBlock(blocks.StructBlock):
    """A quotation with who said it."""

    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False)

    class Meta:
        icon = "openquote"
        template = "newsroom/blocks/quote.html"


class InlineImageBlock(blocks.StructBlock):
    """A picture inside the body; its caption and credit come from the image unless overridden."""

    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "image"
        template = "newsroom/blocks/inline_image.html"


class ArticleBodyBlock(blocks.StreamBlock):
    """An article body, in reading order."""

    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES, template="newsroom/blocks/paragraph.html"
    )
    subhead = blocks.CharBlock(icon="title", template="newsroom/blocks/subhead.html")
    quote = QuoteBlock()
    image = InlineImageBlock()
