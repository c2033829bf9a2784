"""Discover: the next stories worth reading under an article."""
