"""The reader's unchecked pdfium calls (ingest/pdf/calls.py) and its one-call read of
a character box give what pypdfium2's checked bindings give."""

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from cnbudget.ingest.pdf import calls
from cnbudget.ingest.pdf.chars import _RECT

from .drawing import PageSpec, grid_table, make_pdf


def test_rect_struct_is_four_floats_left_top_right_bottom():
    assert [name for name, _ in pdfium_c.FS_RECTF._fields_] == ["left", "top", "right", "bottom"]
    assert _RECT.size == ctypes.sizeof(pdfium_c.FS_RECTF)
    rect = pdfium_c.FS_RECTF(1.5, 2.25, 3.125, -4.0)
    assert _RECT.unpack_from(rect) == (1.5, 2.25, 3.125, -4.0)


def test_unchecked_calls_agree_with_the_bindings():
    table = grid_table(60, 100, [90, 160, 90], [["科目编码", "科目名称", "金额"], ["201", "一般公共服务支出", "1,107.56"]])
    pdf = pdfium.PdfDocument(make_pdf([PageSpec(tables=[table])]))
    page = pdf[0]
    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        count = pdfium_c.FPDFText_CountChars(handle)
        assert count > 0 and calls.count_chars(handle) == count
        checked, unchecked = pdfium_c.FS_RECTF(), pdfium_c.FS_RECTF()
        for i in range(count):
            assert calls.loose_char_box(handle, i, ctypes.byref(unchecked)) == pdfium_c.FPDFText_GetLooseCharBox(handle, i, checked)
            assert _RECT.unpack_from(unchecked) == _RECT.unpack_from(checked)
            assert calls.char_angle(handle, i) == pdfium_c.FPDFText_GetCharAngle(handle, i)
        objects = pdfium_c.FPDFPage_CountObjects(page.raw)
        assert calls.count_objects(page.raw) == objects
        segments = 0
        for i in range(objects):
            obj, mine = pdfium_c.FPDFPage_GetObject(page.raw, i), calls.get_object(page.raw, i)
            assert ctypes.cast(obj, ctypes.c_void_p).value == mine.value
            assert calls.object_type(mine) == pdfium_c.FPDFPageObj_GetType(obj)
            if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_PATH:
                continue
            n = pdfium_c.FPDFPath_CountSegments(obj)
            assert calls.count_segments(mine) == n
            for k in range(n):
                seg = pdfium_c.FPDFPath_GetPathSegment(obj, k)
                x, y, ux, uy = (ctypes.c_float() for _ in range(4))
                pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
                useg = calls.get_segment(mine, k)
                calls.segment_point(useg, ctypes.byref(ux), ctypes.byref(uy))
                assert (ux.value, uy.value) == (x.value, y.value)
                assert calls.segment_type(useg) == pdfium_c.FPDFPathSegment_GetType(seg)
                segments += 1
        assert segments > 0
    finally:
        textpage.close()
        page.close()
        pdf.close()
