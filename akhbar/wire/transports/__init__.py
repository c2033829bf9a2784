"""How wire documents reach us (files, HTTP), kept apart from what format they are in."""
