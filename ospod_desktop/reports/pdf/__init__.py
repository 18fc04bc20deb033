"""A4 documents with reportlab platypus: a plain `DocumentSpec` in (`reports.pdf.model`), PDF bytes out
(`reports.pdf.render.render`)."""
