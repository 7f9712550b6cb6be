"""Adversarial cases of the command line, the configuration, the PDF build and the CSP setting (issue 18).

    .venv/bin/python scripts/adversarial_cli.py [--project DIR]

Runs ``python -m sphinx_checklist`` (new, check, schema, export in every format), ``python -m handbook_pdf``
and small ``sphinx-build`` projects with bad settings, each in a temporary folder with the measured
checkout's ``ext`` on PYTHONPATH. Chromium is replaced by fakes through the ``CHROMIUM`` variable: a
path to nothing, a program that exits 1, a Chromium whose page processes cannot start (it dies mid-print).
A case is: crashed (a traceback, Sphinx's crash report, an exit status other than 0, 1, 2), frozen
(no answer in 60 s), silent (bad input accepted with status 0 and no word about it), else clean.
"""

from __future__ import annotations

import argparse
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
TIMEOUT = 60
LONG = "a" * 300
CRASH_MARKS = ("Traceback", "Exception occurred", "open an issue", "sphinx-err-")
REAL_CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@dataclass
class Case:
    """One command to run, in a folder that ``prepare`` sets up; ``bad``: the input is wrong and must be refused or named."""

    name: str
    args: list[str]
    prepare: Callable[[Path], Path] = lambda root: root
    env: dict[str, str] = field(default_factory=dict)
    bad: bool = True
    #: for a bad input that may succeed when it says so (a folder check does not read): words it must print
    mention: str | None = None


def _python() -> str:
    venv = HERE.parent / ".venv" / "bin" / "python"
    return str(venv) if venv.is_file() else sys.executable


