"""The extension's configuration: the project's vocabularies (roles, stages, sources) and where things live.

A project names its own roles, the stages of its lifecycle and the sources its checklists cite in
``conf.py``; nothing about any one handbook is built into the extension. Each vocabulary maps an id,
as written in the YAML files, to the words readers see. The values are checked once, on
``config-inited``, and reach the script through ``data-*`` attributes, so a label is written once.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, NoReturn

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util.tags import Tags

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

#: Vocabularies a project sets in ``conf.py``: config name -> what its ids are, for messages.
VOCABULARY_SETTINGS = {
    "checklist_roles": "reader role",
    "checklist_stages": "stage",
    "checklist_sources": "source",
}


def display_name(value: str) -> str:
    """``learning-partner`` -> ``Learning partner``: the label of an id no vocabulary names."""
    return value.replace("-", " ").capitalize()


@dataclass(frozen=True)
class Vocabulary:
    """Allowed ids and their labels. An empty mapping allows any id and shows it as words."""

    #: role id -> label, such as "learning-partner" -> "Learning partner"
    roles: dict[str, str] = field(default_factory=dict)
    #: stage id -> label, in the order of the lifecycle
    stages: dict[str, str] = field(default_factory=dict)
    #: source id -> title, such as a report a checklist draws on
    sources: dict[str, str] = field(default_factory=dict)

    def role_label(self, role: str) -> str:
        return self.roles.get(role) or display_name(role)

    def stage_label(self, stage: str) -> str:
        return self.stages.get(stage) or display_name(stage)

    def source_label(self, source: str) -> str:
        return self.sources.get(source) or display_name(source)

    def stage_order(self, stage: str) -> int:
        """Where a stage falls in the lifecycle; unknown stages last."""
        order = list(self.stages)
        return order.index(stage) if stage in order else len(order)

    def key(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """What validation depends on: the allowed ids, not their labels."""
        return tuple(self.roles), tuple(self.stages), tuple(self.sources)


@dataclass(frozen=True)
class ChecklistConfig:
    """Every setting of the extension, typed, read from ``conf.py``."""

    #: folder of the YAML checklists, relative to conf.py
    directory: str = "checklists"
    #: folder of the blank PDFs beside the site, relative to its root; empty when the build prints none
    pdf_dir: str = ""
    #: start of the browser storage keys of saved answers; a project keeps it once readers have answers
    storage_prefix: str = "checklist"
    #: the marker of items with ``basis: handbook``: the site's own advice rather than its sources'
    advice_label: str = "Our own advice"
    vocabulary: Vocabulary = field(default_factory=Vocabulary)


def register(app: Sphinx) -> None:
    app.add_config_value("checklist_dir", "checklists", "env", types=[str])
    app.add_config_value("checklist_pdf_dir", "", "html", types=[str])
    app.add_config_value("checklist_storage_prefix", "checklist", "html", types=[str])
    app.add_config_value("checklist_advice_label", "Our own advice", "env", types=[str])
    for name in VOCABULARY_SETTINGS:
        app.add_config_value(name, {}, "env", types=[dict])
    app.connect("config-inited", check_config)


def check_config(app: Sphinx, config: Config) -> None:
    """``config-inited``: stop the build at once, naming the setting, when a value cannot work."""
    try:
        settings = config_of(config)
        _check_folder(Path(app.confdir), settings.directory)
    except ConfigError as error:
        stop_build(error, Path(app.confdir))


def _check_folder(confdir: Path, directory: str) -> None:
    folder = (confdir / directory).resolve()
    if folder.is_dir():
        return
    found = "is a file" if folder.exists() else "does not exist"
    raise ConfigError(
        f"checklist_dir {directory!r} {found} ({folder}); set checklist_dir to the folder of the YAML checklists, relative to conf.py"
    )


def under_sphinx_build() -> bool:
    """True in the ``sphinx-build`` (or ``python -m sphinx``) command, rather than Sphinx used as a library."""
    program = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path()
    return program.name == "sphinx-build" or program.parts[-2:] == ("sphinx", "__main__.py")


def stop_build(error: ConfigError, confdir: Path) -> NoReturn:
    """Stop the build for a bad setting. Sphinx 9 prints any exception as a crash report that asks for a bug
    report upstream, burying the message, so the command gets one line and exit status 2; a program that
    runs Sphinx itself (the tests) gets the ConfigError."""
    if not under_sphinx_build():
        raise error
    print(f"error: {confdir / 'conf.py'}: {error}", file=sys.stderr)
    raise SystemExit(2)


def config_of(config: Config | dict[str, Any]) -> ChecklistConfig:
    """The typed settings from a Sphinx config (or the raw values of a conf.py), or a ConfigError saying what to fix."""

    def get(name: str, default: Any) -> Any:
        return config.get(name, default) if isinstance(config, dict) else getattr(config, name, default)

    vocabularies = {name: _vocabulary(name, what, get(name, {})) for name, what in VOCABULARY_SETTINGS.items()}
    prefix = get("checklist_storage_prefix", "checklist")
    if not isinstance(prefix, str) or not re.fullmatch(r"[A-Za-z0-9_.-]{1,40}", prefix):
        raise ConfigError(f"checklist_storage_prefix must be 1 to 40 letters, digits, '.', '_' or '-'; got {prefix!r}")
    advice = get("checklist_advice_label", "Our own advice")
    if not isinstance(advice, str) or not advice.strip() or "\n" in advice:
        raise ConfigError(f"checklist_advice_label must be a one-line label, such as 'Our own advice'; got {advice!r}")
    return ChecklistConfig(
        directory=_directory(get("checklist_dir", "checklists")),
        advice_label=advice,
        pdf_dir=_pdf_dir(get("checklist_pdf_dir", "")),
        storage_prefix=prefix,
        vocabulary=Vocabulary(
            roles=vocabularies["checklist_roles"],
            stages=vocabularies["checklist_stages"],
            sources=vocabularies["checklist_sources"],
        ),
    )


def _directory(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(
            f"checklist_dir must be the folder of the YAML checklists, relative to conf.py, such as 'checklists'; got {value!r}"
        )
    return value


def _pdf_dir(value: object) -> str:
    """A folder inside the site, as it appears in links: relative, in forward slashes, never above the root."""
    if value == "":
        return ""
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9_./-]+", value) or value.startswith("/") or ".." in value.split("/"):
        raise ConfigError(
            "checklist_pdf_dir must be a folder inside the site, relative to its root, such as 'pdf' "
            f"(letters, digits, '-', '_', '/'; no '..'), or '' for no PDFs; got {value!r}"
        )
    return str(PurePosixPath(value))


def _vocabulary(name: str, what: str, value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ConfigError(f"{name} must be a mapping of {what} ids to labels, such as {{'facilitator': 'Facilitator'}}")
    for key, label in value.items():
        if not isinstance(key, str) or not SLUG.match(key):
            raise ConfigError(f"{name}: {key!r} is not a valid {what} id; use lower-case words joined by hyphens")
        if not isinstance(label, str) or not label.strip() or "\n" in label:
            raise ConfigError(f"{name}[{key!r}] must be a one-line label, such as {display_name(key)!r}")
    return dict(value)


def project_config(checklist_dir: Path) -> ChecklistConfig:
    """The settings of the Sphinx project a checklist folder belongs to (its conf.py beside it), for the command line.

    A folder outside any project gets the defaults: any role, stage and source.
    """
    for confdir in (checklist_dir.resolve().parent, Path.cwd()):
        if (confdir / "conf.py").is_file():
            return config_of(Config.read(confdir, overrides={}, tags=Tags())._raw_config)
    return ChecklistConfig()
