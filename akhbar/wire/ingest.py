"""Taking wire documents in: parse, vet, group near-duplicates, store one transaction per item.

A document that cannot be parsed, or an item that cannot be stored, becomes a `rejected`
outcome and a Quarantine row naming source, place, item and reason; the rest of the batch
goes on. Each item's writes (entry, story, picture, bands) happen in one transaction, and
whatever can fail on bad input is checked before it opens, so a crash mid-batch leaves no
half items; entries are keyed by uri, so a rerun creates no duplicates. A re-sent item is
`unchanged`, a changed one `updated` (its story gets a new revision when the source's rule
publishes), a withheld or canceled one takes its story down.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.db import connection, transaction

from akhbar.newsroom.editions import NoEdition
from akhbar.newsroom.models import SectionPage
from akhbar.text import fold
from akhbar.wire import dedupe, stories
from akhbar.wire.formats import detect
from akhbar.wire.items import WireError, WireItem, digest_of, item_to_json
from akhbar.wire.models import Quarantine, WireBand, WireEntry, WireSource
from akhbar.wire.transports.http import FetchError
from akhbar.wire.vetting import vet

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
RAW_KEEP = 200_000
SUFFIXES = {".json", ".xml", ".rss", ".atom"}


@dataclass
class Outcome:
    """What happened to one item: created / updated / unchanged / duplicate / unpublished /
    skipped / rejected. `as_dict` is the `akhbar import --json` line."""

    action: str
    uri: str | None = None
    url: str | None = None
    file: str | None = None
    error: str | None = None

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class Options:
    """How items from one place are treated: the source's defaults and rule."""

    source: WireSource | None = None
    language: str = "ur"
    rule: str = WireSource.PUBLISH
    allow_private: bool = False
    credit: str = ""
    default_section: SectionPage | None = None

    @classmethod
    def for_source(cls, source: WireSource) -> Options:
        return cls(
            source=source,
            language=source.language or "ur",
            rule=source.rule,
            allow_private=source.internal,
            credit=source.credit,
            default_section=source.default_section,
        )


def wire_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every document under the given files and folders, in a stable order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
        else:
            yield path


def ingest_file(
    path: Path,
    *,
    default_language: str = "ur",
    allow_private: bool = False,
    options: Options | None = None,
) -> list[Outcome]:
    """Parse and store every item of one document; refusals are outcomes, not exceptions."""
    opts = options or Options(language=default_language, allow_private=allow_private)
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise WireError("", f"document is {size:,} bytes (at most {MAX_DOCUMENT_BYTES:,})")
        data = path.read_bytes()
    except (OSError, WireError) as exc:
        return [_refuse(opts, str(path), None, _reason(exc), b"")]
    return ingest_bytes(data, location=str(path), base=path.parent, options=opts)


def ingest_bytes(
    data: bytes, *, location: str, base: Path | None, options: Options
) -> list[Outcome]:
    """Parse one document's bytes and store each item; the document's place is `location`."""
    try:
        if len(data) > MAX_DOCUMENT_BYTES:
            raise WireError("", f"document is {len(data):,} bytes (at most {MAX_DOCUMENT_BYTES:,})")
        module = detect(data)
        parse_each = getattr(module, "parse_each", None)
        items = parse_each(data) if parse_each else module.parse(data)
    except WireError as exc:
        return [_refuse(options, location, exc.uri, _reason(exc), data)]
    except Exception as exc:  # noqa: BLE001 - a parser bug must not stop the batch either
        return [_refuse(options, location, None, f"unreadable document ({_reason(exc)})", data)]
    raw = data[:RAW_KEEP].decode("utf-8", "replace")
    out = []
    for item in items:
        if isinstance(item, WireError):  # refused alone by the parser; the rest go on
            out.append(_refuse(options, location, item.uri, _reason(item), data))
            continue
        try:
            outcome = store(item, options=options, base=base, raw=raw)
        except (WireError, NoEdition, FetchError, ValueError) as exc:
            outcome = _refuse(options, location, item.uri, _reason(exc), data)
        except Exception as exc:  # noqa: BLE001 - one bad item never stops the batch
            outcome = _refuse(
                options, location, item.uri, f"could not store the item ({_reason(exc)})", data
            )
        outcome.file = location
        out.append(outcome)
    return out


def _reason(exc: BaseException) -> str:
    text = str(exc) or exc.__class__.__name__
    return (
        text
        if isinstance(exc, WireError | NoEdition | FetchError)
        else (f"{exc.__class__.__name__}: {text}" if str(exc) else text)
    )


def _refuse(opts: Options, location: str, uri: str | None, reason: str, data: bytes) -> Outcome:
    """Keep the refusal for inspection and return it as a `rejected` outcome."""
    Quarantine.objects.create(
        source=opts.source,
        location=location[:1000],
        uri=(uri or "")[:500],
        reason=reason,
        raw=data[:RAW_KEEP].decode("utf-8", "replace"),
    )
    return Outcome("rejected", uri=uri, file=location, error=reason)


def store(
    item: WireItem, *, options: Options | None = None, base: Path | None = None, raw: str = ""
) -> Outcome:
    """Store one item as a desk entry and, when the rule says so, as a published story."""
    opts = options or Options()
    item = vet(item)
    entry = next(iter(WireEntry.objects.filter(uri=item.uri)[:1]), None)
    data = item_to_json(item)
    digest = digest_of(data)
    publish = opts.rule == WireSource.PUBLISH
    if (
        entry is not None
        and entry.content_hash == digest
        and not (
            publish
            and item.pub_status == "usable"
            and entry.article is None
            and entry.group_id is None
        )
    ):
        return Outcome("unchanged", uri=item.uri, url=stories.url_of(_story(entry)))
    if entry is not None and _is_older(item, entry):
        return Outcome("unchanged", uri=item.uri, url=stories.url_of(_story(entry)))
    if item.pub_status != "usable":
        return _withdraw(item, entry, digest, opts, raw)
    language = (item.language or opts.language).split("-")[0].lower()
    text = f"{item.headline}\n{html.unescape(re.sub(r'<[^>]+>', ' ', item.body_html))}"
    folded = fold(text)  # once: it feeds both the signature and the desk's search
    sig = dedupe.signature(folded, folded=True)
    keys = dedupe.band_keys(sig)
    group = entry.group if entry is not None else _find_group(sig, keys)
    article = entry.article if entry is not None else None
    make_story = publish and (group is None or article is not None)
    prep = None
    if make_story:
        prep = stories.prepare(
            item,
            language=language,
            base=base,
            allow_private=opts.allow_private,
            credit=opts.credit,
            default_section=opts.default_section,
        )
    created: list[str] = []
    try:
        with transaction.atomic():
            if prep is not None:
                article = stories.write(prep, article, publish=True, created_files=created)
            entry = _save_entry(
                entry,
                item,
                _Stored(data, digest, sig, keys, folded),
                group,
                article,
                opts,
                raw,
                base,
            )
    except Exception:
        stories.delete_files(created)
        raise
    if group is not None and not make_story:
        return Outcome("duplicate", uri=item.uri, url=stories.url_of(_story(group)))
    action = "updated" if getattr(entry, "_existed", False) else "created"
    return Outcome(action, uri=item.uri, url=stories.url_of(article))


def _is_older(item: WireItem, entry: WireEntry) -> bool:
    """True when the stored version is newer than the one that just arrived (out of order)."""
    stored = (entry.item or {}).get("version_created")
    if item.version_created and stored:
        return item.version_created < datetime.fromisoformat(stored)
    if item.version.isdigit() and entry.version.isdigit():
        return int(item.version) < int(entry.version)
    return False


