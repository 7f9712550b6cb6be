"""Add sha256 hashes from PyPI to exact pins, for `pip install --require-hashes` (used by `make lock`).

    python scripts/lock_hashes.py PINS -o requirements.lock [--header TEXT]
    python scripts/lock_hashes.py --build-requires   # prints [build-system] requires of pyproject.toml

PINS holds one `name==version` a line (the output of `pip freeze`). Every pin gets the hash of
every file PyPI has for that release (all wheels and the sdist), so the lock installs on any
platform PyPI has a file for, not only on the machine that wrote it. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

PYPI = "https://pypi.org/pypi"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)\s*$")
HEADER = "# Exact versions and hashes of every dependency (make html / make test install these). Regenerate with: make lock"


def _get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=60) as response:
        return json.load(response)


def release_files(name: str, version: str) -> list[dict]:
    """The files of one release, from PyPI's JSON API."""
    quoted = urllib.parse.quote(name), urllib.parse.quote(version)
    try:
        return _get_json(f"{PYPI}/{quoted[0]}/{quoted[1]}/json")["urls"]
    except urllib.error.HTTPError as error:
        if error.code != 404:
            raise
    # Some mirrors serve only the project document; its "releases" lists the files of every version.
    files = _get_json(f"{PYPI}/{quoted[0]}/json").get("releases", {}).get(version)
    if not files:
        raise SystemExit(f"error: PyPI has no files for {name}=={version}")
    return files


def hashed_pin(name: str, version: str) -> str:
    digests = sorted({f["digests"]["sha256"] for f in release_files(name, version) if not f.get("yanked")})
    if not digests:
        raise SystemExit(f"error: every file of {name}=={version} is yanked")
    return " \\\n".join([f"{name}=={version}", *(f"    --hash=sha256:{d}" for d in digests)])


def read_pins(path: Path) -> list[tuple[str, str]]:
    pins = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = PIN.match(line)
        if not match:
            raise SystemExit(f"error: {path}:{number}: not an exact name==version pin: {line}")
        pins.append((match[1], match[2]))
    return sorted(pins, key=lambda pin: pin[0].lower())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pins", nargs="?", type=Path, help="file of name==version lines")
    parser.add_argument("-o", "--output", type=Path, help="write here (only once every hash is known) instead of stdout")
    parser.add_argument("--header", default=HEADER, help="comment line at the top")
    parser.add_argument("--build-requires", action="store_true", help="print the build requirements of pyproject.toml")
    args = parser.parse_args()
    if args.build_requires:
        with open("pyproject.toml", "rb") as file:
            print("\n".join(tomllib.load(file)["build-system"]["requires"]))
        return 0
    if args.pins is None:
        parser.error("PINS is required")
    header = args.header if args.header.startswith("#") else f"# {args.header}"
    text = "\n".join([header, *(hashed_pin(name, version) for name, version in read_pins(args.pins))]) + "\n"
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
