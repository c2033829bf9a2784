"""Build the site's web fonts: each edition's face cut down to what its pages need.

Run by `make assets` (never per request: subsetting the Nastaliq file takes ~45 s of CPU).
Reads the OFL font files that the npm packages `@fontsource/noto-nastaliq-urdu` (Urdu),
`@fontsource/noto-naskh-arabic` (Arabic) and `@fontsource/noto-serif` (English, Turkish)
install in node_modules/ and writes, into the static fonts folder (a build output git ignores):

- `nastaliq-urdu-400.woff2`: the Arabic-script file subset to the Urdu ranges, with every
  OpenType layout feature kept (Nastaliq is nothing without its GSUB/GPOS: cursive joining,
  the sloping baseline, nukta placement) and hinting dropped (browsers ignore it for woff2
  text this size).
- `nastaliq-digits-400.woff2`: ASCII digits and punctuation from the package's Latin file,
  so "22 مارچ 2025" inside Urdu text stays in the Nastaliq family's own figures; a few KB.
- `naskh-arabic-400.woff2`, `naskh-arabic-700.woff2`: Noto Naskh Arabic for the Arabic
  edition, the same Arabic ranges with every layout feature kept (Naskh headlines are bold).
- `serif-latin-400.woff2`, `serif-latin-700.woff2`: Noto Serif, Latin-1 and general
  punctuation, for the English and Turkish editions (ı U+0131 is in this file).
- `serif-turkish-400.woff2`, `serif-turkish-700.woff2`: only Turkish's other letters
  (Ğ ğ İ Ş ş) from the Latin Extended file, loaded by unicode-range when a page uses them.
- `LICENSE` (Nastaliq), `LICENSE-naskh`, `LICENSE-serif`: each font's licence travels with it.

Only one Nastaliq weight is built: Nastaliq headlines are set by size, not weight, and a
second weight would double the bytes a reader pays on first view.

Incremental: a digest of the input files and of this script is written beside the
outputs; when it matches, the script exits at once (`--force` rebuilds anyway).
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FONTSOURCE = ROOT / "node_modules" / "@fontsource"
OUT = ROOT / "akhbar" / "site" / "static" / "akhbar" / "fonts"

# The word space and no-break space (so Urdu words and their spaces shape as one run in one
# font), Arabic, Arabic Supplement, presentation forms A and B, zero-width (non)joiner and
# the bidi marks: ZWNJ (U+200C) is everyday Urdu spelling, so it must stay.
URDU_RANGES = [
    (0x0020, 0x0020),
    (0x00A0, 0x00A0),
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
]
MARKS = [(0x200C, 0x200F)]
# ASCII punctuation and digits (U+0021–0040); the space comes from the Urdu file.
ASCII_FIGURES = [(0x0021, 0x0040)]

# Latin-1 and the punctuation a news page uses (dashes, quotes, ellipsis), plus dotless ı.
LATIN = [(0x0020, 0x007E), (0x00A0, 0x00FF), (0x0131, 0x0131), (0x0152, 0x0153),
         (0x2000, 0x206F), (0x20AC, 0x20AC), (0x2122, 0x2122)]
TURKISH = [(0x011E, 0x011F), (0x0130, 0x0130), (0x015E, 0x015F)]

# output name: (npm package under @fontsource, file in its files/ folder, ranges)
TARGETS = {
    "nastaliq-urdu-400.woff2": (
        "noto-nastaliq-urdu", "noto-nastaliq-urdu-arabic-400-normal.woff2", URDU_RANGES + MARKS
    ),
    "nastaliq-digits-400.woff2": (
        "noto-nastaliq-urdu", "noto-nastaliq-urdu-latin-400-normal.woff2", ASCII_FIGURES
    ),
    "naskh-arabic-400.woff2": (
        "noto-naskh-arabic", "noto-naskh-arabic-arabic-400-normal.woff2", URDU_RANGES + MARKS
    ),
    "naskh-arabic-700.woff2": (
        "noto-naskh-arabic", "noto-naskh-arabic-arabic-700-normal.woff2", URDU_RANGES + MARKS
    ),
    "serif-latin-400.woff2": ("noto-serif", "noto-serif-latin-400-normal.woff2", LATIN),
    "serif-latin-700.woff2": ("noto-serif", "noto-serif-latin-700-normal.woff2", LATIN),
    "serif-turkish-400.woff2": ("noto-serif", "noto-serif-latin-ext-400-normal.woff2", TURKISH),
    "serif-turkish-700.woff2": ("noto-serif", "noto-serif-latin-ext-700-normal.woff2", TURKISH),
}
LICENSES = {"noto-nastaliq-urdu": "LICENSE", "noto-naskh-arabic": "LICENSE-naskh",
            "noto-serif": "LICENSE-serif"}
DIGEST_FILE = ".subset-digest"


def codepoints(ranges: list[tuple[int, int]]) -> list[int]:
    """Every code point in the inclusive ranges."""
    return [cp for lo, hi in ranges for cp in range(lo, hi + 1)]


def unicode_range(ranges: list[tuple[int, int]]) -> str:
    """The CSS `unicode-range` value for ranges, e.g. `U+0600-06FF, U+200C-200F`."""
    parts = []
    for lo, hi in ranges:
        parts.append(f"U+{lo:04X}" if lo == hi else f"U+{lo:04X}-{hi:04X}")
    return ", ".join(parts)


def subset(source: Path, target: Path, ranges: list[tuple[int, int]]) -> int:
    """Write `source` subset to `ranges` as woff2 at `target`; returns the size in bytes."""
    from fontTools import subset as ft_subset

    options = ft_subset.Options()
    options.layout_features = ["*"]  # keep every GSUB/GPOS feature: Nastaliq needs them
    options.layout_scripts = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    options.flavor = "woff2"
    font = ft_subset.load_font(str(source), options)
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints(ranges))
    subsetter.subset(font)
    tmp = target.with_suffix(".tmp")
    ft_subset.save_font(font, str(tmp), options)
    tmp.replace(target)  # atomic: a half-written font is never served
    return target.stat().st_size


def digest(fontsource: Path) -> str:
    """A digest of every input: the source fonts, their licences and this script."""
    h = hashlib.sha256()
    inputs = {f"{pkg}/files/{src}" for pkg, src, _ in TARGETS.values()}
    inputs |= {f"{pkg}/LICENSE" for pkg in LICENSES}
    for name in sorted(inputs):
        h.update(name.encode())
        h.update((fontsource / name).resolve().read_bytes())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()


def build(fontsource: Path, out: Path, force: bool = False) -> dict[str, int]:
    """Build every target unless the recorded digest says they are current."""
    for package in LICENSES:
        if not (fontsource / package / "files").is_dir():
            raise SystemExit(f"{fontsource / package} is missing: run `npm ci` (make assets does)")
    out.mkdir(parents=True, exist_ok=True)
    want = digest(fontsource)
    stamp = out / DIGEST_FILE
    current = all((out / name).exists() for name in TARGETS)
    if not force and current and stamp.exists() and stamp.read_text().strip() == want:
        return {}
    sizes = {}
    for name, (package, source, ranges) in TARGETS.items():
        sizes[name] = subset(fontsource / package / "files" / source, out / name, ranges)
    for package, licence in LICENSES.items():
        shutil.copyfile(fontsource / package / "LICENSE", out / licence)
    stamp.write_text(want + "\n")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fontsource", type=Path, default=FONTSOURCE,
                        help="node_modules/@fontsource, holding the font packages")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--force", action="store_true", help="rebuild even if current")
    args = parser.parse_args(argv)
    sizes = build(args.fontsource, args.out, force=args.force)
    if not sizes:
        print(f"fonts in {args.out} are current")
    for name, size in sizes.items():
        print(f"{name}: {size / 1024:.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
