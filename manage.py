#!/usr/bin/env python
"""Django's command-line utility; `akhbar` (the console command) does the same."""

from akhbar.cli import main

if __name__ == "__main__":
    main()
