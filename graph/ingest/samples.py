"""Small, valid example files of every format, and the writers that produce them.

``docs/samples/`` is made with ``python -m graph.ingest.samples docs/samples``; the tests
and the benchmark use the same writers (``fill_template``, ``write_csv``, ``write_jsonl``)
so that the files they check are the files a person would upload.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from graph.ingest.table import canon
from graph.ingest.values import make_app_no, make_credit_code

TEMPLATE = Path(__file__).resolve().parent.parent / "reference" / "inventory-template.xlsx"

ZJUT = "浙江工业大学"  # 4133010337, locally run (Zhejiang)
ZJU = "浙江大学"  # 4133010335, Ministry of Education
APP = [make_app_no(d) for d in ("202310123456", "202210654321", "202110987654", "202320111222")]
FIRM = [
    make_credit_code(c) for c in ("91330100MA2ABCDE1", "91330200MA2CDEF01", "91110000100001234")
]

PATENT_HEADER = [
    "申请号",
    "专利名称",
    "专利类型",
    "申请日",
    "授权日",
    "法律状态",
    "专利权人",
    "发明人",
    "IPC主分类号",
    "IPC分类号",
    "摘要",
    "是否财政资助",
    "开放许可",
]
PATENTS: list[dict[str, Any]] = [
    {
        "申请号": "CN" + APP[0],
        "专利名称": "一种锂电池正极材料",
        "专利类型": "发明",
        "申请日": "2023-01-05",
        "授权日": "2024-06-18",
        "法律状态": "有效",
        "专利权人": ZJUT,
        "发明人": "王明；李华",
        "IPC主分类号": "H01M4/58",
        "IPC分类号": "H01M4/58；H01M10/0525；C01B25/45",
        "摘要": "本发明公开了一种磷酸铁锂正极材料及其制备方法，提高了锂电池的循环寿命。",
        "是否财政资助": "是",
        "开放许可": "否",
    },
    {
        "申请号": APP[1].replace(".", ""),
        "专利名称": "一种基于深度学习的图像识别方法",
        "专利类型": "发明",
        "申请日": "2022-03-15",
        "授权日": "2023-09-01",
        "法律状态": "有效",
        "专利权人": f"{ZJUT}；{ZJU}",
        "发明人": "陈刚；王明",
        "IPC主分类号": "G06V10/82",
        "IPC分类号": "G06V10/82；G06N3/08",
        "摘要": "一种图像识别方法，采用卷积神经网络提取特征。",
        "是否财政资助": "否",
        "开放许可": "是",
    },
    {
        "申请号": APP[2],
        "专利名称": "一种农用无人机喷洒装置",
        "专利类型": "实用新型",
        "申请日": "2021-07-20",
        "授权日": "2022-01-11",
        "法律状态": "有效",
        "专利权人": ZJUT,
        "发明人": "赵强",
        "IPC主分类号": "B64D1/18",
        "IPC分类号": "",
        "摘要": "",
        "是否财政资助": "否",
        "开放许可": "",
    },
    {
        "申请号": APP[3],
        "专利名称": "一种高强度铝合金及其热处理工艺",
        "专利类型": "发明",
        "申请日": "2023-02-10",
        "授权日": "2024-08-30",
        "法律状态": "有效",
        "专利权人": ZJU,
        "发明人": "周丽",
        "IPC主分类号": "C22C21/10",
        "IPC分类号": "C22C21/10；C22F1/053",
        "摘要": "一种高强度铝合金。",
        "是否财政资助": "是",
        "开放许可": "否",
    },
]

INVENTORY_HEADER = [
    "序号",
    "申请号",
    "专利名称",
    "法律状态",
    "维持年限",
    "发明人",
    "所属学院",
    "组合专利名称",
    "组合专利信息",
    "组合专利描述",
    "是否属于财政资助科研项目形成专利",
    "一级实施状态",
    "二级状态描述",
    "金额（万元）/评价结果/产品名称",
    "备注",
    "转化意愿（一级）",
    "转化意愿（二级）",
    "费用标准（万元）",
    "意向合作城市",
    "意向合作企业",
    "意向价格",
    "联系人",
    "联系方式",
    "技术成熟度",
    "专利价值分级自评",
    "本专利对应产品、技术优势、性能指标",
    "国民经济行业分类",
    "产业化前景描述",
    "战新分类",
    "本专利所属技术领域（IPC）",
]
INVENTORY: list[dict[str, Any]] = [
    {
        "序号": 1,
        "申请号": APP[0],
        "专利名称": "一种锂电池正极材料",
        "法律状态": "有效",
        "维持年限": 2,
        "发明人": "王明,李华",
        "所属学院": "化学工程学院",
        "是否属于财政资助科研项目形成专利": "是",
        "一级实施状态": "已许可",
        "二级状态描述": "已签订普通许可合同",
        "金额（万元）/评价结果/产品名称": 50,
        "转化意愿（一级）": "拟许可",
        "转化意愿（二级）": "拟普通许可",
        "费用标准（万元）": 20,
        "意向合作城市": "浙江省-杭州市,江苏省-苏州市",
        "意向合作企业": "杭州锂能科技有限公司",
        "意向价格": "50-60万",
        "联系人": "张老师",
        "联系方式": "0571-88320000",
        "技术成熟度": "小批量生产、工程应用阶段",
        "专利价值分级自评": "四星",
        "本专利对应产品、技术优势、性能指标": "磷酸铁锂正极材料，循环寿命3000次以上",
        "国民经济行业分类": "制造业",
        "产业化前景描述": "可用于动力电池和储能电池",
        "战新分类": "新能源汽车装置、配件制造",
        "本专利所属技术领域（IPC）": "H01M4/58",
    },
    {  # continuation: one more status and one more intent of the same patent
        "一级实施状态": "已转让",
        "二级状态描述": "已签订转让合同",
        "金额（万元）/评价结果/产品名称": 30,
        "转化意愿（一级）": "拟转让",
        "转化意愿（二级）": "拟作价入股",
    },
    {
        "序号": 2,
        "申请号": APP[1],
        "专利名称": "一种基于深度学习的图像识别方法",
        "是否属于财政资助科研项目形成专利": "否",
        "一级实施状态": "尚未实施",
        "转化意愿（一级）": "拟自行应用或产业化",
        "意向价格": "具体面议",
        "联系人": "陈老师",
        "联系方式": "13800000000",
        "技术成熟度": "样品、实验阶段",
        "专利价值分级自评": "二星",
    },
    {
        "序号": 3,
        "申请号": APP[2],
        "专利名称": "一种农用无人机喷洒装置",
        "是否属于财政资助科研项目形成专利": "否",
        "一级实施状态": "即将放弃专利权",
        "二级状态描述": "技术已被替代",
    },
]

ENTERPRISE_HEADER = [
    "统一社会信用代码",
    "企业名称",
    "曾用名",
    "企业类型",
    "省级代码",
    "地级代码",
    "地址",
    "联系人",
    "联系电话",
    "所属行业",
    "技术需求",
]
ENTERPRISES: list[dict[str, Any]] = [
    {
        "统一社会信用代码": FIRM[0],
        "企业名称": "杭州锂能科技有限公司",
        "企业类型": "专精特新中小企业；高新技术企业",
        "省级代码": "33",
        "地级代码": "3301",
        "地址": "浙江省杭州市余杭区文一西路1号",
        "联系人": "刘经理",
        "联系电话": "0571-86000001",
        "所属行业": "C；3841",
        "技术需求": "高能量密度磷酸铁锂正极材料的量产工艺",
    },
    {
        "统一社会信用代码": FIRM[1],
        "企业名称": "宁波智视科技有限公司",
        "曾用名": "宁波智视电子有限公司",
        "企业类型": "高新技术企业",
        "省级代码": "33",
        "地级代码": "3302",
        "所属行业": "I",
    },
    {
        "统一社会信用代码": FIRM[2],
        "企业名称": "中国航空器材集团有限公司",
        "企业类型": "国有企业；中央企业",
        "省级代码": "11",
        "地级代码": "1101",
        "所属行业": "C",
    },
]

EXPERT_HEADER = [
    "专家编号",
    "姓名",
    "职称",
    "工作单位",
    "推荐省份代码",
    "专业领域",
    "联系电话",
    "电子邮箱",
]
EXPERTS: list[dict[str, Any]] = [
    {
        "专家编号": "ZJ-2024-001",
        "姓名": "孙伟",
        "职称": "正高级工程师",
        "工作单位": "浙江省能源研究院",
        "推荐省份代码": "33",
        "专业领域": "C；5.2",
        "联系电话": "13900000001",
        "电子邮箱": "sunwei@example.cn",
    },
    {
        "专家编号": "ZJ-2024-002",
        "姓名": "钱芳",
        "职称": "教授",
        "工作单位": "杭州电子科技大学",
        "推荐省份代码": "33",
        "专业领域": "1.5",
    },
]

EVALUATION_HEADER = [
    "评价编号",
    "申请号",
    "评价方类型",
    "统一社会信用代码",
    "专家编号",
    "评价日期",
    "产业化前景",
    "技术成熟度",
    "技术改进需求",
    "合作意愿",
    "意向价格（万元）",
    "评分",
    "备注",
]
EVALUATIONS: list[dict[str, Any]] = [
    {
        "评价编号": "EV-2024-0001",
        "申请号": APP[0],
        "评价方类型": "企业",
        "统一社会信用代码": FIRM[0],
        "评价日期": "2024-09-10",
        "产业化前景": 5,
        "技术成熟度": "通过中试",
        "技术改进需求": "需提高压实密度",
        "合作意愿": "强烈",
        "意向价格（万元）": 60,
        "评分": 88,
    },
    {
        "评价编号": "EV-2024-0002",
        "申请号": APP[1],
        "评价方类型": "专家",
        "专家编号": "ZJ-2024-002",
        "评价日期": "2024-09-12",
        "产业化前景": 3,
        "合作意愿": "一般",
        "评分": 72,
        "备注": "建议补充测试数据",
    },
]

TRANSACTION_HEADER = [
    "交易编号",
    "申请号",
    "交易类型",
    "让与方",
    "受让方统一社会信用代码",
    "支付方式",
    "金额（万元）",
    "入门费（万元）",
    "提成比例（%）",
    "分期数",
    "合同日期",
    "是否已登记备案",
    "备注",
]
TRANSACTIONS: list[dict[str, Any]] = [
    {
        "交易编号": "X2024330000123",
        "申请号": APP[0],
        "交易类型": "普通许可",
        "让与方": ZJUT,
        "受让方统一社会信用代码": FIRM[0],
        "支付方式": "入门费加提成",
        "入门费（万元）": 20,
        "提成比例（%）": 3,
        "合同日期": "2024-05-10",
        "是否已登记备案": "是",
    },
    {
        "交易编号": "HT-ZJUT-2024-07",
        "申请号": f"{APP[0]}；{APP[1]}",
        "交易类型": "专利池",
        "让与方": "4133010337",
        "受让方统一社会信用代码": FIRM[1],
        "支付方式": "分期支付",
        "金额（万元）": 120,
        "分期数": 3,
        "合同日期": "2024-08-01",
        "是否已登记备案": "否",
    },
]

SAMPLES: dict[str, tuple[list[str], list[dict[str, Any]]]] = {
    "patents": (PATENT_HEADER, PATENTS),
    "inventory": (INVENTORY_HEADER, INVENTORY),
    "enterprises": (ENTERPRISE_HEADER, ENTERPRISES),
    "experts": (EXPERT_HEADER, EXPERTS),
    "evaluations": (EVALUATION_HEADER, EVALUATIONS),
    "transactions": (TRANSACTION_HEADER, TRANSACTIONS),
}


def write_csv(
    path: Path, header: Sequence[str], rows: Iterable[Mapping[str, Any]], bom: bool = False
) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for row in rows:
            w.writerow(["" if row.get(h) is None else row.get(h) for h in header])
    return path


def write_jsonl(path: Path, rows: Iterable[Mapping[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            data = {k: v for k, v in row.items() if v not in (None, "")}
            f.write(json.dumps(data, ensure_ascii=False) + "\n")
    return path


def write_xlsx(path: Path, header: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> Path:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Sheet1")
    ws.append(list(header))
    for row in rows:
        ws.append([row.get(h) for h in header])
    wb.save(path)
    return path


def template_columns(template: Path = TEMPLATE) -> dict[str, int]:
    """Column index (1-based) of each short header name of the real template."""
    ws = load_workbook(template)["批量导入"]
    columns: dict[str, int] = {}
    for r in (2, 3):
        for cell in ws[r]:
            name = canon(cell.value)
            if name:
                columns[name] = cell.column
    return columns


def fill_template(path: Path, rows: Iterable[Mapping[str, Any]], template: Path = TEMPLATE) -> Path:
    """The real national template with ``rows`` from row 4 on, as an institution fills it."""
    columns = template_columns(template)
    wb = load_workbook(template)
    ws = wb["批量导入"]
    for i, row in enumerate(rows):
        for name, value in row.items():
            if value is not None and value != "":
                ws.cell(row=4 + i, column=columns[name], value=value)
    wb.save(path)
    return path


def write_samples(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = [fill_template(folder / "inventory.xlsx", INVENTORY)]
    out.append(write_jsonl(folder / "inventory.jsonl", INVENTORY))
    for kind, (header, rows) in SAMPLES.items():
        out.append(write_csv(folder / f"{kind}.csv", header, rows))
    return out


if __name__ == "__main__":
    for p in write_samples(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/samples")):
        print(p)
