"""A `DocumentSpec` (reports.pdf.model) laid out on A4 with reportlab platypus: the bundled fonts only, the
letterhead, the recipient, the date and time of issue, the sections, the signature, and on every page the footer
("č.j. …", "Strana x / y", the confidentiality line, the footer note). The same spec gives the same bytes (the
disclosure register hashes them): `invariant=True` fixes the creation date and the document id."""

from __future__ import annotations

import io
from zoneinfo import ZoneInfo

from ospod_desktop.core.i18n import _, current_language, language
from ospod_desktop.reports.pdf import fonts
from ospod_desktop.reports.pdf.model import Block, DocumentSpec, Fields, Keep, Photo, Section, Signature, Table, Text
from ospod_desktop.reports.pdf.text import clean, para

PRAGUE = ZoneInfo("Europe/Prague")
CREATOR = "OSPOD Desktop"
DASH = "–"
LONG_VALUE = 1200  # a Fields value longer than this flows below its label (a table row cannot split)


def render(spec: DocumentSpec) -> bytes:
    """The PDF of `spec`, its own words (č.j., Strana, Vydáno …) in `spec.lang`."""
    fonts.register()
    with language(spec.lang):
        return _Renderer(spec).build()


class _Renderer:
    def __init__(self, spec: DocumentSpec) -> None:
        from reportlab.lib.units import mm

        from ospod_desktop.reports.pdf import _layout

        self.spec = spec
        self.mm = mm
        self.styles = _layout.styles()
        self.layout = _layout

    def p(self, text: str, style: str = "body"):  # type: ignore[no-untyped-def]
        from reportlab.platypus import Paragraph

        text = text if text.strip() else DASH
        shaped = fonts.needs_shaping(text)
        chosen = self.styles[style + ("~" if shaped else "")]
        markup = para(text, bold=chosen.fontName == fonts.BOLD)
        if shaped:
            from ospod_desktop.reports.pdf._bidi import Paragraph as BidiParagraph
            from ospod_desktop.reports.pdf._bidi import base_rtl

            return BidiParagraph(markup, chosen, rtl=base_rtl(text))
        return Paragraph(markup, chosen)

    def build(self) -> bytes:
        from reportlab.lib.pagesizes import A4
        from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

        spec, mm = self.spec, self.mm
        buf = io.BytesIO()
        width, height = A4
        margin = 20 * mm
        bottom = 30 * mm  # room for the footer lines
        doc = BaseDocTemplate(
            buf,
            pagesize=A4,
            leftMargin=margin,
            rightMargin=margin,
            topMargin=margin,
            bottomMargin=bottom,
            title=clean(spec.title),
            author=clean(spec.letterhead.office),
            subject=clean(spec.subject),
            keywords="; ".join(clean(k) for k in spec.keywords),
            creator=CREATOR,
            invariant=True,
            initialFontName=fonts.REGULAR,
        )
        self.text_width = width - 2 * margin
        pads = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
        first = Frame(margin, bottom, self.text_width, height - margin - bottom, id="first", **pads)
        later = Frame(margin, bottom, self.text_width, height - margin - 8 * mm - bottom, id="later", **pads)
        doc.addPageTemplates(
            [
                PageTemplate(id="First", frames=[first], autoNextPageTemplate="Later"),
                PageTemplate(id="Later", frames=[later]),
            ]
        )
        story = self.first_page()
        for section in spec.sections:
            story.extend(self.section(section))
        if spec.signature is not None:
            story.append(self.signature(spec.signature))
        footer = self.layout.Footer(self, margin, bottom, width, height)
        doc.build(story, canvasmaker=self.layout.numbered_canvas(footer))
        return buf.getvalue()

    # ---- first page -------------------------------------------------------------------------------------------
    def issued(self) -> str:
        from babel.dates import format_date, format_time

        local = self.spec.issued_at.astimezone(PRAGUE)
        lang = current_language()  # spec.lang, or Czech for a code the app has no catalog for
        return f"{format_date(local.date(), 'medium', locale=lang)} {format_time(local.time(), 'short', locale=lang)}"

    def first_page(self) -> list:
        from reportlab.platypus import Spacer
        from reportlab.platypus import Table as RLTable

        spec, mm = self.spec, self.mm
        head = [self.p(spec.letterhead.office, "office")]
        if spec.letterhead.address.strip():
            head.append(self.p(spec.letterhead.address, "small"))
        head.extend(self.p(line, "small") for line in spec.letterhead.lines if line.strip())
        recipient: list | str = [self.p(line, "body") for line in spec.recipient if line.strip()] or ""  # none: blank
        top = RLTable(
            [[head, recipient]],
            colWidths=[self.text_width * 0.55, self.text_width * 0.45],
            style=self.layout.TOP_STYLE,
        )
        rows = [(_("Ref. no."), spec.reference)] if spec.reference.strip() else []  # a statistics export has none
        if spec.case_mark.strip():
            rows.append((_("File mark"), spec.case_mark))
        if spec.issuer.strip():  # a statistics export names nobody
            rows.append((_("Issued by"), spec.issuer))
        rows.append((_("Date and time of issue"), self.issued()))
        meta = RLTable(
            [[self.p(label, "label"), self.p(value, "small")] for label, value in rows],
            colWidths=[self.text_width * 0.3, self.text_width * 0.7],
            style=self.layout.META_STYLE,
            hAlign="LEFT",
        )
        story: list = [top, Spacer(1, 6 * mm), meta, Spacer(1, 5 * mm), self.p(spec.title, "title")]
        if spec.urgent.strip():
            story.append(self.banner(spec.urgent))
        return story

    def banner(self, text: str):  # type: ignore[no-untyped-def]
        from reportlab.platypus import Table as RLTable

        return RLTable([[self.p(text, "banner")]], colWidths=[self.text_width], style=self.layout.BANNER_STYLE)

    # ---- sections ---------------------------------------------------------------------------------------------
    def section(self, section: Section) -> list:
        from reportlab.platypus import CondPageBreak, KeepTogether

        heading, first = self.p(section.title, "heading"), section.blocks[:1]
        if first and isinstance(first[0], Keep):  # the heading goes where its first table goes (one KeepTogether:
            # a nested one always breaks the page)
            kept = KeepTogether([heading, *self.blocks(first[0].blocks)])
            return [CondPageBreak(25 * self.mm), kept, *self.blocks(section.blocks[1:])]
        return [CondPageBreak(25 * self.mm), heading, *self.blocks(section.blocks)]

    def blocks(self, blocks: tuple[Block, ...]) -> list:
        from reportlab.platypus import CondPageBreak, KeepTogether

        out: list = []
        for block in blocks:
            if isinstance(block, Keep):
                out.append(KeepTogether(self.blocks(block.blocks)))
            elif isinstance(block, Fields):
                out.extend(self.fields(block))
            elif isinstance(block, Text):
                style = block.style if block.style in self.layout.TEXT_STYLES else "body"
                if style == "bold":  # a lead-in ("Notes"): never the last line of a page, away from its text
                    out.append(CondPageBreak(20 * self.mm))
                out.append(self.p(block.text, style))
            elif isinstance(block, Table):
                out.append(self.table(block))
            elif isinstance(block, Photo):
                out.append(self.photo(block))
        return out

    def fields(self, block: Fields) -> list:
        from reportlab.platypus import Table as RLTable

        out: list = []
        rows: list = []

        def flush() -> None:
            if rows:
                out.append(
                    RLTable(
                        list(rows),
                        colWidths=[self.text_width * 0.32, self.text_width * 0.68],
                        style=self.layout.FIELDS_STYLE,
                        splitInRow=1,
                    )
                )
                rows.clear()

        for label, value in block.rows:
            if len(value) > LONG_VALUE:
                flush()
                out.extend([self.p(label, "label"), self.p(value, "body")])
            else:
                rows.append([self.p(label, "label"), self.p(value, "value")])
        flush()
        return out

    def table(self, block: Table):  # type: ignore[no-untyped-def]
        from reportlab.platypus import Table as RLTable

        if not block.rows:
            return self.p(block.empty or DASH, "small")
        n = len(block.header)
        shares = block.widths if block.widths and len(block.widths) == n else (1.0,) * n
        total = sum(shares) or 1.0
        widths = [self.text_width * s / total for s in shares]
        data = [[self.p(h, "th") for h in block.header]]
        for row in block.rows:
            cells = list(row[:n]) + [""] * (n - len(row))
            data.append([self.p(c, "td") for c in cells])
        return RLTable(
            data, colWidths=widths, repeatRows=1, splitInRow=1, style=self.layout.TABLE_STYLE,
            hAlign="LEFT",
        )

    def photo(self, block: Photo):  # type: ignore[no-untyped-def]
        from reportlab.lib.utils import ImageReader
        from reportlab.platypus import Image, KeepTogether

        reader = ImageReader(io.BytesIO(block.jpeg))
        w, h = reader.getSize()
        scale = min(45 * self.mm / w, 60 * self.mm / h)
        image = Image(io.BytesIO(block.jpeg), width=w * scale, height=h * scale, hAlign="LEFT")
        parts = [image]
        if block.caption.strip():
            parts.append(self.p(block.caption, "small"))
        return KeepTogether(parts)

    def signature(self, sig: Signature):  # type: ignore[no-untyped-def]
        from reportlab.platypus import KeepTogether, Spacer
        from reportlab.platypus import Table as RLTable

        mm = self.mm
        parts: list = [Spacer(1, 8 * mm)]
        if sig.place_date.strip():
            parts.append(self.p(sig.place_date, "body"))
        parts.append(Spacer(1, 16 * mm))
        signer = [self.p(_("Signature"), "small"), self.p(sig.name, "bold")]
        if sig.role.strip():
            signer.append(self.p(sig.role, "small"))
        stamp = [self.p(_("Official stamp"), "small")]
        parts.append(
            RLTable(
                [[signer, "", stamp]],
                colWidths=[self.text_width * 0.45, self.text_width * 0.15, self.text_width * 0.4],
                style=self.layout.SIGNATURE_STYLE,
                hAlign="LEFT",
            )
        )
        return KeepTogether(parts)
