"""Check akhbar's ninjs export against IPTC's own JSON schema (outside the test suite).

Two ways to run it (reads IPTC's schema from ../shared, which a clean clone does not have,
hence a script and not a test):

    .venv/bin/python scripts/check_ninjs_export.py              # demo edition, every story
    .venv/bin/python scripts/check_ninjs_export.py FILE_OR_DIR  # exported documents

Without arguments it sets up a throwaway data directory, loads the demo edition
(`akhbar init`, `akhbar demo`), adds editor-made stories the demo lacks (no wire uri, a
subhead, a quote, tags, authors, a list) and exports every live story through the API
(`/api/v1/articles/<id>.ninjs` and the `Accept: application/ninjs+json` detail), then
validates each document with formats checked (uri, date-time). External `$ref`s in IPTC's
schema (GeoJSON for places) are answered with an empty schema so nothing is fetched;
akhbar never writes `places`. Exit status 1 when any document is invalid.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

import jsonschema_rs

CHECKOUT = Path(__file__).resolve().parent.parent
DEFAULT_SCHEMA = CHECKOUT.parent / "shared" / "ninjs" / "specification" / "ninjs-schema_3.1.json"


def validator(schema_path: Path):
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    return jsonschema_rs.validator_for(
        schema, validate_formats=True, retriever=lambda uri: {}  # no network
    )


def check(docs: list[tuple[str, dict]], schema_path: Path) -> int:
    """Print one line per document; return how many failed."""
    check_one = validator(schema_path)
    failed = 0
    for name, doc in docs:
        errors = list(check_one.iter_errors(doc))
        if errors:
            failed += 1
            print(f"INVALID {name}")
            for err in errors[:10]:
                print(f"    {'/'.join(map(str, err.instance_path)) or '(root)'}: {err.message}")
        else:
            print(f"ok      {name}")
    return failed


def read_files(paths: list[str]) -> list[tuple[str, dict]]:
    docs = []
    for raw in paths:
        path = Path(raw)
        files = sorted(path.rglob("*.json")) + sorted(path.rglob("*.ninjs")) if path.is_dir() \
            else [path]
        for f in files:
            data = json.loads(f.read_text(encoding="utf-8"))
            items = data if isinstance(data, list) else [data]
            docs += [(f"{f}[{i}]" if len(items) > 1 else str(f), d) for i, d in enumerate(items)]
    return docs


def export_demo() -> list[tuple[str, dict]]:
    """Every live story of a fresh demo edition, exported through the read API."""
    os.environ["AKHBAR_HOME"] = tempfile.mkdtemp(prefix="akhbar-ninjs-check-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "akhbar.settings.test")
    sys.path.insert(0, str(CHECKOUT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from akhbar.newsroom.models import SectionPage

    call_command("migrate", verbosity=0)
    call_command("init", verbosity=0)
    call_command("demo", verbosity=0)
    section = SectionPage.objects.live().filter(slug="saqafat").first()
    if section is not None:
        _editor_story(section)
    client = Client()
    docs = []
    page = client.get("/api/v1/articles?limit=100").json()
    stories = page["results"]
    while page["next"]:
        page = client.get(page["next"]).json()
        stories += page["results"]
    for story in stories:
        by_suffix = client.get(f"/api/v1/articles/{story['id']}.ninjs")
        by_accept = client.get(
            f"/api/v1/articles/{story['id']}", HTTP_ACCEPT="application/ninjs+json"
        )
        assert by_suffix.content == by_accept.content, story["id"]
        docs.append((f"article {story['id']} {story['headline'][:40]}", by_suffix.json()))
    return docs


def _editor_story(section) -> None:
    from akhbar.newsroom.models import ArticlePage, Author

    page = ArticlePage(
        headline="شہر کے پرانے کتب خانے کی مرمت مکمل، کل سے قارئین کے لیے کھلے گا",
        standfirst="مرمت پر دو برس لگے اور نادر قلمی نسخے محفوظ کمرے میں منتقل کیے گئے",
        body=[
            ("paragraph", "<p>کتب خانے کی عمارت سو برس سے زیادہ پرانی ہے۔</p>"),
            ("subhead", "نسخوں کی حفاظت"),
            ("quote", {"text": "یہ شہر کی یادداشت ہے۔", "attribution": "لائبریرین"}),
            ("paragraph", "<ul><li>مطالعے کا نیا ہال</li><li>بچوں کا گوشہ</li></ul>"),
        ],
    )
    section.add_child(instance=page)
    page.authors.set([Author.objects.get_or_create(name="ثقافتی نامہ نگار")[0]])
    page.tags.set(["کتب خانہ"])
    page.save_revision().publish()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="exported ninjs files or folders")
    parser.add_argument("--schema", type=Path, default=DEFAULT_SCHEMA)
    args = parser.parse_args()
    if not args.schema.is_file():
        print(f"IPTC schema not found: {args.schema}", file=sys.stderr)
        return 2
    docs = read_files(args.paths) if args.paths else export_demo()
    if not docs:
        print("no documents to check", file=sys.stderr)
        return 2
    failed = check(docs, args.schema)
    print(f"{len(docs) - failed}/{len(docs)} valid under {args.schema.name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
