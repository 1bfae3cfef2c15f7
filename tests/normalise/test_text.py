"""Text normalisation: what is folded for matching and what is repaired in what is kept."""

from __future__ import annotations

from cnbudget.normalise.text import join_wrapped


def test_join_wrapped_drops_only_spaces_where_a_chinese_cell_wrapped():
    assert join_wrapped("接到印刷任务到完成印刷时 间≤5工作日") == "接到印刷任务到完成印刷时间≤5工作日"
    assert join_wrapped("公文、文件等印刷品合格率 ≥95%") == "公文、文件等印刷品合格率≥95%"
    # beside Latin letters and digits a space is printed on purpose
    assert join_wrapped("保障 127 个社 区、全区各部门 pc 机") == "保障 127 个社区、全区各部门 pc 机"
