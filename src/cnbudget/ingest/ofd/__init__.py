"""The OFD reader (GB/T 33190): zipped XML read with lxml into the PDF reader's grid."""

from cnbudget.ingest.ofd.reader import read_ofd

__all__ = ["read_ofd"]
