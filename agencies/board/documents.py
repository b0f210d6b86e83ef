"""The printable poster of an agency's information board (§4.9, L585–587; Appendix 11): A3
landscape by default, A1 on request, the sections in columns read left to right, each under its
heading, the photos embedded, the latest update and the place for employees' remarks (L595)."""

from __future__ import annotations

import base64
import logging
from typing import Any

from agencies.board.choices import PosterSize
from agencies.board.selectors import BoardView
from core.documents import render_pdf

logger = logging.getLogger(__name__)

# Columns of the poster: more on the larger sheet.
COLUMNS = {PosterSize.A3: 4, PosterSize.A1: 5}
TEMPLATE = "reports/agencies/board_poster.html"


def _data_uri(image) -> str:
    if image.load is None:
        return ""
    try:
        content = image.load()
    except (OSError, ValueError):  # a file lost from the storage: print the caption alone
        logger.warning("board poster: picture %s could not be read", image.url)
        return ""
    return "data:image/jpeg;base64," + base64.b64encode(content).decode("ascii")


def poster_context(view: BoardView, size: str) -> dict[str, Any]:
    sections = []
    for section in view.sections:
        images = []
        if section.content is not None:
            images = [
                {"caption": image.caption, "group": image.group, "src": _data_uri(image)}
                for image in section.content.images
            ]
        sections.append({"section": section, "images": images})
    return {
        "view": view,
        "agency": view.agency,
        "title": view.agency.short_name,
        "sections": sections,
        "size": size,
        "columns": COLUMNS[PosterSize(size)],
    }


def poster_pdf(view: BoardView, size: str = PosterSize.A3) -> bytes:
    return render_pdf(TEMPLATE, poster_context(view, size))


def poster_filename(view: BoardView, size: str) -> str:
    return f"stend-{view.agency.pk}-{size}.pdf"