def _story(entry: WireEntry):
    """The live or draft story an entry (or its group's first entry) became."""
    if entry.article_id:
        return entry.article
    return entry.group.article if entry.group_id and entry.group.article_id else None


def _find_group(sig: tuple[int, ...], keys: list[int]) -> WireEntry | None:
    """The first entry of the group a new text belongs to, if any entry is near enough.

    One plain SQL query (candidates sharing a band, with their signatures): this runs for
    every incoming item, and the ORM's query building would cost more than the query.
    """
    if not keys:
        return None
    entries, bands = WireEntry._meta.db_table, WireBand._meta.db_table
    marks = ", ".join(["%s"] * len(keys))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, signature, group_id FROM {entries} WHERE id IN "  # noqa: S608 - names
            f"(SELECT entry_id FROM {bands} WHERE key IN ({marks})) LIMIT 200",
            keys,
        )
        rows = cursor.fetchall()
    best, best_score = None, dedupe.THRESHOLD
    for pk, packed, group_id in rows:
        score = dedupe.similarity(sig, dedupe.unpack(packed))
        if score >= best_score:
            best, best_score = group_id or pk, score
    return WireEntry.objects.get(pk=best) if best is not None else None


@dataclass
class _Stored:
    """What `store` computed once for an item and `_save_entry` writes."""

    data: dict
    digest: str
    sig: tuple[int, ...]
    keys: list[int]
    folded: str


def _save_entry(
    entry: WireEntry | None,
    item: WireItem,
    got: _Stored,
    group: WireEntry | None,
    article,
    opts: Options,
    raw: str,
    base: Path | None,
) -> WireEntry:
    existed = entry is not None
    entry = entry or WireEntry(uri=item.uri, source=opts.source)
    subject = item.subjects[0].name if item.subjects else ""
    status = WireEntry.NEW
    if article is not None:
        status = WireEntry.PUBLISHED if article.live or article.go_live_at else WireEntry.USED
    fields = dict(
        format=item.format,
        version=item.version,
        content_hash=got.digest,
        pub_status=item.pub_status,
        status=status,
        headline=item.headline,
        standfirst=item.standfirst,
        body_html=item.body_html,
        language=(item.language or opts.language).split("-")[0],
        section_name=(subject or (opts.default_section.title if opts.default_section else ""))[
            :200
        ],
        credit=(item.credit or opts.credit or (item.sources[0] if item.sources else ""))[:255],
        link=item.link,
        item=got.data,
        raw=raw,
        base_path=str(base or "")[:1000],
        search_text=got.folded[:100_000],
        signature=dedupe.pack(got.sig),
        group=group,
        article=article,
        first_created=item.first_created or item.version_created,
    )
    for key, value in fields.items():
        setattr(entry, key, value)
    entry.save()
    if existed:
        WireBand.objects.filter(entry=entry).delete()
    with connection.cursor() as cursor:  # plain SQL for the same reason as _find_group
        cursor.executemany(
            f"INSERT INTO {WireBand._meta.db_table} (key, entry_id) VALUES (%s, %s)",  # noqa: S608
            [(k, entry.pk) for k in got.keys],
        )
    entry._existed = existed
    return entry


def _withdraw(
    item: WireItem, entry: WireEntry | None, digest: str, opts: Options, raw: str
) -> Outcome:
    """A withheld or canceled item takes its story off the site, or is noted and skipped."""
    with transaction.atomic():
        article = entry.article if entry is not None else None
        if article is not None and article.live:
            article.unpublish(log_action=True)
        if entry is None:
            entry = WireEntry(
                uri=item.uri,
                source=opts.source,
                item=item_to_json(item),
                headline=item.headline,
                format=item.format,
                raw=raw,
            )
        entry.content_hash, entry.pub_status = digest, item.pub_status
        entry.version, entry.status = item.version, WireEntry.WITHDRAWN
        entry.save()
    return Outcome("unpublished" if article else "skipped", uri=item.uri)
