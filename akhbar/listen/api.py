"""The listen part of the read API /api/v1/ (mounted in akhbar/api.py)."""

from ninja import Router

router = Router(tags=["listen"])
