"""A PDF shown from bytes in memory (QtPdf, from the PySide6-Pdf wheel), and its pages printed on a QPrinter.

The document never touches the disk: a preview is not a disclosure, so nothing of it may be left in a file.
`PdfPreview.show_pdf(data)` loads the bytes through a QBuffer the preview keeps alive as long as the document
reads from it; `print_pdf(data, printer)` paints every page (rendered by QPdfDocument at the printer's
resolution) onto the printer.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRect, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QWidget

from ospod_desktop.core.errors import OspodError
from ospod_desktop.core.i18n import _


class PdfNotReadable(OspodError):
    """The bytes are not a PDF QtPdf can read (never the case for our own documents)."""

    def __init__(self) -> None:
        super().__init__(_("The document could not be shown."), "document")


def load_document(data: bytes) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument reading `data` from memory, and the buffer it reads from (keep both).

    Neither has a Qt parent: a QPdfDocument that is a child of the QPdfView showing it crashes the view's
    destructor (PySide6 6.12); held by Python they are released after the view."""
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        document.close()
        buffer.close()
        raise PdfNotReadable()
    return document, buffer


class PdfPreview(QPdfView):
    """The pages one below the other, fitted to the width; empty until `show_pdf`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_preview")
        self.setPageMode(QPdfView.PageMode.MultiPage)
        self.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.setPageSpacing(8)
        self._document: QPdfDocument | None = None
        self._buffer: QBuffer | None = None
        self._empty = QPdfDocument()  # shown instead of none (setDocument(None) warns)

    def show_pdf(self, data: bytes) -> QPdfDocument:
        """Show the PDF `data` (replacing what was shown); raises PdfNotReadable for bytes that are no PDF."""
        document, buffer = load_document(data)
        old_document, old_buffer = self._document, self._buffer
        self.setDocument(document)
        self._document, self._buffer = document, buffer
        for old in (old_document, old_buffer):
            if old is not None:
                old.close()
        return document

    def clear_pdf(self) -> None:
        self.setDocument(self._empty)
        for old in (self._document, self._buffer):
            if old is not None:
                old.close()
        self._document = self._buffer = None

    def page_count(self) -> int:
        return self._document.pageCount() if self._document is not None else 0


def print_pdf(data: bytes, printer) -> int:
    """Print every page of the PDF `data` on `printer` (a QPrinter, set up by a QPrintDialog or a test); each
    page is rendered at the printer's resolution and scaled to its printable area. Returns the pages printed."""
    document, buffer = load_document(data)
    try:
        first, last = 0, document.pageCount() - 1
        if printer.fromPage() > 0:  # the user chose a range in the print dialog (1-based)
            first = max(0, printer.fromPage() - 1)
            last = min(last, max(first, printer.toPage() - 1))
        painter = QPainter()
        if not painter.begin(printer):
            raise PrinterNotReady()
        try:
            printed = 0
            for index in range(first, last + 1):
                if printed:
                    printer.newPage()
                _paint_page(painter, document, index, printer.pageLayout().paintRectPixels(printer.resolution()))
                printed += 1
        finally:
            painter.end()
        return printed
    finally:
        document.close()
        buffer.close()


class PrinterNotReady(OspodError):
    def __init__(self) -> None:
        super().__init__(_("The printer could not be used. Check it and try again."), "printer")


def _paint_page(painter: QPainter, document: QPdfDocument, index: int, area: QRect) -> None:
    """One page scaled into `area` (device pixels), keeping its proportions, at the top left."""
    points = document.pagePointSize(index)
    if points.width() <= 0 or points.height() <= 0:
        return
    scale = min(area.width() / points.width(), area.height() / points.height())
    size = QSize(max(1, round(points.width() * scale)), max(1, round(points.height() * scale)))
    image: QImage = document.render(index, size)
    painter.drawImage(QPointF(0, 0), image)
