"""akhbar (اخبار): an Urdu-first, right-to-left-native newsroom and news website."""

__version__ = "0.1.0"
