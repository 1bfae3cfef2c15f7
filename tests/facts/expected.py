"""What a reader quotes from each seed's 情况说明, checked by hand against the seed text.

Each entry: (key, subject, printed figure, printed unit, line where the quote
starts, a fragment of the quote). Figures are written as printed; the tests
convert them independently of the code under test.
"""

from __future__ import annotations

from cnbudget.model.document import Kind

Expected = tuple[str, str | None, str, str, int, str]

SEED_META: dict[str, tuple[Kind, int]] = {
    "000": (Kind.BUDGET, 2020),
    "001": (Kind.FINAL_ACCOUNT, 2024),
    "002": (Kind.BUDGET, 2020),
    "003": (Kind.BUDGET, 2021),
    "004": (Kind.BUDGET, 2020),
}

SEED_FACTS: dict[str, list[Expected]] = {
    # 石家庄市数据资源管理局 2020 budget: lines wrapped at ~32 characters, blank lines between
    "000": [
        ("income_total", None, "4097.11", "万元", 640, "2020年预算收入 4097.11万元"),
        ("expenditure_total", None, "4097.11", "万元", 652, "2020年部门支出预算为 4097.11万元"),
        ("basic", None, "973.63", "万元", 652, "其中基本支出 973.63万元"),  # 基 / 本支出 split over lines
        ("personnel", None, "872.36", "万元", 654, "人员经费 872.36万元"),
        ("public", None, "101.27", "万元", 654, "日常公用经费 101.27万元"),
        ("project", None, "3123.48", "万元", 656, "项目支出 3123.48万元"),
        # 收支 together: the grand total, which the change after it is of
        ("grand_total", None, "4097.11", "万元", 672, "2020年部门预算收支安排 4097.11万元"),
        ("change_amount", "grand_total", "2589.55", "万元", 672, "较 2019年增加 2589.55万元"),
        ("change_amount", "basic", "412.67", "万元", 674, "基本支出增加 412.67万元"),
        ("change_amount", "project", "2176.88", "万元", 680, "项目支出增加 2176.88万元"),
        ("operating_cost", None, "59.69", "万元", 688, "机关运行经费共计安排 59.69万元"),
        ("three_public_total", None, "6.58", "万元", 696, "“三公”经费预算安排 6.58万元"),
        ("outbound", None, "0", "万元", 698, "因公出国（境）费 0万元"),
        ("vehicle_purchase", None, "0", "万元", 700, "公务用车购置费 0万元"),
        ("vehicle_operation", None, "5.8", "万元", 700, "公务用车运行维护费 5.8万元"),
        ("reception", None, "0.78", "万元", 700, "公务接待费0.78万元"),  # 公务接待费 / 0.78万元 split
        ("change_amount", "three_public_total", "3.36", "万元", 702, "“三公”经费与上年增加 3.36万元"),
        ("procurement_total", None, "2996.58", "万元", 1368, "政府采购预算 2996.58万元"),
    ],
    # 石家庄市数据局 2024 final account: the 决算 figures, never the 预算数 beside them
    "001": [
        ("grand_total", None, "37,837.39", "万元", 415, "收、支总计(含结转和结余)均为 37,837.39 万元"),
        ("change_amount", "grand_total", "-19,513.59", "万元", 415, "收支各减少 19,513.59 万元"),
        ("change_pct", "grand_total", "-34.0", "%", 415, "下降 34.0%"),
        ("income_total", None, "37,832.13", "万元", 421, "本年收入合计 37,832.13 万元"),
        ("expenditure_total", None, "37,837.39", "万元", 427, "本年支出合计 37,837.39 万元"),
        ("basic", None, "1,239.45", "万元", 427, "基本支出 1,239.45 万元"),
        ("project", None, "36,597.94", "万元", 427, "项目支出 36,597.94 万元"),
        # the 财政拨款 by 功能分类 类, each the item's own (scope.item), never the department's
        ("item_amount", None, "1,238.74", "万元", 461, "一般公共服务(类)支出 1,238.74 万元"),
        ("item_amount", None, "123.50", "万元", 461, "社会保障和就业(类)支出 123.50 万元"),
        ("item_amount", None, "71.90", "万元", 461, "卫生健康(类)支出 71.90"),
        ("item_amount", None, "36,305.52", "万元", 463, "资源勘探信息等(类)支出 36,305.52 万元"),
        ("item_amount", None, "97.73", "万元", 463, "住房保障(类)支出 97.73 万元"),
        ("personnel", None, "1,129.05", "万元", 471, "人员经费 1,129.05 万元"),
        ("public", None, "110.40", "万元", 473, "公用经费 110.40 万元"),
        ("three_public_total", None, "2.80", "万元", 479, "支出决算为 2.80 万元"),
        ("change_amount", "three_public_total", "-0.85", "万元", 479, "较 2023 年度决算减少 0.85 万元"),
        ("change_pct", "three_public_total", "-23.3", "%", 479, "降低 23.3%"),
        ("outbound", None, "0.00", "万元", 483, "支出决算0.00万元"),
        ("change_amount", "outbound", "0.00", "万元", 483, "较上年增加0.00万元"),
        ("change_pct", "outbound", "0.00", "%", 483, "增长0.00%"),
        ("vehicle_purchase", None, "0.00", "万元", 486, "公务用车购置费支出 0.00 万元"),
        ("change_amount", "vehicle_purchase", "0.00", "万元", 486, "较上年增加 0.00 万元"),
        ("change_pct", "vehicle_purchase", "0.00", "%", 486, "增长 0.00%"),
        ("vehicle_operation", None, "2.69", "万元", 488, "公务用车运行维护费支出 2.69 万元"),
        ("vehicles", None, "2", "辆", 488, "公务用车保有量 2 辆"),
        ("change_amount", "vehicle_operation", "-0.96", "万元", 488, "较上年减少 0.96 万元"),
        ("change_pct", "vehicle_operation", "-26.3", "%", 488, "降低 26.3%"),
        ("reception", None, "0.11", "万元", 490, "支出决算 0.11 万元"),
        ("change_amount", "reception", "0.11", "万元", 490, "较上年度增加 0.11 万元"),
        ("change_pct", "reception", "100.00", "%", 490, "增长 100.00%"),
        ("operating_cost", None, "110.40", "万元", 494, "机关运行经费支出 110.40 万元"),
        ("change_amount", "operating_cost", "48.53", "万元", 494, "较 2023 年度增加 48.53 万元"),
        ("change_pct", "operating_cost", "78.4", "%", 494, "增长 78.4%"),
        ("procurement_total", None, "59,162.77", "万元", 498, "政府采购支出总额 59,162.77 万元"),
        # the narrative states two different counts; both are reported as printed
        ("vehicles", None, "1", "辆", 502, "共有车辆 1 辆"),
        ("change_count", "vehicles", "0", "辆", 502, "比上年增加 0 辆"),
    ],
    # 硚口区大数据中心 2020 budget: 604.4 = 207.4 + 397
    "002": [
        ("staff", None, "12", "人", 91, "在职实有人数12人"),
        ("grand_total", None, "604.4", "万元", 499, "2020 年部门收支总预算 604.4 万元"),
        ("income_total", None, "604.4", "万元", 503, "部门收入预算 604.4 万元"),
        ("expenditure_total", None, "604.4", "万元", 507, "部门支出预算 604.4 万元"),
        ("basic", None, "207.4", "万元", 507, "基本支出 207.4 万元"),
        ("project", None, "397", "万元", 507, "项目支出 397 万元"),
        ("personnel", None, "184.8", "万元", 531, "人员经费184.8万元"),
        ("public", None, "22.6", "万元", 535, "公用经费22.6万元"),
        ("three_public_total", None, "0.8", "万元", 549, "“三公”经费预算数0.8万元"),
        ("outbound", None, "0", "万元", 551, "因公出国(境)费0万元"),
        ("reception", None, "0.8", "万元", 553, "公务接待费0.8万元"),
        ("operating_cost", None, "22.6", "万元", 563, "机关运行经费22.6万元"),
        ("procurement_total", None, "397", "万元", 569, "政府采购预算支出合计397万元"),
        ("vehicles", None, "0", "辆", 573, "部门共有车辆0辆"),
    ],
    # 郑州市大数据管理局 2021 budget: narrative in 万元 (and 元 for some zeros)
    "003": [
        ("staff", None, "47", "人", 85, "在职职工47人"),
        ("vehicles", None, "1", "辆", 89, "本单位公务用车 1 辆"),
        ("income_total", None, "9653.46", "万元", 95, "收入预算总计 9653.46 万元"),
        ("expenditure_total", None, "9653.46", "万元", 95, "支出预算总计 9653.46 万元"),
        ("change_amount", "income_total", "3341.54", "万元", 95, "收入预算增加 3341.54 万元"),
        ("change_pct", "income_total", "52.94", "%", 95, "增长 52.94%"),
        ("change_amount", "expenditure_total", "3341.54", "万元", 95, "支出预算增加 3341.54 万元"),
        ("change_pct", "expenditure_total", "52.94", "%", 95, "支出预算增加 3341.54 万元，增长 52.94%"),
        ("basic", None, "626.43", "万元", 105, "基本支出626.43万元"),
        ("project", None, "9027.03", "万元", 105, "项目支出9027.03万元"),
        ("personnel", None, "531.75", "万元", 137, "人员经费531.75万元"),
        ("public", None, "94.68", "万元", 137, "公用经费94.68万元"),
        ("three_public_total", None, "1.5", "万元", 145, "“三公”经费预算 1.5 万元"),
        ("change_amount", "three_public_total", "0", "万元", 145, "比 2020 年增加 0 万元"),
        ("outbound", None, "0", "元", 147, "因公出国（境）费 0 元"),
        ("change_amount", "outbound", "0", "万元", 147, "预算数比 2020 年增加 0 万元"),
        ("vehicle_purchase", None, "0", "元", 149, "公务用车购置费 0 元"),
        ("vehicle_operation", None, "1.50", "万元", 149, "公务用车运行维护费 1.50 万元"),
        ("change_amount", "vehicle_purchase", "0", "万元", 149, "公务用车购置费预算数比 2020 年增加 0 万元"),
        ("change_amount", "vehicle_operation", "0", "万元", 149, "公务用车运行维护费预算数比 2020 年增加 0 万元"),
        ("reception", None, "0", "万元", 151, "公务接待费 0 万元"),
        ("change_amount", "reception", "0", "万元", 151, "预算数比 2020 年增加 0 万元"),
        ("operating_cost", None, "94.68", "万元", 155, "运行经费安排 94.68 万元"),
        ("change_amount", "operating_cost", "50.96", "万元", 155, "机关运行经费比 2020 年增加 50.96 万元"),
        ("procurement_total", None, "8528.33", "万元", 165, "政府采购预算 8528.33 万元"),
        ("change_amount", "procurement_total", "8522.33", "万元", 165, "比 2020 年增加 8522.33 万元"),
    ],
    # 廊坊 (中共廊坊市委网信办) 2020 budget: one paragraph per line, DOCX-style cells
    "004": [
        ("income_total", None, "2216.2", "万元", 44, "2020年预算收入2216.2万元"),
        ("expenditure_total", None, "2216.2", "万元", 46, "2020年支出预算2216.2万元"),
        ("basic", None, "374.7", "万元", 46, "基本支出374.7万元"),
        ("personnel", None, "325.01", "万元", 46, "人员经费325.01万元"),
        ("public", None, "49.69", "万元", 46, "日常公用经费49.69万元"),
        ("project", None, "1841.5", "万元", 46, "项目支出1841.5万元"),
        ("grand_total", None, "2216.2", "万元", 48, "2020年预算收支安排2216.2万元"),
        ("change_amount", "grand_total", "1117.22", "万元", 48, "较2019年预算增加1117.22万元"),
        ("change_amount", "basic", "298.92", "万元", 48, "基本支出增加298.92万元"),
        ("change_amount", "project", "1470.98", "万元", 48, "项目支出增加1470.98万元"),
        ("operating_cost", None, "49.69", "万元", 50, "机关运行经费共计安排49.69万元"),
        ("three_public_total", None, "7.64", "万元", 52, "“三公”经费预算安排7.64万元"),
        ("outbound", None, "0", "万元", 52, "因公出国（境）费0万元"),
        ("vehicle_purchase", None, "0", "万元", 52, "公务用车购置费为0万元"),
        ("vehicle_operation", None, "7.21", "万元", 52, "公务用车运维费7.21万元"),
        ("reception", None, "0.43", "万元", 52, "公务接待费0.43万元"),
        # 与2019年相比增加7.64万元，其中，…（其中：公务用车购置费0万元，公务用车运维费7.21万元)
        ("change_amount", "three_public_total", "7.64", "万元", 52, "与2019年相比增加7.64万元"),
        ("change_amount", "vehicle_purchase", "0", "万元", 52, "公务用车购置费0万元"),
        ("change_amount", "vehicle_operation", "7.21", "万元", 52, "公务用车运维费7.21万元"),
        ("change_amount", "reception", "0.43", "万元", 52, "公务接待费0.43万元增加0.43万元"),
        ("procurement_total", None, "1233.8", "万元", 1270, "政府采购预算1233.8万元"),
    ],
}
