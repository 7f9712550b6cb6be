"""Command line of the strict build: python -m handbook_build BUILDER SRCDIR OUTDIR [options] [-- sphinx-build options]."""

from __future__ import annotations

import argparse
import shlex
import sys

from . import STRICT, arguments


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # Everything after "--" goes to sphinx-build as it is (the Makefile's SPHINXOPTS), after the strict options.
    extra: list[str] = []
    if "--" in argv:
        at = argv.index("--")
        argv, extra = argv[:at], argv[at + 1 :]
    parser = argparse.ArgumentParser(prog="python -m handbook_build", description=__doc__.splitlines()[0])
    parser.add_argument("--flags", action="store_true", help=f"print the strict options ({' '.join(STRICT)}) and stop")
    parser.add_argument("builder", nargs="?", help="html, text, latex, ...")
    parser.add_argument("srcdir", nargs="?")
    parser.add_argument("outdir", nargs="?")
    parser.add_argument("-c", dest="confdir", metavar="CONFDIR", help="the folder of conf.py (default: SRCDIR)")
    parser.add_argument("-d", dest="doctrees", metavar="DOCTREES", help="the doctree cache (default: OUTDIR/.doctrees)")
    parser.add_argument("-j", dest="jobs", default="auto", help="parallel processes, or auto (default: auto)")
    parser.add_argument(
        "-D", dest="define", action="append", default=[], metavar="NAME=VALUE", help="override a configuration value (repeatable)"
    )
    parser.add_argument("-q", dest="quiet", action="store_true", help="only warnings and errors")
    parser.add_argument("--dry-run", action="store_true", help="print the sphinx-build command instead of running it")
    args = parser.parse_args(argv)
    if args.flags:
        print(" ".join(STRICT))
        return 0
    if not (args.builder and args.srcdir and args.outdir):
        parser.error("BUILDER, SRCDIR and OUTDIR are required")
    build_args = arguments(
        args.srcdir,
        args.outdir,
        builder=args.builder,
        confdir=args.confdir,
        doctrees=args.doctrees,
        jobs=args.jobs,
        define=args.define,
        quiet=args.quiet,
        extra=extra,
    )
    if args.dry_run:
        print(shlex.join(["sphinx-build", *build_args]))
        return 0
    from sphinx.cmd.build import build_main

    return build_main(build_args)


if __name__ == "__main__":
    sys.exit(main())
