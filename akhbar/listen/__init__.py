"""Listen: every story spoken in Urdu, offline, kept in step with its text."""
