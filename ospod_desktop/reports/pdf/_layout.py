"""The renderer's styles, table styles, running header and footer, and the canvas that numbers "x / y"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ospod_desktop.core.i18n import _, language
from ospod_desktop.reports.pdf import fonts
from ospod_desktop.reports.pdf.text import para

if TYPE_CHECKING:
    from ospod_desktop.reports.pdf.render import _Renderer

TEXT_STYLES = ("body", "small", "bold", "urgent", "quote")
RED = "#b00020"
GREY = "#6b6b6b"
LINE = "#9a9a9a"
HEAD_BG = "#e6e6e6"


def styles() -> dict[str, Any]:
    """Paragraph styles by name; `name + "~"` is the same style with HarfBuzz shaping (Arabic, Bengali)."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm

    base = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=10, leading=13.5, spaceAfter=4, alignment=TA_LEFT)
    out: dict[str, Any] = {
        "body": base,
        "small": ParagraphStyle("small", base, fontSize=8.5, leading=11, spaceAfter=1),
        # A bold line leads in what follows it ("Notes", "Reasons for the outcome"): not glued to a table above
        # it (render.section keeps it off the foot of a page).
        "bold": ParagraphStyle("bold", base, fontName=fonts.BOLD, spaceBefore=4),
        "urgent": ParagraphStyle("urgent", base, fontName=fonts.BOLD, textColor=colors.HexColor(RED)),
        "quote": ParagraphStyle(
            "quote", base, leftIndent=8 * mm, textColor=colors.HexColor("#333333"), borderPadding=(0, 0, 0, 3)
        ),
        "office": ParagraphStyle("office", base, fontName=fonts.BOLD, fontSize=12, leading=15, spaceAfter=2),
        "label": ParagraphStyle("label", base, fontName=fonts.BOLD, fontSize=8.5, leading=11, spaceAfter=0),
        "value": ParagraphStyle("value", base, fontSize=9.5, leading=12.5, spaceAfter=0),
        "title": ParagraphStyle("title", base, fontName=fonts.BOLD, fontSize=15, leading=19, spaceAfter=6),
        "heading": ParagraphStyle(
            "heading", base, fontName=fonts.BOLD, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=4
        ),
        "banner": ParagraphStyle(
            "banner", base, fontName=fonts.BOLD, fontSize=12, leading=15, textColor=colors.white, spaceAfter=0
        ),
        "th": ParagraphStyle("th", base, fontName=fonts.BOLD, fontSize=8.5, leading=11, spaceAfter=0),
        "td": ParagraphStyle("td", base, fontSize=8.5, leading=11, spaceAfter=0),
        "footer": ParagraphStyle("footer", base, fontSize=7.5, leading=9.5, spaceAfter=0, textColor=colors.black),
        "header": ParagraphStyle("header", base, fontSize=8, leading=10, spaceAfter=0, textColor=colors.HexColor(GREY)),
    }
    for name, style in list(out.items()):
        out[name + "~"] = ParagraphStyle(name + "~", style, shaping=1)
    return out


def _table_styles() -> tuple[Any, ...]:
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    # A cell's own font (reportlab's default: Helvetica) is set even when every cell holds a paragraph.
    font = ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR)
    pad = [font, ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    top = TableStyle([font, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    meta = TableStyle(
        [font, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
         ("LEFTPADDING", (0, 0), (-1, -1), 0)]
    )
    banner = TableStyle(
        [font, ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(RED)), ("TOPPADDING", (0, 0), (-1, -1), 5),
         ("BOTTOMPADDING", (0, 0), (-1, -1), 6), ("LEFTPADDING", (0, 0), (-1, -1), 6)]
    )
    fields = TableStyle(
        [*pad, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor(LINE)),
         ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    )
    table = TableStyle(
        [*pad, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor(LINE)),
         ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(HEAD_BG))]
    )
    signature = TableStyle(
        [font, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
         ("LINEABOVE", (0, 0), (0, 0), 0.6, colors.black), ("LINEABOVE", (2, 0), (2, 0), 0.6, colors.black)]
    )
    return top, meta, banner, fields, table, signature


TOP_STYLE, META_STYLE, BANNER_STYLE, FIELDS_STYLE, TABLE_STYLE, SIGNATURE_STYLE = _table_styles()


class Footer:
    """Draws the one-line running header (pages after the first) and the footer of every page."""

    def __init__(self, renderer: _Renderer, margin: float, bottom: float, width: float, height: float) -> None:
        self.r = renderer
        self.margin, self.bottom, self.width, self.height = margin, bottom, width, height
        spec = renderer.spec
        self.lang = spec.lang
        with language(spec.lang):
            ref = f"{_('Ref. no.')} {spec.reference}" if spec.reference.strip() else ""
            if spec.case_mark.strip():
                ref += f"   {_('File mark')} {spec.case_mark}"
            self.ref = ref
            self.page_word = _("Page {page} / {pages}")
        self.office = spec.letterhead.office
        self.lines = [line for line in (spec.confidentiality, spec.footer_note) if line.strip()]

    def _para(self, text: str, style: str):  # type: ignore[no-untyped-def]
        from reportlab.platypus import Paragraph

        shaped = fonts.needs_shaping(text)
        chosen = self.r.styles[style + ("~" if shaped else "")]
        markup = para(text, bold=chosen.fontName == fonts.BOLD)
        if shaped:
            from ospod_desktop.reports.pdf._bidi import Paragraph as BidiParagraph
            from ospod_desktop.reports.pdf._bidi import base_rtl

            return BidiParagraph(markup, chosen, rtl=base_rtl(text))
        return Paragraph(markup, chosen)

    def draw(self, canvas: Any, page: int, pages: int) -> None:
        from reportlab.lib import colors

        width = self.width - 2 * self.margin
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor(LINE))
        canvas.setLineWidth(0.5)
        if page > 1:
            head = self._para(f"{self.office}   ·   {self.ref}" if self.ref else self.office, "header")
            _w, h = head.wrap(width, 20)
            y = self.height - self.margin - h
            head.drawOn(canvas, self.margin, y)
            canvas.line(self.margin, y - 2, self.width - self.margin, y - 2)
        # Bottom up: the footer note, the confidentiality line, then the reference and the page number.
        y = 10 * self.r.mm
        for text in reversed(self.lines):
            p = self._para(text, "footer")
            _w, h = p.wrap(width, 40)
            p.drawOn(canvas, self.margin, y)
            y += h + 1
        ref = self._para(self.ref or self.office, "footer")  # no reference (a statistics export): the office
        _w, h = ref.wrap(width * 0.7, 20)
        ref.drawOn(canvas, self.margin, y + 1)
        canvas.setFont(fonts.REGULAR, 7.5)
        canvas.drawRightString(self.width - self.margin, y + 3, self.page_word.format(page=page, pages=pages))
        canvas.line(self.margin, y + h + 3, self.width - self.margin, y + h + 3)
        canvas.restoreState()


def numbered_canvas(footer: Footer) -> type:
    """A canvas class that keeps each page until the end, then draws `footer` on it knowing the page count."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                footer.draw(self, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas
