"""The site layer: the base right-to-left layout, site-wide CSS and self-hosted fonts."""
