"""Settings per environment: base (shared), dev, test, production.

The embedded default (one machine, SQLite, in-process tasks) is what `base` gives with no
environment variables set; `production` adds what a newsroom needs once it outgrows that.
"""
