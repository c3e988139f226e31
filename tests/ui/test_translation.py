"""French is the interface language: every visible string of the code has its translation."""

from __future__ import annotations

import shutil
import sys

import pytest

from app.qt import QCoreApplication, QWidget
from tools import i18n


def test_every_string_of_the_code_has_a_finished_french_translation(tmp_path):
    # lupdate run now over app/ into a copy: any string added since the .ts was updated shows up.
    fresh = tmp_path / "vigie_fr.ts"
    shutil.copy(i18n.TS, fresh)
    i18n.update(fresh)
    missing = i18n.unfinished(fresh)
    assert missing == [], "strings without French translation (edit resources/translations/vigie_fr.ts):\n" + "\n".join(
        f"[{context}] {source}" for context, source in missing
    )


def test_the_shipped_qm_is_built_from_the_ts(tmp_path):
    rebuilt = tmp_path / "vigie_fr.qm"
    i18n.build(i18n.TS, rebuilt)
    assert rebuilt.read_bytes() == i18n.QM.read_bytes(), "run: python tools/i18n.py build"


def test_a_missing_translation_is_a_warning(french):
    from app.i18n import UntranslatedWarning, translate

    with pytest.warns(UntranslatedWarning):
        translate("errors", "A sentence nobody translated.")
    with pytest.warns(UntranslatedWarning):  # its count filled in, it is still the English source
        assert translate("errors", "%n sentences nobody translated.", n=3) == "3 sentences nobody translated."


def test_widgets_show_french(french, qtbot):
    from app.ui.main_window import PlaceholderPage

    page = PlaceholderPage("Main courante", "")
    qtbot.addWidget(page)
    texts = [child.text() for child in page.findChildren(QWidget) if hasattr(child, "text")]
    assert "Ce module n'est pas encore disponible dans cette version de Vigie." in texts


def test_qt_binding_keeps_reference_counts():
    """PySide6 6.12.0 drops references to None on Python 3.11 until the process aborts."""
    app = QCoreApplication.instance()
    before = sys.getrefcount(None)
    for _ in range(200):
        app.processEvents()
    assert sys.getrefcount(None) >= before - 5



def test_no_part_of_a_dialog_says_a_counted_sentence_with_its_own_tr():
    """PySide's tr() looks a text up in the context of each class of the object in turn and keeps the first
    answer that is not the text itself. A plural message is answered by the dialog's own context already,
    untranslated but with its count: said from a part of a dialog (a class before the Qt one among the
    dialog's bases), it showed in English. Such a sentence goes through a Plurals class (app/i18n.py)."""
    import ast
    from pathlib import Path

    app = Path(__file__).resolve().parents[2] / "app"
    classes = {node.name: node for path in app.rglob("*.py") for node in ast.walk(ast.parse(path.read_text("utf-8")))
               if isinstance(node, ast.ClassDef)}

    def bases(node: ast.ClassDef) -> list[str]:
        return [b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases]

    parts: set[str] = set()
    for node in classes.values():
        names = bases(node)
        qt = next((i for i, name in enumerate(names) if name.startswith("Q")), None)
        parts.update(names[:qt] if qt is not None else [])
    while grown := {b for part in parts & classes.keys() for b in bases(classes[part]) if b in classes} - parts:
        parts |= grown  # a part's own bases are parts too
    counted = [f"{name}:{call.lineno}" for name in sorted(parts & classes.keys()) for call in ast.walk(classes[name])
               if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "tr"
               and len(call.args) >= 3]
    assert {"WritingOutput", "EntryFields"} <= parts and counted == []
