#!/usr/bin/env python
"""Django's command-line utility. Starts embedded PostgreSQL/Redis first when their URLs are unset."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interact_portal.settings")
    from interact_portal.embedded import ensure_services

    ensure_services()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
