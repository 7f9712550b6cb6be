"""Adversarial run of the checklist extension: malformed YAML files and hostile content, counted.

    .venv/bin/python scripts/adversarial.py [--project DIR] [--no-browser] [--json OUT]

Part 1 feeds malformed checklist files (hand-written cases and seeded mutations of the real
checklists) to the loader that both the build and ``python -m sphinx_checklist check`` use, and
counts: rejected cleanly (a problem with a line), passed silently (loaded, but holding a value
that breaks pages or the JSON export), crashed (an exception). Part 2 builds a small handbook once
per content payload (raw HTML, script links, directives that read files, recursion...) and counts:
rejected cleanly (a warning naming the YAML file and line, nothing live in the page), inert (shown
as text), live markup (dangerous markup in the page or in checklists.json), reached outside (a file
from outside the project in the output), executed (ran in Chromium, with or without a CSP header),
crashed (the build failed with a traceback or a resource limit). ``--project`` measures another
checkout (for before/after numbers).

Part 3 runs the surface modules beside this script (``adversarial_<surface>.py``: the command line and
configuration, contributors' messages, saved answers in the browser, Compare and printing), each a list
of cases with one verdict: clean, crashed (a traceback, an uncaught page error), silent (bad input
accepted without a word), lost (answers gone), frozen (a hang or a main-thread task over 200 ms).
``--surfaces a,b`` picks some; ``--before DIR`` runs the same cases on an older checkout too and prints
both tables side by side.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent.parent
MARK = "alert(1)"

# ---------------------------------------------------------------- part 1: malformed files

HAND_WRITTEN = {
    "empty": "",
    "null document": "~\n",
    "explicit null document": "--- \n...\n",
    "two documents": "id: a\n---\nid: b\n",
    "a list": "- a\n- b\n",
    "a scalar": "just words\n",
    "tab indentation": "id: x\n\ttitle: y\n",
    "integer keys": "1: a\n2: b\n",
    "mixed keys": "id: x\n1: a\n",
    "mapping as key": "? {a: b}\n: c\n",
    "list as key": "? [a]\n: c\n",
    "self alias": "&a [*a]\n",
    "alias bomb": "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
    "python tag": "!!python/object/apply:os.system [echo hi]\n",
    "binary tag": "id: !!binary aGVsbG8=\n",
    "set tag": "id: !!set {a, b}\n",
    "deep nesting": "a: " + "[" * 3000 + "]" * 3000 + "\n",
    "bad utf-8": b"id: \xff\xfe\n".decode("latin-1"),
    "bom": "\ufeffid: x\n",
    "merge key": "base: &b {id: x}\n<<: *b\n",
}

WEIRD_VALUES = [
    ".nan",
    ".inf",
    "-.inf",
    "~",
    "''",
    "' '",
    '"\\t"',
    '"a\\nb"',
    '"x\\n"',
    '"\\u0000x"',
    '"\\u001bx"',
    "[]",
    "{}",
    "[1, [2]]",
    "{a: {b: c}}",
    "2001-12-14",
    "0x1F",
    "1e400",
    "-0",
    "true",
    "no",
    "!!binary aGk=",
    "&x 1",
    "*nope",
    '"' + "w" * 200_000 + '"',
    '"\\u202eevil"',
    "!!str 12",
    "? a",
    "|\n  a\n  b",
]

FIELDS = [
    "id",
    "title",
    "description",
    "version",
    "kind",
    "text",
    "summary",
    "guidance",
    "weights",
    "value",
    "label",
    "source",
    "report",
    "section",
    "roles",
    "stage",
    "choices",
    "low_below",
    "pages",
    "group",
]


def mutations(rng: random.Random, text: str, count: int) -> list[tuple[str, str]]:
    """Seeded mutations of one real checklist: values replaced, lines dropped or repeated, indentation shifted."""
    lines = text.splitlines(keepends=True)
    out = []
    for n in range(count):
        kind = n % 5
        new = list(lines)
        if kind == 0:  # a value replaced by a weird one
            field = rng.choice(FIELDS)
            spots = [i for i, line in enumerate(new) if re.match(rf"\s*(- )?{field}:", line)]
            if not spots:
                continue
            i = rng.choice(spots)
            head = new[i].split(":", 1)[0]
            new[i] = f"{head}: {rng.choice(WEIRD_VALUES)}\n"
            name = f"{field} = weird value"
        elif kind == 1:  # a line dropped
            i = rng.randrange(len(new))
            del new[i]
            name = "line dropped"
        elif kind == 2:  # a line repeated
            i = rng.randrange(len(new))
            new.insert(i, new[i])
            name = "line repeated"
        elif kind == 3:  # indentation shifted
            i = rng.randrange(len(new))
            new[i] = (" " if rng.random() < 0.5 else "") + new[i][rng.choice([0, 2]) :]
            name = "indentation shifted"
        else:  # a character changed
            i = rng.randrange(len(new))
            line = new[i]
            if len(line) < 2:
                continue
            j = rng.randrange(len(line) - 1)
            new[i] = line[:j] + rng.choice(":-[]{}&*!|>'\"#%@` \t") + line[j + 1 :]
            name = "character changed"
        out.append((name, "".join(new)))
    return out


# Values that once loaded without complaint and then broke pages or the export: (name, file, old, new).
TARGETED = [
    ("id ending in a line break", "before-convening", "id: before-convening\n", 'id: "before-convening\\n"\n'),
    (
        "section id ending in a line break",
        "before-convening",
        "- id: ",
        '- id: "x\\n"\n        _: ',
    ),
    ("blank title", "before-convening", "title: ", 'title: "   "\n_: '),
    ("blank item text", "before-convening", "text: ", 'text: " "\n        _: '),
    ("NaN weight", "lp-archetype-fit", "weights: {practice-partner: 3,", "weights: {practice-partner: .nan,"),
    ("infinite weight", "lp-archetype-fit", "weights: {practice-partner: 3,", "weights: {practice-partner: .inf,"),
    ("control character in text", "before-convening", "text: ", 'text: "\\u0007bell"\n        _: '),
    ("bidi override in title", "before-convening", "title: ", 'title: "\\u202eevil"\n_: '),
    ("200,000-character title", "before-convening", "title: ", 'title: "' + "T" * 200_000 + '"\n_: '),
    ("self-referencing anchor in a list", "before-convening", "audience: ", "audience: &a [*a]\n_: "),
]


def targeted_cases() -> list[tuple[str, str, str]]:
    cases = []
    for name, stem, old, new in TARGETED:
        text = (HERE / "checklists" / f"{stem}.yaml").read_text(encoding="utf-8")
        if old in text:
            # "_:" swallows the rest of the original line, so only the value under test changes.
            cases.append((name, stem, text.replace(old, new, 1).replace("\n_: ", "\n# ", 1).replace("\n        _: ", "\n        # ", 1)))
    return cases


def malformed_cases(seed: int = 12) -> list[tuple[str, str, str]]:
    """(name, file stem, text): hand-written cases, targeted values, then mutations of every real checklist."""
    rng = random.Random(seed)
    cases = [(name, "x", text) for name, text in HAND_WRITTEN.items()] + targeted_cases()
    for path in sorted((HERE / "checklists").glob("*.yaml")):
        for name, text in mutations(rng, path.read_text(encoding="utf-8"), 8):
            cases.append((f"{path.stem}: {name}", path.stem, text))
    return cases


def _bad_values(value, path=()) -> list[str]:
    """Values a loaded checklist should never hold: non-finite numbers, control characters, blank text, huge text."""
    found = []
    if isinstance(value, dict):
        for key, child in value.items():
            found += _bad_values(child, (*path, key))
    elif isinstance(value, (list, tuple)):
        for index, child in enumerate(value):
            found += _bad_values(child, (*path, index))
    elif isinstance(value, float) and not math.isfinite(value):
        found.append(f"{path}: non-finite number")
    elif isinstance(value, str):
        if re.search(r"[\x00-\x08\x0b-\x1f\x7f]", value) or (path and path[-1] in ("id",) and "\n" in value):
            found.append(f"{path}: control character")
        if path and path[-1] in ("text", "title", "label", "summary") and not value.strip():
            found.append(f"{path}: blank text")
        if len(value) > 20_000:
            found.append(f"{path}: {len(value)} characters")
    return found


def run_malformed(out: Counter, details: list) -> None:
    from dataclasses import asdict

    from sphinx_checklist.registry import load_checklist

    with tempfile.TemporaryDirectory() as tmp:
        for name, stem, text in malformed_cases():
            path = Path(tmp) / f"{stem}.yaml"
            path.write_text(text, encoding="utf-8")
            try:
                checklist, problems = load_checklist(path)
            except BaseException as exc:
                out["crashed"] += 1
                details.append(("malformed", name, "crashed", f"{type(exc).__name__}: {str(exc)[:120]}"))
                continue
            if problems:
                ok = all(p.line >= 1 and p.message for p in problems)
                out["rejected cleanly" if ok else "rejected without a line"] += 1
                continue
            data = asdict(checklist)
            bad = _bad_values(data)
            try:
                json.dumps(data, default=str, allow_nan=False)
            except ValueError:
                bad.append("invalid JSON export")
            if bad:
                out["passed silently"] += 1
                details.append(("malformed", name, "passed silently", "; ".join(bad)[:160]))
            else:
                out["loaded (valid)"] += 1


# ---------------------------------------------------------------- part 2: content payloads

# (name, field, payload); the field is where in tasks.yaml the payload goes.
PAYLOADS = [
    ("img onerror", "text", f'<img src=x onerror="{MARK}">'),
    ("img onerror", "guidance", f'<img src=x onerror="{MARK}">'),
    ("img onerror", "description", f'<img src=x onerror="{MARK}">'),
    ("img onerror", "section description", f'<img src=x onerror="{MARK}">'),
    ("script", "text", f"<script>{MARK}</script>"),
    ("script", "guidance", f"<script>{MARK}</script>"),
    ("script", "description", f"<script>{MARK}</script>"),
    ("base tag", "text", '<base href="http://evil.invalid/">'),
    ("base tag", "guidance", '<base href="http://evil.invalid/">'),
    ("svg onload", "text", f'<svg onload="{MARK}"></svg>'),
    ("svg onload", "guidance", f'<svg onload="{MARK}"></svg>'),
    ("iframe", "guidance", f'<iframe src="javascript:{MARK}"></iframe>'),
    ("details ontoggle", "text", f'<details open ontoggle="{MARK}">x</details>'),
    ("a javascript", "text", f'<a href="javascript:{MARK}">x</a>'),
    ("md link javascript", "text", f"[click](javascript:{MARK})"),
    ("md link javascript", "guidance", f"[click](javascript:{MARK})"),
    ("md link JaVaScRiPt", "text", f"[click](JaVaScRiPt:{MARK})"),
    ("md link angle javascript", "text", f"[click](<javascript:{MARK}>)"),
    ("autolink javascript", "text", f"<javascript:{MARK}>"),
    ("md link vbscript", "text", "[click](vbscript:msgbox)"),
    ("md link data html", "text", "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
    ("md image data svg", "guidance", "![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)"),
    ("md image remote", "guidance", "![x](http://evil.invalid/x.png)"),
    ("md image outside", "guidance", "![x](/etc/hostname)"),
    ("md image outside relative", "guidance", "![x](../../../../../../etc/hostname)"),
    ("include directive", "guidance", "```{include} /etc/hostname\n```"),
    ("literalinclude directive", "guidance", "```{literalinclude} /etc/hostname\n```"),
    ("csv-table file", "guidance", "```{csv-table}\n:file: /etc/hostname\n```"),
    ("figure outside", "guidance", "```{figure} /etc/hostname\n```"),
    ("image remote", "guidance", "```{image} http://evil.invalid/x.png\n```"),
    ("raw directive", "guidance", f'```{{raw}} html\n<img src=x onerror="{MARK}">\n```'),
    ("eval-rst raw", "guidance", f'```{{eval-rst}}\n.. raw:: html\n\n   <img src=x onerror="{MARK}">\n```'),
    ("eval-rst include", "guidance", "```{eval-rst}\n.. include:: /etc/hostname\n```"),
    ("download role outside", "guidance", "{download}`/etc/hostname`"),
    ("checklist in its own guidance", "guidance", "```{checklist} tasks\n```"),
    ("checklist-index in guidance", "guidance", "```{checklist-index}\n```"),
    ("style block", "guidance", "<style>body{display:none}</style>"),
    ("form", "guidance", '<form action="http://evil.invalid/"><input name=q></form>'),
    ("object", "guidance", '<object data="http://evil.invalid/x.swf"></object>'),
    ("meta refresh", "guidance", '<meta http-equiv="refresh" content="0;url=http://evil.invalid/">'),
    ("target line", "guidance", "(guide-prepare)=\nA paragraph that steals a label."),
    ("img in title", "title", f'<img src=x onerror="{MARK}">'),
    ("img in section title", "section title", f'<img src=x onerror="{MARK}">'),
    ("img in choice label", "choice label", f'<img src=x onerror="{MARK}">'),
    ("img in summary", "summary", f'<img src=x onerror="{MARK}">'),
    ("entity text", "text", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("huge title", "title", "T" * 200_000),
]

SCHEMES = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)
ACTIVE_TAGS = {"script", "iframe", "object", "embed", "base", "meta", "form", "style", "svg", "details", "img", "link"}
# Markup-looking text in the JSON export, which other tools may paste into pages.
JSON_MARKUP = re.compile(r"<(script|img|iframe|svg|base|object|style|form|meta|a|details)\b", re.IGNORECASE)


def live_markup(html: str) -> list[str]:
    """Elements and attributes that can run or load something, inside the checklists' part of a page."""
    from bs4 import BeautifulSoup

    found = []
    for root in BeautifulSoup(html, "html.parser").select("article"):
        for tag in root.find_all(True):
            if tag.name in ACTIVE_TAGS and not (
                tag.name == "img" and not tag.get("onerror") and str(tag.get("src", "")).startswith("_images/")
            ):
                found.append(f"<{tag.name}>")
            for attr, value in tag.attrs.items():
                if attr.lower().startswith("on"):
                    found.append(f"{attr}=")
                if attr in ("href", "src", "action", "data") and SCHEMES.match(str(value)):
                    found.append(f"{attr}={str(value)[:20]}")
    return found


