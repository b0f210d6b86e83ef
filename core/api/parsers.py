"""The API's JSON parser with a nesting limit: a body nested 50,000 levels deep (issue 10, fault
7) made Python's decoder raise RecursionError, a 500; now it is a 400 naming the problem."""

import json

from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import ParseError

# No request of the portal nests deeper than a handful of levels (a sheet's scores: 3).
MAX_DEPTH = 32


def depth_exceeds(value, limit: int) -> bool:
    """Whether `value` (decoded JSON) nests deeper than `limit`, walked without recursion."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = stream.read().decode(encoding)
            data = json.loads(text, parse_constant=self._reject_constant)
        except RecursionError as exc:
            raise ParseError(self._too_deep()) from exc
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from exc
        if depth_exceeds(data, MAX_DEPTH):
            raise ParseError(self._too_deep())
        return data

    @staticmethod
    def _too_deep():
        return f"JSON parse error - the body nests deeper than {MAX_DEPTH} levels."

    @staticmethod
    def _reject_constant(name):
        # NaN and Infinity are not JSON (DRF's own parser refuses them in strict mode).
        raise ValueError(f"{name} is not valid JSON")
