"""Language of the whole UI: our gettext catalog plus Qt's own strings (standard buttons, dialogs)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ospod_desktop.core import i18n

_installed: list[QTranslator] = []


def apply_language(lang: str) -> str:
    """Switch gettext and Qt's translator to `lang`; returns the language actually set."""
    i18n.set_language(lang)
    lang = i18n.current_language()
    QLocale.setDefault(QLocale(lang))
    app = QCoreApplication.instance()
    if app is not None:
        for old in _installed:
            app.removeTranslator(old)
        _installed.clear()
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(f"qtbase_{lang}", folder):
            app.installTranslator(translator)
            _installed.append(translator)
    return lang


def language_name(lang: str) -> str:
    """A language's name in that language (e.g. "Čeština"), from Qt's CLDR data."""
    name = QLocale(lang).nativeLanguageName()
    return name[:1].upper() + name[1:] if name else lang
