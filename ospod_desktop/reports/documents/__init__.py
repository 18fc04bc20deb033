"""The four documents about one child: plain data in (`reports.documents.data`), a `DocumentSpec` out, rendered
to PDF bytes by `reports.pdf.render`. Each builder translates inside `core.i18n.language(issue.lang)`."""
