"""Turning parsed wire items into newsroom stories, one transaction per item.

Everything that can fail on bad input (the picture's bytes, the section, the body's HTML)
is read and checked before the transaction opens, so a refused item leaves nothing
behind, and a crash between items leaves every stored item whole. Re-importing the
same item is a no-op; a changed item becomes a new revision of the same story.
"""

from __future__ import annotations

import hashlib
import io
import mimetypes
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from akhbar.newsroom.bodyhtml import stream_from_html
from akhbar.newsroom.editions import NoEdition, edition_for, section_for
from akhbar.newsroom.models import Agency, ArticlePage, Author, NewsImage
from akhbar.wire.formats import detect
from akhbar.wire.items import WireError, WireItem, WirePicture
from akhbar.wire.models import IngestRecord
from akhbar.wire.transports.http import FetchError, fetch

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_PICTURE_BYTES = 25 * 1024 * 1024
MAX_PICTURE_PIXELS = 60_000_000
PICTURE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "AVIF"}


@dataclass
class Outcome:
    """What happened to one item: created / updated / unchanged / unpublished / rejected."""

    action: str
    uri: str | None = None
    url: str | None = None
    file: str | None = None
    error: str | None = None

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


def wire_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every document under the given files and folders, in a stable order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in {".json", ".xml"})
        else:
            yield path


def ingest_file(path: Path, *, default_language: str = "ur", allow_private: bool = False) -> list[Outcome]:
    """Parse and store every item of one document; refusals are outcomes, not exceptions."""
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise WireError("", f"document is {size:,} bytes (at most {MAX_DOCUMENT_BYTES:,})")
        data = path.read_bytes()
        items = detect(data).parse(data)
    except (OSError, WireError) as exc:
        return [Outcome("rejected", uri=getattr(exc, "uri", None), file=str(path), error=_reason(exc))]
    out = []
    for item in items:
        try:
            out.append(store(item, base=path.parent, default_language=default_language, allow_private=allow_private))
        except (WireError, NoEdition, FetchError, ValueError) as exc:
            out.append(Outcome("rejected", uri=item.uri, file=str(path), error=_reason(exc)))
        if out[-1].file is None:
            out[-1].file = str(path)
    return out


def _reason(exc: Exception) -> str:
    return str(exc) or exc.__class__.__name__


def store(item: WireItem, *, base: Path | None = None, default_language: str = "ur",
          allow_private: bool = False) -> Outcome:
    """Store one item as a published (or scheduled, or withdrawn) story."""
    record = IngestRecord.objects.filter(uri=item.uri).select_related("article").first()
    digest = item.content_hash()
    article = record.article if record else None
    if record and record.content_hash == digest and (article is not None or item.pub_status != "usable"):
        return Outcome("unchanged", uri=item.uri, url=_url(article))

    if item.pub_status != "usable":
        return _withdraw(item, record, digest)

    edition = edition_for(item.language or default_language)
    body = stream_from_html(item.body_html)
    picture = _read_picture(item.picture, base, allow_private) if item.picture else None
    subject = item.subjects[0] if item.subjects else None
    created_files: list[str] = []
    try:
        with transaction.atomic():
            section = section_for(edition, subject.name if subject else "", subject.code if subject else "")
            image = _store_picture(item.picture, picture, created_files) if picture else None
            action = "updated" if article else "created"
            if article is None:
                article = ArticlePage(locale=edition.locale, uri=item.uri, live=False)
                _fill(article, item, body, image)
                section.add_child(instance=article)
            else:
                article = article.get_latest_revision_as_object()
                _fill(article, item, body, image)
            article.save()
            _relate(article, item)
            revision = article.save_revision(log_action=True)
            revision.publish()
            IngestRecord.objects.update_or_create(
                uri=item.uri,
                defaults={"format": item.format, "version": item.version, "content_hash": digest,
                          "pub_status": item.pub_status, "article": article},
            )
    except Exception:
        for name in created_files:
            NewsImage._meta.get_field("file").storage.delete(name)
        raise
    article.refresh_from_db()
    return Outcome(action, uri=item.uri, url=_url(article))


def _fill(article: ArticlePage, item: WireItem, body: list[dict], image: NewsImage | None) -> None:
    article.headline = item.headline
    article.standfirst = item.standfirst
    article.body = body
    if image is not None or item.picture is None:
        article.lead_image = image
    published = item.first_created or item.version_created or timezone.now()
    article.first_published_at = published
    article.updated_at = item.version_created or published
    article.go_live_at = item.embargoed_until if item.embargoed_until and item.embargoed_until > timezone.now() else None
    article.search_description = item.standfirst[:1000]


def _relate(article: ArticlePage, item: WireItem) -> None:
    article.agencies.set([Agency.objects.get_or_create(name=n[:255])[0] for n in item.sources])
    article.authors.set([Author.objects.get_or_create(name=n[:255])[0] for n in item.authors])
    article.tags.set([k[:100] for k in item.keywords])


def _withdraw(item: WireItem, record: IngestRecord | None, digest: str) -> Outcome:
    """A withheld or canceled item takes its story off the site, or is noted and skipped."""
    with transaction.atomic():
        article = record.article if record else None
        if article is not None and article.live:
            article.unpublish(log_action=True)
        IngestRecord.objects.update_or_create(
            uri=item.uri,
            defaults={"format": item.format, "version": item.version, "content_hash": digest,
                      "pub_status": item.pub_status, "article": article},
        )
    return Outcome("unpublished" if article else "skipped", uri=item.uri)


def _read_picture(picture: WirePicture, base: Path | None, allow_private: bool) -> bytes:
    """The picture's bytes, checked to be a real, reasonably sized image before anything is stored."""
    href = picture.href
    if href.startswith(("http://", "https://")):
        data = fetch(href, max_bytes=MAX_PICTURE_BYTES, allow_private=allow_private)
    else:
        if base is None or "://" in href or href.startswith("/"):
            raise WireError("associations.featureimage.renditions.href",
                            f"{href[:80]!r} is neither a relative path nor an http(s) URL")
        path = (base / href).resolve()
        if not path.is_relative_to(base.resolve()):
            raise WireError("associations.featureimage.renditions.href",
                            f"{href[:80]!r} points outside the document's folder")
        if not path.is_file():
            raise WireError("associations.featureimage.renditions.href", f"picture file {href[:80]!r} not found")
        if path.stat().st_size > MAX_PICTURE_BYTES:
            raise WireError("associations.featureimage.renditions.href", "picture file is too large")
        data = path.read_bytes()
    try:
        PILImage.MAX_IMAGE_PIXELS = MAX_PICTURE_PIXELS
        with PILImage.open(io.BytesIO(data)) as im:
            kind = im.format
            im.verify()
    except (UnidentifiedImageError, OSError, PILImage.DecompressionBombError, SyntaxError) as exc:
        raise WireError("associations.featureimage", f"picture is not a readable image ({exc})") from exc
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
        ext = mimetypes.guess_extension(picture.content_type or "") or Path(picture.href).suffix or ".jpg"
        digest = hashlib.sha1(picture.uri.encode("utf-8")).hexdigest()[:16]  # noqa: S324 - a name, not security
        name = f"wire-{digest}{'.jpg' if ext in ('.jpe', '.jpeg') else ext}"
        image.file = ImageFile(io.BytesIO(data), name=name)
        image.save()
        created.append(image.file.name)
    else:
        image.save()
    return image


def _url(article: ArticlePage | None) -> str | None:
    if article is None:
        return None
    url = article.get_url()
    return iri_to_uri(url) if url else None
