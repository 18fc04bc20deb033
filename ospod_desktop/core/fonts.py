"""The fonts bundled in `resources/fonts/` and the order they are tried in, for Qt and for PDFs.

DejaVu Sans draws Latin (Czech, Slovak, Romanian, Vietnamese), Cyrillic, Georgian, Armenian and the Arabic
letters of Arabic and Persian. The register's other names need more: Noto Sans Arabic UI adds the letters of
Urdu, Pashto and Sorani that DejaVu lacks (ہ ے ۃ ۍ ...), Noto Sans Bengali UI draws Bengali, Noto Sans
Ethiopic Tigrinya and Amharic. The "UI" cuts fit their tall scripts into a Latin line height (table rows).
Without them Qt draws an empty box for each letter, silently. Licences: LICENSE-DejaVu.txt, LICENSE-Noto.txt.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BundledFont:
    family: str  # the family name inside the files (what Qt and a PDF register it as)
    regular: str  # file names in resources/fonts/
    bold: str


BASE = BundledFont("DejaVu Sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
# Tried in this order for a character the base font lacks.
FALLBACKS = (
    BundledFont("Noto Sans Arabic UI", "NotoSansArabicUI-Regular.ttf", "NotoSansArabicUI-Bold.ttf"),
    BundledFont("Noto Sans Bengali UI", "NotoSansBengaliUI-Regular.ttf", "NotoSansBengaliUI-Bold.ttf"),
    BundledFont("Noto Sans Ethiopic", "NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf"),
)
BUNDLED = (BASE, *FALLBACKS)
