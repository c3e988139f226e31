"""An installed Vigie holds all its code, its migrations and its translation (pyproject.toml lists them by hand)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def package_folder(package: str) -> Path:
    """Where setuptools takes *package* from, following package-dir."""
    mapping = SETUPTOOLS.get("package-dir", {})
    parts = package.split(".")
    for cut in range(len(parts), 0, -1):
        prefix = ".".join(parts[:cut])
        if prefix in mapping:
            return ROOT / mapping[prefix] / Path(*parts[cut:])
    return ROOT / Path(*parts)


def shipped_data(package: str) -> set[Path]:
    folder = package_folder(package)
    patterns = SETUPTOOLS.get("package-data", {}).get(package, [])
    return {path for pattern in patterns for path in folder.glob(pattern) if path.is_file()}


def test_every_folder_of_python_code_under_app_is_a_listed_package():
    folders = {path.parent for path in (ROOT / "app").rglob("*.py") if "__pycache__" not in path.parts}
    needed = {".".join(folder.relative_to(ROOT).parts) for folder in folders}
    missing = needed - set(SETUPTOOLS["packages"])
    assert not missing, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(missing)}"


def test_every_listed_package_exists():
    for package in SETUPTOOLS["packages"]:
        assert (package_folder(package) / "__init__.py").is_file(), package


def test_the_migrations_ship_with_their_template():
    migrations = package_folder("app.store.migrations")
    needed = {migrations / "env.py", migrations / "script.py.mako", *migrations.glob("versions/*.py")}
    assert len(needed) >= 4
    assert needed <= shipped_data("app.store")
    assert {"app.store.migrations", "app.store.migrations.versions"} <= set(SETUPTOOLS["packages"])


def test_the_french_translation_ships():
    qm = package_folder("app.resources") / "translations" / "vigie_fr.qm"
    assert qm in shipped_data("app.resources")

