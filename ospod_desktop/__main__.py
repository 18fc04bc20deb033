"""Entry point of the `ospod-desktop` console script: the GUI, or a CLI sub-command.

Kept import-light: the GUI path must paint its first window before sqlmodel is imported.
"""

from __future__ import annotations

import os
import sys

SUBCOMMANDS = {"init", "demo", "verify", "backup", "import", "duplicates", "list", "policy", "due", "catalogue",
               "export", "disclosures", "accept-loss", "restore", "recovery-code"}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    os.umask(0o077)  # every file the app makes is owner-only
    if args and args[0] in SUBCOMMANDS:
        from ospod_desktop.cli import run_cli

        return run_cli(args)
    from ospod_desktop.app import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