def run_case(case: Case, project: Path, work: Path) -> tuple[str, str, str]:
    root = work / case.name.replace(" ", "_").replace("/", "_")[:80]
    root.mkdir(parents=True)
    cwd = case.prepare(root)
    env = {**os.environ, "PYTHONPATH": str(project / "ext"), "CHROMIUM": REAL_CHROMIUM, **case.env}
    try:
        done = subprocess.run([_python(), *case.args], cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return case.name, "frozen", f"no answer in {TIMEOUT} s"
    err = done.stderr.strip()
    last = next((line for line in reversed(err.splitlines()) if line.strip()), "")[:200]
    if any(mark in err for mark in CRASH_MARKS) or done.returncode not in (0, 1, 2):
        return case.name, "crashed", f"status {done.returncode}: {last}"
    if not case.bad:
        verdict = "clean" if done.returncode == 0 else "crashed"
        return case.name, verdict, f"status {done.returncode}: {last or 'ok'}"
    if done.returncode == 0:
        said = done.stdout + done.stderr
        if case.mention and case.mention in said:
            return case.name, "clean", f"status 0, names {case.mention!r}"
        return case.name, "silent", "status 0, accepted without a word" + (f" (output: {said.strip()[:120]})" if said.strip() else "")
    lines = len([line for line in err.splitlines() if line.strip()])
    return case.name, "clean", f"status {done.returncode}, {lines} line(s): {last}"


# ---------------------------------------------------------------- folders the cases run in


def project_copy(project: Path) -> Callable[[Path], Path]:
    """A small project (tests/roots/test-basic of the checkout): conf.py and checklists/."""

    def prepare(root: Path) -> Path:
        shutil.copytree(project / "tests" / "roots" / "test-basic", root / "proj")
        return root / "proj"

    return prepare


def with_change(project: Path, change: Callable[[Path], object]) -> Callable[[Path], Path]:
    base = project_copy(project)

    def prepare(root: Path) -> Path:
        folder = base(root)
        change(folder)
        return folder

    return prepare


def conf_lines(project: Path, *lines: str) -> Callable[[Path], Path]:
    def change(folder: Path) -> None:
        with (folder / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write("\n" + "\n".join(lines) + "\n")

    return with_change(project, change)


def fake_chromium(root: Path, body: str) -> str:
    path = root / "fake-chromium"
    path.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


# A Chromium that starts but whose page processes cannot: it fails once a page is opened, as a crash mid-print does.
RENDERER_FAILS = f'exec {REAL_CHROMIUM} --no-zygote --renderer-cmd-prefix=/bin/false "$@"'


def built_site(project: Path, site: Path) -> None:
    """The small project built once, as ``make site`` would build it, for ``python -m handbook_pdf``."""
    src = site.parent / "site-src"
    shutil.copytree(project / "tests" / "roots" / "test-basic", src)
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nextensions.append("handbook_pdf")\n')
    env = {**os.environ, "PYTHONPATH": str(project / "ext")}
    subprocess.run(
        [_python(), "-m", "sphinx", "-q", "-b", "html", str(src), str(site)], env=env, capture_output=True, timeout=120, check=True
    )


def site_copy(site: Path, change: Callable[[Path], object] = lambda s: None) -> Callable[[Path], Path]:
    def prepare(root: Path) -> Path:
        shutil.copytree(site, root / "site")
        change(root / "site")
        return root

    return prepare


# ---------------------------------------------------------------- the cases


def cli_cases(project: Path) -> list[Case]:
    cli = ["-m", "sphinx_checklist"]
    copy = project_copy(project)

    def change(fn: Callable[[Path], object]) -> Callable[[Path], Path]:
        return with_change(project, fn)

    def empty(root: Path) -> Path:
        return root

    cases = [
        Case("check --dir that does not exist", [*cli, "check", "--dir", "nowhere"], copy),
        Case("check --dir that is a file", [*cli, "check", "--dir", "conf.py"], copy),
        Case("check from a folder with no checklists/", [*cli, "check"], empty),
        Case(
            "check with a subfolder in checklists/",
            [*cli, "check"],
            change(lambda f: (f / "checklists" / "drafts").mkdir()),
            mention="drafts",
        ),
        Case(
            "check with a broken symlink x.yaml", [*cli, "check"], change(lambda f: (f / "checklists" / "x.yaml").symlink_to("gone.yaml"))
        ),
        Case("check with a folder named x.yaml", [*cli, "check"], change(lambda f: (f / "checklists" / "x.yaml").mkdir())),
        Case("check with a pipe named x.yaml", [*cli, "check"], change(lambda f: os.mkfifo(f / "checklists" / "x.yaml"))),
        Case(
            "check with an unreadable x.yaml (link to /proc/self/mem)",
            [*cli, "check"],
            change(lambda f: (f / "checklists" / "x.yaml").symlink_to("/proc/self/mem")),
        ),
        Case("check with a bad setting in conf.py", [*cli, "check"], conf_lines(project, 'checklist_roles = {"Bad Id": "x"}')),
        Case("check with a syntax error in conf.py", [*cli, "check"], conf_lines(project, "checklist_roles = {")),
        Case("check with conf.py raising", [*cli, "check"], conf_lines(project, "raise RuntimeError('boom')")),
        Case("new with an id of 300 characters", [*cli, "new", LONG, "--title", "T"], copy),
        Case("new --dir that does not exist", [*cli, "new", "x", "--title", "T", "--dir", "nowhere"], copy),
        Case("new --dir that is a file", [*cli, "new", "x", "--title", "T", "--dir", "conf.py"], copy),
        Case("new --dir /proc (no files can be made)", [*cli, "new", "x", "--title", "T", "--dir", "/proc"], copy),
        Case("schema --output /proc/x", [*cli, "schema", "--output", "/proc/x"], copy),
        Case("schema --output a folder", [*cli, "schema", "--output", "checklists"], copy),
        Case("schema --output a 300-character name", [*cli, "schema", "--output", LONG], copy),
        Case("schema --output in a missing folder", [*cli, "schema", "--output", "nowhere/s.json"], copy),
        Case("schema --dir that does not exist", [*cli, "schema", "--dir", "nowhere"], copy),
        Case("export md --output /proc/x/y", [*cli, "export", "demo", "--output", "/proc/x/y"], copy),
        Case("export csv --output a folder", [*cli, "export", "demo", "--format", "csv", "--output", "checklists"], copy),
        Case("export json --output a 300-character name", [*cli, "export", "demo", "--format", "json", "--output", LONG], copy),
        Case("export html --output a folder", [*cli, "export", "demo", "--format", "html", "--output", "checklists"], copy),
        Case(
            "export md of a broken symlink",
            [*cli, "export", "gone"],
            change(lambda f: (f / "checklists" / "gone.yaml").symlink_to("missing.yaml")),
        ),
        Case("export --dir that is a file", [*cli, "export", "demo", "--dir", "conf.py"], copy),
        Case("export pdf --output /proc/x.pdf", [*cli, "export", "demo", "--format", "pdf", "--output", "/proc/x.pdf"], copy),
        Case("export pdf --output a 300-character name", [*cli, "export", "demo", "--format", "pdf", "--output", LONG + ".pdf"], copy),
        Case(
            "export pdf with CHROMIUM pointing nowhere",
            [*cli, "export", "demo", "--format", "pdf"],
            copy,
            {"CHROMIUM": "/nonexistent/chromium"},
        ),
        Case("argparse: an unknown command", [*cli, "frobnicate"], copy),
        Case("argparse: export --paper a5", [*cli, "export", "demo", "--paper", "a5"], copy),
        Case("good: export md to standard output", [*cli, "export", "demo"], copy, bad=False),
    ]
    cases += [
        Case("export pdf with a Chromium that exits 1", [*cli, "export", "demo", "--format", "pdf"], copy),
        Case("export pdf with a Chromium that dies mid-print", [*cli, "export", "demo", "--format", "pdf"], copy),
    ]
    cases[-2].env = {"CHROMIUM": "@fail"}
    cases[-1].env = {"CHROMIUM": "@renderer", "CHECKLIST_PRINT_TIMEOUT": "20"}
    return cases


def pdf_cases(site: Path) -> list[Case]:
    pdf = ["-m", "handbook_pdf"]

    def empty(root: Path) -> Path:
        (root / "a-file").write_text("x", encoding="utf-8")
        return root

    def bad_json(text: str) -> Callable[[Path], object]:
        return lambda s: (s / "checklists.json").write_text(text, encoding="utf-8")

    cases = [
        Case("handbook_pdf: a site folder that does not exist", [*pdf, "nowhere"], empty),
        Case("handbook_pdf: a site that is a file", [*pdf, "a-file"], empty),
        Case("handbook_pdf: checklists.json that is not JSON", [*pdf, "site"], site_copy(site, bad_json("{not json"))),
        Case("handbook_pdf: checklists.json of the wrong shape", [*pdf, "site"], site_copy(site, bad_json("[]"))),
        Case(
            "handbook_pdf: a checklist entry without its title",
            [*pdf, "site"],
            site_copy(site, bad_json('{"checklists": [{"id": "demo", "url": "index.html"}]}')),
        ),
        Case("handbook_pdf: pdf/ is a file", [*pdf, "site"], site_copy(site, lambda s: (s / "pdf").write_text("x", encoding="utf-8"))),
        Case("handbook_pdf: CHROMIUM pointing nowhere", [*pdf, "site"], site_copy(site), {"CHROMIUM": "/nonexistent/chromium"}),
        Case("handbook_pdf: a Chromium that exits 1", [*pdf, "site"], site_copy(site), {"CHROMIUM": "@fail"}),
        Case(
            "handbook_pdf: a Chromium that dies mid-print",
            [*pdf, "site"],
            site_copy(site),
            {"CHROMIUM": "@renderer", "CHECKLIST_PRINT_TIMEOUT": "20"},
        ),
    ]
    return cases


def config_cases(project: Path) -> list[Case]:
    build = ["-m", "sphinx", "-q", "-b", "html", ".", "_out"]
    csp = ['extensions.append("handbook_csp")', 'html_theme = "furo"']
    settings = [
        ("checklist_roles a list", 'checklist_roles = ["chair"]'),
        ("checklist_roles with a bad id", 'checklist_roles = {"Bad Id": "Chair"}'),
        ("checklist_roles with a number as label", 'checklist_roles = {"chair": 3}'),
        ("checklist_stages a string", 'checklist_stages = "plan"'),
        ("checklist_sources with an empty label", 'checklist_sources = {"rules": ""}'),
        ("checklist_dir pointing nowhere", 'checklist_dir = "nowhere"'),
        ("checklist_dir at a file", 'checklist_dir = "conf.py"'),
        ("checklist_dir a number", "checklist_dir = 3"),
        ("checklist_pdf_dir absolute", 'checklist_pdf_dir = "/tmp/pdf"'),
        ("checklist_pdf_dir with '..'", 'checklist_pdf_dir = "../pdf"'),
        ("checklist_storage_prefix with a space", 'checklist_storage_prefix = "my prefix"'),
        ("checklist_storage_prefix a number", "checklist_storage_prefix = 5"),
        ("checklist_advice_label empty", 'checklist_advice_label = ""'),
        ("checklist_advice_label a number", "checklist_advice_label = 3"),
    ]
    policies = [
        ("handbook_csp_policy empty", '""'),
        (
            "handbook_csp_policy with 'unsafe-inline'",
            "\"default-src 'self'; script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'\"",
        ),
        ("handbook_csp_policy with 'unsafe-eval'", "\"default-src 'self' 'unsafe-eval'; object-src 'none'; base-uri 'self'\""),
        ("handbook_csp_policy with a wildcard", "\"default-src *; object-src 'none'; base-uri 'self'\""),
        (
            "handbook_csp_policy with a remote script",
            "\"default-src 'self'; script-src https://cdn.example.com; object-src 'none'; base-uri 'self'\"",
        ),
        ("handbook_csp_policy with data: scripts", "\"default-src 'self'; script-src 'self' data:; object-src 'none'; base-uri 'self'\""),
        ("handbook_csp_policy without script-src or default-src", "\"img-src 'self'\""),
        ("handbook_csp_policy allowing plugins", "\"default-src 'self'; object-src *; base-uri 'self'\""),
        ("handbook_csp_policy unparsable", "\"default-src 'self' 'unsafe-inlin\""),
        ("handbook_csp_policy a number", "42"),
    ]
    cases = [Case(f"conf.py: {name}", build, conf_lines(project, line)) for name, line in settings]
    cases += [Case(f"conf.py: {name}", build, conf_lines(project, *csp, f"handbook_csp_policy = {value}")) for name, value in policies]
    cases.append(
        Case(
            "good: a weaker policy with handbook_csp_allow_weaker's reason",
            build,
            conf_lines(
                project,
                *csp,
                "handbook_csp_policy = \"default-src 'self' https://cdn.example.org; object-src 'none'; base-uri 'self'\"",
                'handbook_csp_allow_weaker = "the maps come from our own CDN"',
            ),
            bad=False,
        )
    )
    return cases


def _resolve_fakes(case: Case, work: Path) -> Case:
    """``@fail`` and ``@renderer`` in CHROMIUM become fake programs in the case's own folder."""
    fake = case.env.get("CHROMIUM", "")
    if fake.startswith("@"):
        folder = work / "fakes" / case.name.replace(" ", "_").replace("/", "_")[:80]
        folder.mkdir(parents=True)
        case.env = {**case.env, "CHROMIUM": fake_chromium(folder, "exit 1" if fake == "@fail" else RENDERER_FAILS)}
    return case


def run(project: Path) -> list[tuple[str, str, str]]:
    project = project.resolve()
    with tempfile.TemporaryDirectory(prefix="adversarial-cli-") as tmp:
        work = Path(tmp)
        site = work / "built" / "site"
        site.parent.mkdir()
        cases = cli_cases(project) + config_cases(project)
        try:
            built_site(project, site)
            cases += pdf_cases(site)
        except (subprocess.SubprocessError, OSError) as error:
            results = [("handbook_pdf: building the small site", "crashed", str(error)[:160])]
        else:
            results = []
        cases = [_resolve_fakes(case, work) for case in cases]
        with ThreadPoolExecutor(max_workers=3) as pool:
            results += list(pool.map(lambda case: run_case(case, project, work / "cases"), cases))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=HERE.parent, help="the checkout whose code is measured")
    args = parser.parse_args()
    results = run(args.project)
    for name, verdict, detail in results:
        print(f"{verdict:8} {name} -- {detail}")
    counts = Counter(verdict for _, verdict, _ in results)
    print(f"tried {len(results)}: " + ", ".join(f"{v} {counts[v]}" for v in ("clean", "crashed", "silent", "lost", "frozen")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
