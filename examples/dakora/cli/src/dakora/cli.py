"""Entry point of the ``dakora`` command."""

from __future__ import annotations

import argparse
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dakora",
        description="Manage prompts and templates on a Dakora server.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("init", help="create a dakora.yaml in the current directory")
    sub.add_parser("status", help="show the configured server")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # --help prints usage and exits 0
    if args.command is None:
        parser.print_help()
        return 0
    print(f"dakora {args.command}: nothing to do in the example project")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
