"""Small pieces: no module of app/ over 400 lines, no function over 60 (frozen migrations aside).
Past these a module or a function holds more than one thing: split it along its seams."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _sources() -> list[Path]:
    return [path for path in sorted(APP.rglob("*.py")) if "versions" not in path.parts]


def test_no_module_is_over_400_lines():
    long = {str(path.relative_to(APP.parent)): n for path in _sources()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}


def test_no_function_is_over_60_lines():
    long = {}
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(APP.parent)}:{node.lineno} {node.name}"] = length
    assert long == {}
