"""Docutils nodes of a rendered checklist: HTML writes them as tables and inputs, other builders get generic nodes."""

from __future__ import annotations

from typing import NamedTuple

from docutils import nodes


class ChoiceOption(NamedTuple):
    """One option of a :class:`checklist_choices` node, as written into the page."""

    #: the choice's id, the value the page records
    value: str
    label: str
    #: "" when the choice has none
    description: str


class checklist(nodes.General, nodes.Element):
    """One rendered checklist; ``attributes`` are the ``data-checklist-*`` attributes the browser script reads."""


class checklist_table(nodes.General, nodes.Element):
    """One section of a checklist: caption, head and body; ``attributes`` name its section and stages for the script."""


class checklist_caption(nodes.TextElement):
    pass


class checklist_head(nodes.Element):
    pass


class checklist_header_cell(nodes.TextElement):
    """A column header; ``ids`` lets radio buttons name their column."""


class checklist_body(nodes.Element):
    pass


class checklist_row(nodes.Element):
    """One item: ``item_id``, and ``attributes`` built from the item's declared row fields (model.row_attributes)."""


class checklist_cell(nodes.Element):
    pass


class checklist_label(nodes.TextElement):
    """The item text; a ``<label>`` for its checkbox, or the name of its radio group."""


class checklist_control(nodes.Element):
    """A form control: ``input_type`` is checkbox or radio."""


class checklist_choices(nodes.General, nodes.Element):
    """Options of one item, of which the reader records one: ``name`` and ``options`` (:class:`ChoiceOption` records)."""


class checklist_print_header(nodes.General, nodes.Element):
    """The paper header: title, version, copy, print date and lines to write the convening's details on.

    HTML only, hidden on screen; other builders drop it."""


class checklist_write(nodes.General, nodes.Element):
    """Ruled lines to write on under an item on paper: ``lines`` of them. HTML only, hidden on screen."""


class checklist_lifecycle_placeholder(nodes.General, nodes.Element):
    """Replaced at write time by the stages of the lifecycle, each with the checklists for it."""


class checklist_index_placeholder(nodes.General, nodes.Element):
    """Replaced at write time by the table of every checklist."""