def _place(data: dict, field: str, payload: str) -> None:
    section, item = data["sections"][0], data["sections"][0]["items"][0]
    if field == "description":
        data["description"] = payload
    elif field == "title":
        data["title"] = payload
    elif field == "section description":
        section["description"] = payload
    elif field == "section title":
        section["title"] = payload
    elif field == "choice label":
        section["items"][2]["choices"][0]["label"] = payload
    else:
        item[field] = payload


def build_payload(root: Path, name: str, field: str, payload: str, project: Path) -> dict:
    src = root / "src"
    shutil.copytree(HERE / "tests" / "roots" / "test-browser", src)
    tasks = src / "checklists" / "tasks.yaml"
    data = yaml.safe_load(tasks.read_text(encoding="utf-8"))
    _place(data, field, payload)
    tasks.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(project / "ext")}
    try:
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                "import resource,sys; resource.setrlimit(resource.RLIMIT_AS, (3<<30, 3<<30)); "
                "sys.setrecursionlimit(3000); from sphinx.cmd.build import main; sys.exit(main(sys.argv[1:]))",
                "-q",
                "-b",
                "html",
                "-d",
                str(root / "doctrees"),
                str(src),
                str(root / "html"),
            ],
            capture_output=True,
            text=True,
            timeout=180,
            env=env,
            check=False,
        )
        stderr, code = result.stderr, result.returncode
    except subprocess.TimeoutExpired:
        stderr, code = "timeout", -1
    record = {
        "name": name,
        "field": field,
        "warnings": [line for line in stderr.splitlines() if "WARNING" in line],
        "crashed": code not in (0, 1)
        or "Traceback" in stderr
        or "Exception occurred" in stderr
        or "RecursionError" in stderr
        or "MemoryError" in stderr,
        "html": root / "html",
    }
    record["located"] = any("tasks.yaml:" in w for w in record["warnings"])
    pages = [p.read_text(encoding="utf-8", errors="replace") for p in (root / "html").rglob("*.html")]
    export = root / "html" / "checklists.json"
    record["live"] = [found for p in pages for found in live_markup(p)]
    if export.is_file() and JSON_MARKUP.search(export.read_text(encoding="utf-8")):
        record["live"].append("markup in checklists.json")
    hostname = Path("/etc/hostname").read_text(encoding="utf-8").strip() if Path("/etc/hostname").is_file() else "\0"
    copied = [p for p in (root / "html").rglob("*") if p.is_file() and p.name == "hostname"]
    record["outside"] = bool(copied) or any(f"<p>{hostname}</p>" in p or f">{hostname}\n<" in p for p in pages)
    record["size"] = sum(len(p) for p in pages)
    return record


