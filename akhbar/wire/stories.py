"""Making and updating newsroom stories from wire items (published, or a draft for the desk).

Everything that can fail on bad input (the picture's bytes, the section, the body's HTML)
is read and checked by `prepare` before the caller's transaction opens, so a refused item
leaves nothing behind; `write` then only touches the database.
"""

from __future__ import annotations

import io
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from akhbar.newsroom.bodyhtml import stream_from_html
from akhbar.newsroom.editions import edition_for, section_for
from akhbar.newsroom.models import Agency, ArticlePage, Author, NewsImage, SectionPage
from akhbar.wire.items import WireError, WireItem, WirePicture
from akhbar.wire.transports.http import fetch

MAX_PICTURE_BYTES = 25 * 1024 * 1024
MAX_PICTURE_PIXELS = 60_000_000
PICTURE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "AVIF"}
PICTURE_FIELD = "associations.featureimage.renditions.href"


@dataclass
class Prepared:
    """What a story needs, read and checked before any write."""

    item: WireItem
    language: str
    body: list[dict]
    picture: bytes | None
    credit: str
    default_section: SectionPage | None


def prepare(
    item: WireItem,
    *,
    language: str,
    base: Path | None,
    allow_private: bool,
    credit: str = "",
    default_section: SectionPage | None = None,
) -> Prepared:
    """Check the edition exists, sanitize the body and fetch the picture (raises on bad input)."""
    edition_for(language)
    body = stream_from_html(item.body_html)
    picture = read_picture(item.picture, base, allow_private) if item.picture else None
    return Prepared(item, language, body, picture, item.credit or credit, default_section)


def write(
    prep: Prepared, article: ArticlePage | None, *, publish: bool, created_files: list[str]
) -> ArticlePage:
    """Create or update the story (a new revision); publish it or leave it a draft."""
    item = prep.item
    edition = edition_for(prep.language)
    subject = item.subjects[0] if item.subjects else None
    if subject is None and prep.default_section is not None:
        section = prep.default_section
    else:
        section = section_for(
            edition, subject.name if subject else "", subject.code if subject else ""
        )
    image = _store_picture(item.picture, prep.picture, created_files) if prep.picture else None
    if article is None:
        article = ArticlePage(locale=edition.locale, uri=item.uri, live=False)
        _fill(article, item, prep.body, image)
        section.add_child(instance=article)
    else:
        article = article.get_latest_revision_as_object()
        _fill(article, item, prep.body, image)
    names = list(item.sources) + (
        [prep.credit] if prep.credit and prep.credit not in item.sources else []
    )
    article.agencies.set([Agency.objects.get_or_create(name=n[:255])[0] for n in names if n])
    article.authors.set([Author.objects.get_or_create(name=n[:255])[0] for n in item.authors])
    article.tags.set([k[:100] for k in item.keywords])
    article.save()  # after the relations: a draft commits its parental m2m only on save
    revision = article.save_revision(log_action=True)
    if publish:
        revision.publish()
    return article


def _fill(article: ArticlePage, item: WireItem, body: list[dict], image: NewsImage | None) -> None:
    article.headline = item.headline
    article.standfirst = item.standfirst
    article.body = body
    if image is not None or item.picture is None:
        article.lead_image = image
    published = item.first_created or item.version_created or timezone.now()
    embargo = item.embargoed_until
    # An embargoed story is news from the moment it may be read, not from when the agency
    # wrote it: dating it earlier would sink it below stories it is newer than.
    if embargo and embargo > published:
        published = embargo
    article.first_published_at = published
    article.updated_at = max(item.version_created or published, published)
    article.go_live_at = embargo if embargo and embargo > timezone.now() else None
    article.search_description = item.standfirst[:1000]


def read_picture(picture: WirePicture, base: Path | None, allow_private: bool) -> bytes:
    """The picture's bytes, checked to be a real, reasonably sized image before storing."""
    href = picture.href
    if href.startswith(("http://", "https://")):
        data = fetch(href, max_bytes=MAX_PICTURE_BYTES, allow_private=allow_private)
    else:
        if base is None or "://" in href or href.startswith("/") or ":" in href.split("/")[0]:
            raise WireError(
                PICTURE_FIELD, f"{href[:80]!r} is neither a relative path nor an http(s) URL"
            )
        path = (base / href).resolve()
        if not path.is_relative_to(base.resolve()):
            raise WireError(PICTURE_FIELD, f"{href[:80]!r} points outside the document's folder")
        if not path.is_file():
            raise WireError(PICTURE_FIELD, f"picture file {href[:80]!r} not found")
        if path.stat().st_size > MAX_PICTURE_BYTES:
            raise WireError(PICTURE_FIELD, "picture file is too large")
        data = path.read_bytes()
    try:
        PILImage.MAX_IMAGE_PIXELS = MAX_PICTURE_PIXELS
        with PILImage.open(io.BytesIO(data)) as im:
            kind = im.format
            im.verify()
    except (UnidentifiedImageError, OSError, PILImage.DecompressionBombError, SyntaxError) as exc:
        raise WireError(
            "associations.featureimage", f"picture is not a readable image ({exc})"
        ) from exc
    if kind not in PICTURE_FORMATS:
        raise WireError("associations.featureimage", f"picture format {kind} is not one we publish")
    return data


def _store_picture(picture: WirePicture, data: bytes, created: list[str]) -> NewsImage:
    image = NewsImage.objects.filter(source_uri=picture.uri).first()
    if image is None:
        image = NewsImage(source_uri=picture.uri)
    image.title = (picture.alt or picture.caption or picture.uri)[:255]
    image.alt_text = (picture.alt or picture.caption)[:1000]
    image.caption = picture.caption
    image.caption_language = picture.caption_language or "ur"
    image.credit = picture.credit[:255]
    if not image.pk:
        ext = (
            mimetypes.guess_extension(picture.content_type or "")
            or Path(picture.href).suffix
            or ".jpg"
        )
        # the stored name is a random token (NewsImage.get_upload_to): only the type counts
        name = "wire" + (".jpg" if ext in (".jpe", ".jpeg") else ext)
        image.file = ImageFile(io.BytesIO(data), name=name)
        image.save()
        created.append(image.file.name)
    else:
        image.save()
    return image


def delete_files(names: list[str]) -> None:
    """Remove picture files written by a transaction that was rolled back."""
    for name in names:
        NewsImage._meta.get_field("file").storage.delete(name)


def url_of(article: ArticlePage | None) -> str | None:
    """The story's site-relative URL, ASCII (percent-encoded), or None."""
    if article is None:
        return None
    url = article.get_url()
    return iri_to_uri(url) if url else None
