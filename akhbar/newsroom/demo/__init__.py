"""Demo edition content for akhbar.

``stories/`` holds original, fictional Urdu news stories written for this
project, one ninjs 3.1 JSON document per file (``NN-<slug>.json``). Their
feature images are not stored: :mod:`akhbar.newsroom.demo.pictures` renders
deterministic abstract illustrations for every rendition ``href``.

``editions/`` holds a few original stories for the other editions (English, Arabic,
Turkish; the file name starts with the language) and ``translations.json``, which says
which of them translate an Urdu story, so the demo shows linked translations.
"""

from pathlib import Path

STORIES_DIR = Path(__file__).parent / "stories"
EDITIONS_DIR = Path(__file__).parent / "editions"
TRANSLATIONS = EDITIONS_DIR / "translations.json"
