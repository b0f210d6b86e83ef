"""The information board's extension point (§4.9, seed 003 L561–597; Appendix 11, L3655–3679).

The board of an agency gathers what Appendix 11 lists: the goal and mission, the team, the
indicators with their charts, photos «до», «в процессе», «результат», the latest internal final
sheet, the latest external audit, and per step what was done and what is next. Most of these
live in other apps (audits, the deployment plan, the indicators), and `agencies`, which owns the
board, may import only `core`. So each app registers its sections here from its
`AppConfig.ready()`:

    register_board_section("external_audit", order=60, title=_("Результаты аудита рабочей группы"),
                           provider=external_audit_section)

`provider(agency) -> BoardSection | None` returns what the section shows (None: nothing yet, the
section's `empty_text` is shown). A provider runs a fixed number of queries whatever the number
of records, so the board page's query count does not grow with them. Registering a key again
replaces its provider: a key may be declared with no provider (it then shows `empty_text`) and
wired later by the app that owns the data — the `indicators` key is declared so by
agencies/board/registration.py until the indicators helper registers its provider.

Sections are laid out left to right in `order` (L585: «размещать взаимосвязанные материалы
слева направо»), each under its heading (L587: «структурировать информацию по разделам»).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class BoardRow:
    """One line of a section: a label and its value (either may be empty)."""

    label: str
    value: str = ""
    url: str = ""
    # "done", "next", "due", "overdue", "" — a hint for the page's badges.
    state: str = ""


@dataclass(frozen=True)
class BoardImage:
    """A picture of a section: its caption, the address the page shows it from (a
    permission-checked thumbnail view) and a loader of its bytes for the printed poster."""

    caption: str
    url: str
    group: str = ""  # e.g. «до», «в процессе», «результат»
    load: Callable[[], bytes] | None = None


@dataclass(frozen=True)
class BoardSection:
    """What a provider returns: plain rows and pictures, and/or a template with its context.
    The page and the poster include `template` (the provider's `context` is `data` inside
    it; an inline SVG chart prints on the poster too), then the note, rows and pictures."""

    rows: tuple[BoardRow, ...] = ()
    images: tuple[BoardImage, ...] = ()
    note: str = ""
    template: str = ""
    context: dict[str, Any] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.rows or self.images or self.note or self.template)


Provider = Callable[[Any], BoardSection | None]


@dataclass(frozen=True)
class SectionSpec:
    key: str
    order: int
    title: Any
    provider: Provider | None = None
    empty_text: Any = ""


@dataclass(frozen=True)
class RenderedSection:
    """A section as the board shows it: its heading and content, or its empty text."""

    key: str
    order: int
    title: str
    content: BoardSection | None
    empty_text: str

    @property
    def is_empty(self) -> bool:
        return self.content is None or self.content.is_empty


_sections: dict[str, SectionSpec] = {}


def register_board_section(
    key: str,
    *,
    order: int,
    title: Any,
    provider: Provider | None = None,
    empty_text: Any = "",
) -> None:
    """Declare (or replace) the section `key` of every agency's board."""
    _sections[key] = SectionSpec(key, order, title, provider, empty_text)


def registered_sections() -> list[SectionSpec]:
    return sorted(_sections.values(), key=lambda spec: (spec.order, spec.key))


def sections_for(agency: Any) -> list[RenderedSection]:
    """Every registered section of the agency's board, in order (left to right)."""
    rendered = []
    for spec in registered_sections():
        content = spec.provider(agency) if spec.provider is not None else None
        rendered.append(
            RenderedSection(
                key=spec.key,
                order=spec.order,
                title=str(spec.title),
                content=content,
                empty_text=str(spec.empty_text),
            )
        )
    return rendered