def browse(records: list[dict]) -> None:
    """Open each built index page in Chromium, with and without the CSP header; note any alert or foreign request."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    def serve(directory: Path, csp: bool):
        class Handler(http.server.SimpleHTTPRequestHandler):
            def end_headers(self):
                if csp:
                    self.send_header("Content-Security-Policy", "default-src 'self'")
                super().end_headers()

            def log_message(self, *args):
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for record in records:
            record["executed"] = []
            if not (record["html"] / "index.html").is_file():
                continue
            for csp in (True, False):
                server = serve(record["html"], csp)
                page = browser.new_page()
                fired = []
                page.on("dialog", lambda d, fired=fired: (fired.append("alert"), d.dismiss()))
                page.on(
                    "request",
                    lambda r, fired=fired: (
                        fired.append("request " + r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None
                    ),
                )
                page.route("**/*", lambda route: route.abort() if "127.0.0.1" not in route.request.url else route.continue_())
                try:
                    page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html", wait_until="load", timeout=15000)
                    page.wait_for_timeout(300)
                except Exception as exc:
                    fired.append(f"navigation {type(exc).__name__}")
                if fired:
                    record["executed"].append(("with CSP" if csp else "without CSP", fired[0]))
                page.close()
                server.shutdown()
        browser.close()


def classify(record: dict) -> str:
    if record["crashed"]:
        return "crashed"
    if record.get("executed"):
        return "executed"
    if record["outside"]:
        return "reached outside"
    if record["live"]:
        return "live markup"
    if record["located"]:
        return "rejected cleanly"
    return "inert (shown as text)"


def run_payloads(out: Counter, details: list, project: Path, browser: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        records = []
        for index, (name, field, payload) in enumerate(PAYLOADS):
            records.append(build_payload(Path(tmp) / str(index), name, field, payload, project))
        if browser:
            browse(records)
        for record in records:
            verdict = classify(record)
            out[verdict] += 1
            if verdict not in ("rejected cleanly",):
                why = record.get("executed") or record["live"][:3] or record["warnings"][:1] or ""
                details.append(("payload", f"{record['name']} in {record['field']}", verdict, str(why)[:160]))


# ---------------------------------------------------------------- part 3: surfaces

#: The surface modules beside this script, in the order of issue 18, and the name each has in the tables.
SURFACES = {
    "storage": "saved answers, copies, packs (browser)",
    "compare": "Compare and printing (browser)",
    "cli": "command line, configuration, PDF build, CSP",
    "contributors": "contributors' messages (check, YAML, references)",
}
VERDICTS = ("clean", "crashed", "silent", "lost", "frozen", "unsafe")
#: How the verdicts of parts 1 and 2 fall into the surface table's columns.
PART_VERDICTS = {
    "rejected cleanly": "clean",
    "loaded (valid)": "clean",
    "inert (shown as text)": "clean",
    "rejected without a line": "silent",
    "passed silently": "silent",
    "crashed": "crashed",
    "executed": "unsafe",
    "live markup": "unsafe",
    "reached outside": "unsafe",
}


def run_surface(name: str, project: Path) -> list[tuple[str, str, str]]:
    """One surface module's cases on ``project``; a module that fails counts as one crashed case, never stops the run."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    try:
        module = importlib.import_module(f"adversarial_{name}")
        return [(case, verdict, detail) for case, verdict, detail in module.run(project)]
    except BaseException as exc:  # a broken probe is reported, not fatal
        return [("(the probe itself)", "crashed", f"{type(exc).__name__}: {str(exc)[:160]}")]


