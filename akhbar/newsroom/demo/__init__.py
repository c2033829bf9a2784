"""Demo edition content for akhbar.

``stories/`` holds original, fictional Urdu news stories written for this
project, one ninjs 3.1 JSON document per file (``NN-<slug>.json``). Their
feature images are not stored: :mod:`akhbar.newsroom.demo.pictures` renders
deterministic abstract illustrations for every rendition ``href``.
"""

from pathlib import Path

STORIES_DIR = Path(__file__).parent / "stories"
