"""The newsroom's image model: a picture with its alt text, caption, caption language and credit.

Agency pictures arrive with an English caption and a credit ("… / Reuters") inside an
Urdu page, so the caption's language is stored to mark it `lang`/`dir` on the page.

Picture files are named by a random token, never by the uploaded name or the agency's
uri: media is served straight from disk or a bucket, with no page permission check, so a
picture of an embargoed story must not sit at an address anyone can work out before the
story goes live. Renditions are named after the original, so they inherit the token.
"""

from __future__ import annotations

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class NewsImage(AbstractImage):
    """A news picture; alt text is required because every reader must get the picture."""

    alt_text = models.CharField(
        max_length=1000, help_text=_("What the picture shows, for readers who cannot see it.")
    )
    caption = models.TextField(blank=True)
    caption_language = models.CharField(max_length=12, choices=settings.LANGUAGES, default="ur")
    credit = models.CharField(
        max_length=255, blank=True, help_text=_("Agency or photographer, e.g. Reuters.")
    )
    source_uri = models.CharField(
        max_length=500, null=True, blank=True, unique=True, editable=False
    )

    admin_form_fields = (
        *Image.admin_form_fields,
        "alt_text",
        "caption",
        "caption_language",
        "credit",
    )

    def get_upload_to(self, filename: str) -> str:
        """original_images/<random token><ext>: unguessable, whatever the upload was called."""
        suffix = PurePosixPath(filename).suffix.lower()
        if not suffix[1:].isalnum() or len(suffix) > 6:
            suffix = ""
        return super().get_upload_to(secrets.token_urlsafe(18) + suffix)

    @property
    def default_alt_text(self) -> str:
        return self.alt_text or self.title

    @property
    def caption_is_rtl(self) -> bool:
        return self.caption_language in {"ur", "ar", "fa", "ps", "sd"}


class NewsRendition(AbstractRendition):
    """A resized copy of a news picture."""

    image = models.ForeignKey(NewsImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
