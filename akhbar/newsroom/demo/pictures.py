"""Placeholder pictures for the demo edition.

Every demo story's feature image is an abstract illustration generated with
Pillow alone: a two-colour gradient plus a handful of translucent geometric
shapes, all derived from a hash of the story slug, so the same slug always
yields the same picture. No text is drawn (the caption is only stored as a
JPEG comment), so no font is needed.

Usage::

    python -m akhbar.newsroom.demo.pictures OUT_DIR [STORIES_DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
from pathlib import Path, PurePosixPath

from PIL import Image, ImageDraw, ImageFilter

Colour = tuple[int, int, int]

# Hand-picked palettes; index 0 and 1 make the gradient, the rest the shapes.
PALETTES: tuple[tuple[Colour, ...], ...] = (
    ((14, 42, 71), (33, 97, 140), (242, 169, 59), (232, 93, 4), (255, 236, 179)),
    ((26, 67, 49), (74, 140, 92), (201, 228, 202), (247, 197, 72), (120, 72, 35)),
    ((60, 22, 66), (131, 56, 110), (255, 143, 171), (255, 209, 102), (6, 214, 160)),
    ((10, 61, 98), (60, 145, 230), (250, 250, 250), (242, 95, 92), (255, 224, 102)),
    ((87, 36, 24), (191, 92, 50), (244, 211, 94), (238, 150, 75), (34, 49, 63)),
    ((22, 36, 48), (55, 90, 110), (155, 196, 203), (227, 100, 20), (245, 235, 224)),
    ((42, 30, 92), (87, 70, 175), (126, 217, 195), (250, 170, 130), (255, 255, 255)),
    ((0, 78, 100), (0, 165, 207), (159, 255, 203), (37, 161, 142), (122, 229, 130)),
)


def _rng_for(slug: str) -> tuple[random.Random, tuple[Colour, ...]]:
    digest = hashlib.sha256(slug.encode("utf-8")).digest()
    palette = PALETTES[digest[0] % len(PALETTES)]
    return random.Random(int.from_bytes(digest[1:17], "big")), palette


def _gradient(size: tuple[int, int], start: Colour, end: Colour, rng: random.Random) -> Image.Image:
    width, height = size
    angle = rng.choice((0, 45, 90, 135, 180, 270))
    mask = Image.linear_gradient("L").rotate(angle, resample=Image.Resampling.BICUBIC)
    # The rotated square has empty corners; crop its middle before scaling.
    mask = mask.crop((48, 48, 208, 208)).resize((width, height), Image.Resampling.BICUBIC)
    return Image.composite(Image.new("RGB", size, end), Image.new("RGB", size, start), mask)


def _shapes(size: tuple[int, int], palette: tuple[Colour, ...], rng: random.Random) -> Image.Image:
    width, height = size
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    unit = min(width, height)
    for _ in range(rng.randint(4, 8)):
        colour = rng.choice(palette[2:])
        fill = (*colour, rng.randint(90, 200))
        cx, cy = rng.uniform(0, width), rng.uniform(0, height)
        r = rng.uniform(0.08, 0.35) * unit
        kind = rng.choice(("circle", "ring", "rect", "triangle", "band"))
        if kind == "circle":
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill)
        elif kind == "ring":
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=fill, width=max(2, int(r / 6)))
        elif kind == "rect":
            box = (cx - r, cy - r * 0.6, cx + r, cy + r * 0.6)
            draw.rounded_rectangle(box, radius=int(r / 5), fill=fill)
        elif kind == "triangle":
            points = [(cx + rng.uniform(-r, r), cy + rng.uniform(-r, r)) for _ in range(3)]
            draw.polygon(points, fill=fill)
        else:
            y = rng.uniform(0, height)
            end_y = y + rng.uniform(-0.5, 0.5) * height
            draw.line((0, y, width, end_y), fill=fill, width=max(3, int(r / 4)))
    return layer.filter(ImageFilter.GaussianBlur(radius=unit / 400))


def render_picture(slug: str, caption: str, width: int = 1200, height: int = 675) -> bytes:
    """Return JPEG bytes of a deterministic abstract illustration for ``slug``.

    The picture depends only on ``slug``, ``width`` and ``height``; the
    ``caption`` is embedded as a JPEG comment, never drawn.
    """
    if width <= 0 or height <= 0:
        raise ValueError(f"invalid picture size {width}x{height}")
    rng, palette = _rng_for(slug)
    size = (width, height)
    image = _gradient(size, palette[0], palette[1], rng).convert("RGBA")
    image = Image.alpha_composite(image, _shapes(size, palette, rng)).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80, optimize=True, comment=caption.encode("utf-8"))
    return buffer.getvalue()


def _caption(association: dict) -> str:
    for description in association.get("descriptions", []):
        if description.get("role") == "caption":
            return str(description.get("value", ""))
    return ""


def _safe_relative(href: str) -> PurePosixPath:
    path = PurePosixPath(href)
    if path.is_absolute() or ".." in path.parts or "://" in href or not path.parts:
        raise ValueError(f"rendition href must be a relative path: {href!r}")
    return path


def write_pictures(stories_dir: Path, out_dir: Path) -> list[Path]:
    """Render every featureimage rendition of the stories in ``stories_dir``.

    Each rendition's relative ``href`` (e.g. ``pictures/x.jpg``) is written
    under ``out_dir`` at the rendition's width and height. Returns the paths
    written, in story order.
    """
    written: list[Path] = []
    for story_path in sorted(Path(stories_dir).glob("*.json")):
        story = json.loads(story_path.read_text(encoding="utf-8"))
        for association in story.get("associations", []):
            if association.get("name") != "featureimage":
                continue
            caption = _caption(association)
            for rendition in association.get("renditions", []):
                relative = _safe_relative(rendition["href"])
                target = Path(out_dir).joinpath(*relative.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(
                    render_picture(
                        relative.stem,
                        caption,
                        int(rendition.get("width", 1200)),
                        int(rendition.get("height", 675)),
                    )
                )
                written.append(target)
    return written


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point: render all demo pictures into a folder."""
    from akhbar.newsroom.demo import STORIES_DIR

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("stories_dir", type=Path, nargs="?", default=STORIES_DIR)
    args = parser.parse_args(argv)
    for path in write_pictures(args.stories_dir, args.out_dir):
        print(path)


if __name__ == "__main__":
    main()
