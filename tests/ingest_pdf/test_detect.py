"""Format detection by content, the PDF cases and text encodings."""

import pytest

from cnbudget.ingest.detect import detect_format, text_encoding
from cnbudget.ingest.errors import UnreadableSource

from .drawing import PageSpec, make_pdf

BUDGET_LINE = "一般公共服务支出\t1,107.56\n部门：江苏省人民检察院\n"


def test_pdf_by_content_not_name():
    data = make_pdf([PageSpec(texts=[(60, 100, "部门预算")])])
    assert detect_format(data, "report.xlsx") == "pdf"
    assert detect_format(b"\r\n" + data, "x") == "pdf"  # junk before the header, as some servers send


def test_encrypted_pdf_is_still_a_pdf_for_the_reader_to_report():
    assert detect_format(make_pdf([PageSpec()], encrypt="pw"), "x") == "pdf"


@pytest.mark.parametrize(("encoding", "expected"), [("utf-8", "utf-8"), ("gbk", "gb18030"), ("gb18030", "gb18030")])
def test_text_encodings(encoding, expected):
    data = (BUDGET_LINE * 50).encode(encoding)
    assert text_encoding(data) == expected
    assert detect_format(data, "x.bin") == "text"


def test_gbk_cut_mid_character_is_still_text():
    data = (BUDGET_LINE * 4000).encode("gbk")
    assert len(data) > 65536
    assert detect_format(data, "x") == "text"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "OCR"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 50, "OCR"),
        (b"Rar!\x1a\x07\x00" + b"\x00" * 50, "archive"),
        (bytes(range(1, 32)) * 40, "not a format"),
        (b"   \n", "empty"),
    ],
)
def test_unreadable_files_say_why(data, reason):
    with pytest.raises(UnreadableSource, match=reason):
        detect_format(data, "x")
