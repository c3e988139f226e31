"""Keep Vigie's French translation in step with the code.

    python tools/i18n.py update   collect the strings of app/ into resources/translations/vigie_fr.ts
    python tools/i18n.py build    compile vigie_fr.ts into vigie_fr.qm (shipped with the package)
    python tools/i18n.py check    list the strings that still lack a French translation

Translate by editing vigie_fr.ts (Qt Linguist, or any text editor), then build. `update` also sets
every French text in the catalogue's typography (tools/i18n_typography.py: no-break spaces before
: ; ? ! and inside « », straight apostrophes).
The test suite fails while a string of the code has no finished translation,
or while the .qm is older than the .ts.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

try:
    from tools import i18n_typography
except ImportError:  # run as a script: python tools/i18n.py
    import i18n_typography  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "vigie_fr.ts"
QM = TS.with_suffix(".qm")


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease, from the same environment as this Python."""
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(beside) if beside.exists() else shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} not found: install the project first (pip install -e .)")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app").rglob("*.py"))


def update(ts: Path = TS) -> None:
    """lupdate over app/, then the French set in the catalogue's typography (tools/i18n_typography.py)."""
    _lupdate(ts)
    if typeset_catalogue(ts):
        _lupdate(ts)  # lupdate's own layout of the file, which ElementTree does not keep


def _lupdate(ts: Path) -> None:
    subprocess.run(
        [tool("lupdate"), *sources(), "-source-language", "en", "-target-language", "fr_FR",
         "-locations", "none", "-no-obsolete", "-ts", str(ts)],
        cwd=ROOT, check=True, capture_output=True,
    )


def typeset_catalogue(ts: Path = TS) -> bool:
    """Every French text of *ts* in the catalogue's typography; whether anything changed."""
    tree = ET.parse(ts)
    changed = False
    for translation in tree.getroot().iter("translation"):
        for element in (*translation.findall("numerusform"), translation):
            if element.text and element.text.strip():
                typeset = i18n_typography.typeset(element.text)
                changed = changed or typeset != element.text
                element.text = typeset
    if changed:
        tree.write(ts, encoding="utf-8", xml_declaration=True)
    return changed


def build(ts: Path = TS, qm: Path = QM) -> None:
    subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], cwd=ROOT, check=True)


def unfinished(ts: Path = TS) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation."""
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            # itertext: a plural's French is in its numerusforms, its own text only the indentation.
            if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") or not (
                "".join(translation.itertext())
            ).strip():
                missing.append((name or "", message.findtext("source") or ""))
    return missing


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update()
    elif command == "build":
        build()
    elif command != "check":
        print(__doc__)
        return 2
    missing = unfinished()
    for context, source in missing:
        print(f"untranslated [{context}] {source}")
    return 1 if missing and command == "check" else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
