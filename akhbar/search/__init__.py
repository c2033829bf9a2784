"""Urdu-aware full-text search: finds a story however its words are spelled."""
