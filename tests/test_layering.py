"""The layers hold: one door to Qt, a core without Qt, screens that never reach the store or the
keys, a kernel that knows no feature, and features that meet only through each other's service."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"

CORE = ("app.models", "app.kernel", "app.services", "app.audit", "app.store", "app.crypto", "app.sync",
        "app.logbook", "app.writings", "app.printing", "app.server", "app.backup")
FEATURES = ("app.logbook", "app.writings")
# What a feature may use of another one: its service and the plain data it hands back.
FEATURE_SURFACE = ("service", "types", "kinds")


def _module(path: Path) -> str:
    parts = path.relative_to(APP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module *path* imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _modules() -> dict[str, set[str]]:
    return {_module(path): _imports(path) for path in APP.rglob("*.py") if "migrations" not in path.parts}


def _under(name: str, *packages: str) -> bool:
    return any(name == package or name.startswith(package + ".") for package in packages)


def test_only_app_qt_imports_pyside6():
    assert any(_under(i, "PySide6") for i in _modules()["app.qt"])  # the reading of imports works
    offenders = [module for module, imports in _modules().items()
                 if module != "app.qt" and any(_under(i, "PySide6", "shiboken6") for i in imports)]
    assert offenders == []


def test_the_core_imports_neither_qt_nor_the_screens():
    offenders = {module: sorted(i for i in imports if _under(i, "app.qt", "app.ui", "app.i18n", "PySide6"))
                 for module, imports in _modules().items() if _under(module, *CORE)}
    assert {m: i for m, i in offenders.items() if i} == {}


def test_screens_never_reach_the_store_or_the_keys():
    offenders = {module: sorted(i for i in imports if _under(i, "app.store", "app.crypto"))
                 for module, imports in _modules().items() if _under(module, "app.ui")}
    assert {m: i for m, i in offenders.items() if i} == {}


def test_the_kernel_knows_no_feature():
    offenders = {module: sorted(i for i in imports if _under(i, *FEATURES, "app.services", "app.bootstrap"))
                 for module, imports in _modules().items() if _under(module, "app.kernel")}
    assert {m: i for m, i in offenders.items() if i} == {}


def test_a_feature_uses_another_only_through_its_service_and_types():
    offenders = {}
    for module, imports in _modules().items():
        own = next((f for f in FEATURES if _under(module, f)), None)
        if own is None:
            continue
        for other in FEATURES:
            if other == own:
                continue
            reached = [i for i in imports if _under(i, other)
                       and not any(_under(i, f"{other}.{part}") for part in FEATURE_SURFACE) and i != other]
            if reached:
                offenders[module] = reached
    assert offenders == {}


def test_the_server_knows_only_the_sync_protocol_of_the_station():
    # The hosted server must run without the station's kernel, keys or screens: it relays ciphertext.
    allowed = ("app.server", "app.sync.protocol")
    offenders = {module: sorted(i for i in imports if _under(i, "app") and i not in ("app", "app.__version__", "app.sync")
                                and not _under(i, *allowed))
                 for module, imports in _modules().items() if _under(module, "app.server")}
    assert any(_under(i, "app.sync") for m, imports in _modules().items() if _under(m, "app.server") for i in imports)
    assert {m: i for m, i in offenders.items() if i} == {}


def test_the_vigie_script_imports_nothing_of_vigie_until_it_runs():
    # A long pull's opening process runs the parent's script again before its own work
    # (app/sync/pull_process.py): the installed `vigie` script's module must cost nothing to import.
    import subprocess
    import sys
    from importlib.metadata import entry_points

    [script] = entry_points(group="console_scripts", name="vigie")
    module = script.value.split(":")[0]
    imported = subprocess.run([sys.executable, "-c", f"import sys, {module}; "
                               "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] == 'app')))"],
                              capture_output=True, text=True, check=True, cwd=APP.parent).stdout.split()
    assert imported == ["app", module]
