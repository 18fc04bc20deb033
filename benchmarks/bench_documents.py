"""The four referral documents for a fully filled case (long notes, 20 visits, 3 assessments with 15 indicators
observed each, a photo): data -> DocumentSpec -> PDF bytes, median wall time of RUNS against the 150 ms target,
and the median CPU time of the process (the same work without the waits when other processes share the cores).

Each is printed next to a bare reportlab document of the same content built in the same run: the spec's texts as
plain Paragraphs and Tables in the same bundled fonts, without our builders, markup (fallback fonts, shaping),
letterhead, footer or page-x-of-y second pass. The ratio is what the builders and the renderer add.

    python benchmarks/run.py documents
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `python benchmarks/bench_documents.py` runs it alone, as the other benchmarks
    sys.path.insert(0, str(ROOT))

from benchmarks.common import median, timed  # noqa: E402

RUNS = 20
TARGET_S = 0.150


def _cases():
    from dataclasses import replace

    from tests.reports import document_cases as C

    full = C.child(photo=True)
    return {
        "facility": replace(C.facility_data(), child=full),
        "police": C.police_data(),
        "missing": C.missing_data(),
        "summary": replace(C.summary_data(), child=full),
    }


def bare_reportlab(spec) -> bytes:
    """The spec's content as a plain reportlab document: same fonts, no builders, no markup, one pass."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Table

    from ospod_desktop.reports.pdf import fonts
    from ospod_desktop.reports.pdf.model import Fields, Photo, Text
    from ospod_desktop.reports.pdf.model import Table as SpecTable

    fonts.register()
    body = ParagraphStyle("b", fontName=fonts.REGULAR, fontSize=9.5, leading=12)
    head = ParagraphStyle("h", fontName=fonts.BOLD, fontSize=12, leading=15)

    def p(text: str, style=body) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), style)

    story: list = [p(spec.title, head)]
    for section in spec.sections:
        story.append(p(section.title, head))
        for block in section.blocks:
            if isinstance(block, Fields):
                story.append(Table([[p(k), p(v)] for k, v in block.rows], colWidths=(50 * mm, 120 * mm)))
            elif isinstance(block, SpecTable):
                rows = [[p(c) for c in block.header], *([p(c) for c in r] for r in block.rows)]
                story.append(Table(rows, repeatRows=1) if block.rows else p(block.empty))
            elif isinstance(block, Text):
                story.append(p(block.text))
            elif isinstance(block, Photo):
                story.append(Image(io.BytesIO(block.jpeg), width=45 * mm, height=60 * mm))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, invariant=True, title=spec.title).build(story)
    return out.getvalue()


def run() -> list[dict]:
    from pypdf import PdfReader

    from ospod_desktop.reports.documents.build import build, render_document

    out: list[dict] = []
    for name, data in _cases().items():
        render_document(data)  # warm: fonts registered, catalogs loaded
        ours = [timed(render_document, data)[0] for _ in range(RUNS)]
        spec = build(data)
        bare_reportlab(spec)
        bare = [timed(bare_reportlab, spec)[0] for _ in range(RUNS)]
        pages = len(PdfReader(io.BytesIO(render_document(data))).pages)
        bare_pages = len(PdfReader(io.BytesIO(bare_reportlab(spec))).pages)
        value, base = median(ours), median(bare)
        cpu = []  # the process's CPU time: what the document costs when other processes share the cores
        for _ in range(RUNS):
            started = time.process_time()
            render_document(data)
            cpu.append(time.process_time() - started)
        out += [
            {"name": f"document_{name}_ms ({pages} pages)", "value": value * 1000, "unit": "ms",
             "target": f"<= {TARGET_S * 1000:.0f} ms", "baseline": base * 1000, "ok": value <= TARGET_S},
            {"name": f"bare_reportlab_{name}_ms ({bare_pages} pages)", "value": base * 1000, "unit": "ms",
             "target": "(baseline)"},
            {"name": f"document_{name}_cpu_ms", "value": median(cpu) * 1000, "unit": "ms", "target": "(info)"},
        ]
    return out


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']:<44} {row['value']:8.1f} {row['unit']}  {row['target']}")
