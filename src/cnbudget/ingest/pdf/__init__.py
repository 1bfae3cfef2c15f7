"""The PDF reader (text-layer PDFs): pdfium characters and rulings, our own grid."""

from cnbudget.ingest.pdf.reader import read_pdf

__all__ = ["read_pdf"]