def measure(project: Path, surfaces: list[str], parts: bool, browser: bool) -> dict[str, list[tuple[str, str, str]]]:
    """Every case on one checkout, by surface: (case, verdict, detail)."""
    results: dict[str, list[tuple[str, str, str]]] = {}
    if parts:
        malformed, payloads, details = Counter(), Counter(), []
        sys.path.insert(0, str(project / "ext"))
        try:
            run_malformed(malformed, details)
        except BaseException:
            traceback.print_exc()
        run_payloads(payloads, details, project, browser)
        sys.path.remove(str(project / "ext"))
        for part, counts in (("malformed", malformed), ("payload", payloads)):
            named = [(name, PART_VERDICTS.get(verdict, verdict), why) for p, name, verdict, why in details if p == part]
            clean = sum(counts.values()) - len(named)
            results["malformed checklist files" if part == "malformed" else "hostile checklist text"] = (
                named + [("(rejected or loaded cleanly)", "clean", "")] * clean
            )
    for name in surfaces:
        results[SURFACES[name]] = run_surface(name, project)
    return results


def table(after: dict[str, list[tuple[str, str, str]]], before: dict[str, list[tuple[str, str, str]]] | None) -> str:
    """A Markdown table per surface: tried and each verdict, as ``before → after`` when there is a before."""
    columns = ["tried", *VERDICTS]
    lines = ["| surface | " + " | ".join(columns) + " |", "|---|" + "---:|" * len(columns)]
    for surface, cases in after.items():
        counts = Counter(verdict for _, verdict, _ in cases)
        now = [len(cases), *(counts[v] for v in VERDICTS)]
        if before is not None and surface in before:
            old_counts = Counter(verdict for _, verdict, _ in before[surface])
            then = [len(before[surface]), *(old_counts[v] for v in VERDICTS)]
            cells = [f"{a} → {b}" if a != b else str(b) for a, b in zip(then, now, strict=True)]
        else:
            cells = [str(n) for n in now]
        lines.append(f"| {surface} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def strip_option(argv: list[str], option: str) -> list[str]:
    """``argv`` without ``option`` and its value (``--x V`` or ``--x=V``)."""
    out, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg == option:
            skip = True
        elif not arg.startswith(option + "="):
            out.append(arg)
    return out


def measure_elsewhere(project: Path, argv: list[str]) -> dict[str, list[tuple[str, str, str]]]:
    """The same run on another checkout, in its own process, so neither checkout's modules stand in for the other's."""
    rest = strip_option(strip_option(strip_option(argv, "--before"), "--project"), "--json")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "before.json"
        command = [sys.executable, __file__, *rest, "--project", str(project), "--json", str(out), "--quiet"]
        subprocess.run(command, check=False, stdout=subprocess.DEVNULL)
        if not out.is_file():
            return {"(the run on the older checkout)": [("(it wrote no results)", "crashed", " ".join(command))]}
        after = json.loads(out.read_text(encoding="utf-8"))["after"]
        return {surface: [(case, verdict, detail) for case, verdict, detail in cases] for surface, cases in after.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=HERE, help="checkout whose code is measured")
    parser.add_argument("--before", type=Path, help="an older checkout: run the same cases on it and show both")
    parser.add_argument("--surfaces", default=",".join(SURFACES), help=f"comma-separated, of: {', '.join(SURFACES)}; '' for none")
    parser.add_argument("--no-parts", action="store_true", help="skip parts 1 and 2 (malformed files, hostile text)")
    parser.add_argument("--no-browser", action="store_true", help="part 2 without opening the pages in Chromium")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--quiet", action="store_true", help="print nothing (with --json)")
    args = parser.parse_args()
    surfaces = [name for name in args.surfaces.split(",") if name]
    unknown = [name for name in surfaces if name not in SURFACES]
    if unknown:
        parser.error(f"unknown surface {unknown[0]!r}; choose from {', '.join(SURFACES)}")
    for folder in filter(None, (args.project, args.before)):
        if not (folder / "ext" / "sphinx_checklist").is_dir():
            parser.error(f"{folder} is not a checkout of the handbook (no ext/sphinx_checklist); give the folder that holds conf.py")
    sys.setrecursionlimit(3000)
    after = measure(args.project.resolve(), surfaces, not args.no_parts, not args.no_browser)
    before = measure_elsewhere(args.before.resolve(), sys.argv[1:]) if args.before else None
    if not args.quiet:
        for surface, cases in after.items():
            for case, verdict, detail in cases:
                if verdict != "clean":
                    print(f"  [{surface}] {verdict}: {case} -- {detail}")
        print(table(after, before))
    if args.json:
        args.json.write_text(json.dumps({"after": after, "before": before}, indent=1), encoding="utf-8")
    return 1 if any(verdict != "clean" for cases in after.values() for _, verdict, _ in cases) else 0


if __name__ == "__main__":
    sys.exit(main())
