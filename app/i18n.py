"""Loading the French translation, and translating the core's messages (which carry no Qt).

Vigie's catalogue goes with Qt's own (qtbase_fr: the standard buttons, the
file dialogs, the context menus) and the French locale, so that calendars,
day and month names and numbers are French whatever the system's language.
"""

from __future__ import annotations

import functools
import logging
import warnings
from datetime import datetime
from importlib import resources
from typing import Any

from app.errors import QT_TRANSLATE_NOOP, VigieError
from app.qt import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from app.reasons import REASONS_CONTEXT, Reason

LANGUAGE = "fr"
_TRANSLATOR = "vigieTranslator"
_QT_TRANSLATOR = "qtTranslator"
log = logging.getLogger("vigie.i18n")

# Qt's own strings that its French catalogue (qtbase_fr) lacks: Vigie's catalogue, searched first, has them.
QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)


class UntranslatedWarning(UserWarning):
    """A visible string has no French translation (the test suite fails on it)."""


def install_translator(app: QCoreApplication) -> QTranslator:
    """Vigie's French, Qt's own French and the French locale, once per application; returns Vigie's translator."""
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    if app.findChild(QTranslator, _QT_TRANSLATOR) is None:
        qt = QTranslator(app)
        qt.setObjectName(_QT_TRANSLATOR)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(f"qtbase_{LANGUAGE}", folder):
            app.installTranslator(qt)
        else:  # a build without Qt's catalogues: Vigie's own French still shows
            log.warning("Qt's own translation qtbase_%s is not in %s", LANGUAGE, folder)
    global _installed
    translator = app.findChild(QTranslator, _TRANSLATOR)
    if translator is None:
        translator = _loaded(QTranslator(app))
        translator.setObjectName(_TRANSLATOR)
        app.installTranslator(translator)
    _installed = translator
    return translator


# Vigie's translator once installed, read by _lacks_translation from any thread: the services translate
# in the task manager's workers, where walking the application's children (findChild) would race the
# GUI thread adding and removing them.
_installed: QTranslator | None = None


def _loaded(translator: QTranslator) -> QTranslator:
    qm = resources.files("app.resources") / "translations" / f"vigie_{LANGUAGE}.qm"
    with resources.as_file(qm) as path:
        if not translator.load(str(path)):
            raise RuntimeError(f"cannot load the translation {path}")
    return translator


@functools.cache
def _standalone() -> QTranslator:
    """The catalogue without an application object: the command line's help, before any Qt app."""
    return _loaded(QTranslator())


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1, **params: Any) -> str:
    """*text* in French, with {placeholders} filled after translation.

    A text with `%n` takes its count as *n*, which picks the plural form and replaces `%n`, as
    Qt's tr() does. lupdate marks a message plural when it reads `self.tr(text, "", count)`
    (a non-Qt class may have a `tr` of its own over this function: app/cli/sync.py's SyncCounts);
    of a bare translate() call it takes only a literal number as the count.
    """
    if QCoreApplication.instance() is None:
        translated = _standalone().translate(context, text, disambiguation, n) or text
        if n >= 0:
            translated = translated.replace("%n", str(n))
    else:
        translated = QCoreApplication.translate(context, text, disambiguation, n)
    if translated == _untranslated(text, n) and text.strip() and _lacks_translation(context, text):
        warnings.warn(f"no French translation for [{context}] {text!r}", UntranslatedWarning, stacklevel=2)
    if params:
        return translated.format(**params)
    return translated


class Plurals:
    """Sentences with a count in them, outside Qt's widgets (the command line): a subclass's
    `self.tr(text, "", count)` are read by lupdate as plural messages of a context named after
    the subclass, and said here in their plural form."""

    def tr(self, text: str, disambiguation: str = "", n: int = -1) -> str:
        return translate(type(self).__name__, text, disambiguation or None, n)


def translate_error(error: VigieError) -> str:
    """The error's sentence in French; one with `%n` takes its `count` parameter as the plural's count."""
    n = int(error.params["count"]) if "%n" in error.message and "count" in error.params else -1
    return translate("errors", error.message, None, n,
                     **{name: _shown(value) for name, value in error.params.items()})


def _shown(value: Any) -> Any:
    """A parameter as the user reads it: field names and reasons translated, times in local time."""
    if isinstance(value, datetime):
        return value.astimezone().strftime("%d/%m/%Y %H:%M")
    if isinstance(value, Reason):
        return translate(REASONS_CONTEXT, value)
    if isinstance(value, str) and _is_field_label(value):
        return translate("fields", value)
    return value


def _is_field_label(value: str) -> bool:
    translator = _installed if QCoreApplication.instance() is not None else None
    return translator is not None and bool(translator.translate("fields", value))


def _untranslated(text: str, n: int) -> str:
    """*text* as translate() gives it back when nothing translates it."""
    return text.replace("%n", str(n)) if n >= 0 else text


def _lacks_translation(context: str, text: str) -> bool:
    """True when Vigie's translator is installed and has nothing for this string.

    Asked only of a string that came back as its English source, which is what a person would see: one
    that came back in French has its translation. (The suite once saw this lookup find nothing, from a
    worker thread, for a string that the catalogue holds; the cause was not found.)"""
    translator = _installed if QCoreApplication.instance() is not None else None
    return translator is not None and not translator.translate(context, text)
