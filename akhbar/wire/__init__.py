"""The wire desk: agency copy in every format we take, parsed purely and stored safely.

Formats live in `wire.formats` (pure parsers, no database, no settings), each producing
the same `WireItem`; `wire.ingest` turns items into newsroom stories.
"""
