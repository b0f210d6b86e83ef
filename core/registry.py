"""Extension points the apps plug into from their AppConfig.ready().

- Navigation: each app registers its menu entries with who may see them.
- Home panels: each app contributes blocks to the role-specific home page (due dates, overdue
  items, shortcuts), so a person sees what they owe without the home view knowing every app.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    order: int = 100
    visible: Callable[[Any], bool] | None = None  # None: every signed-in user


@dataclass
class HomePanel:
    """One block on the home page. `items` are dicts with at least `text`, optionally `url`,
    `due` (a date) and `overdue` (bool)."""

    title: str
    items: list = field(default_factory=list)
    url: str = ""
    empty_text: str = ""
    order: int = 100

    # A home page is a to-do list, not a report: a long panel shows its first items and
    # sends the reader to its page for the rest.
    SHOWN = 8

    @property
    def shown_items(self):
        return self.items[: self.SHOWN]

    @property
    def more(self):
        return max(0, len(self.items) - self.SHOWN)


_nav_items: list[NavItem] = []
_home_panel_providers: list = []
StepCheck = Callable[[int], "str | list[str] | None"]
_step_requirements: dict[int, dict[str, StepCheck]] = {}


def register_nav(item: NavItem):
    if item not in _nav_items:
        _nav_items.append(item)


def register_home_panels(provider):
    """provider(user) -> iterable of HomePanel; registered once per app."""
    if provider not in _home_panel_providers:
        _home_panel_providers.append(provider)


def nav_for(user):
    if not getattr(user, "is_authenticated", False):
        return []
    return sorted(
        (item for item in _nav_items if item.visible is None or item.visible(user)),
        key=lambda item: item.order,
    )


def home_panels_for(user):
    panels: list[HomePanel] = []
    for provider in _home_panel_providers:
        panels.extend(provider(user) or ())
    return sorted(panels, key=lambda panel: panel.order)


def register_step_requirement(step: int, check: StepCheck, *, key: str | None = None) -> None:
    """Add a condition for closing `step`: `check(agency_id)` returns None when the agency
    meets it, or the refusal — a message, or a list of the missing things (joined with «, »).
    `key` names the refusal in the closure's errors (default: the check's module and name);
    registering the same key again replaces the check (ready() may run twice in tests)."""
    name = key or f"{check.__module__}.{check.__qualname__}"
    _step_requirements.setdefault(step, {})[name] = check


def step_requirement_errors(step: int, agency_id: int) -> dict[str, str]:
    """The refusals of the checks registered for `step`, by key (empty: nothing stops it)."""
    errors: dict[str, str] = {}
    for name, check in _step_requirements.get(step, {}).items():
        refusal = check(agency_id)
        if isinstance(refusal, list | tuple):
            refusal = ", ".join(str(part) for part in refusal) if refusal else None
        if refusal:
            errors[name] = str(refusal)
    return errors
