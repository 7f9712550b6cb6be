"""Executable checklists for Sphinx: YAML files rendered as accessible, interactive tables."""

__version__ = "0.1.0"


def setup(app):
    from .extension import setup_extension

    return setup_extension(app, __version__)
