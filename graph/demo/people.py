"""Plausible Chinese names, contact details and valid registry codes for the demo.

Enterprise names are unique by construction: the 字号 encodes the enterprise's
index, so an index always maps back to the same name without keeping a table.
"""

from __future__ import annotations

import random

__all__ = [
    "DEPARTMENT_OF_KIND",
    "HOSPITAL_DEPARTMENTS",
    "INSTITUTE_DEPARTMENTS",
    "ROAD_NAMES",
    "mobile",
    "person_name",
    "zihao",
]

# The most common surnames, roughly by frequency (weights in per mille, rounded).
SURNAMES: tuple[tuple[str, int], ...] = (
    ("王", 72),
    ("李", 72),
    ("张", 68),
    ("刘", 55),
    ("陈", 46),
    ("杨", 33),
    ("黄", 24),
    ("赵", 23),
    ("吴", 21),
    ("周", 20),
    ("徐", 16),
    ("孙", 15),
    ("马", 15),
    ("朱", 14),
    ("胡", 13),
    ("郭", 12),
    ("何", 12),
    ("高", 11),
    ("林", 11),
    ("罗", 10),
    ("郑", 10),
    ("梁", 9),
    ("谢", 8),
    ("宋", 8),
    ("唐", 7),
    ("许", 7),
    ("韩", 7),
    ("冯", 7),
    ("邓", 7),
    ("曹", 6),
    ("彭", 6),
    ("曾", 6),
    ("肖", 6),
    ("田", 5),
    ("董", 5),
    ("袁", 5),
    ("潘", 5),
    ("于", 5),
    ("蒋", 5),
    ("蔡", 5),
    ("余", 5),
    ("杜", 4),
    ("叶", 4),
    ("程", 4),
    ("苏", 4),
    ("魏", 4),
    ("吕", 4),
    ("丁", 4),
    ("任", 4),
    ("沈", 4),
    ("姚", 3),
    ("卢", 3),
    ("姜", 3),
    ("崔", 3),
    ("钟", 3),
    ("谭", 3),
    ("陆", 3),
    ("汪", 3),
    ("范", 3),
    ("金", 3),
    ("石", 3),
    ("廖", 3),
    ("贾", 3),
    ("夏", 3),
    ("韦", 3),
    ("付", 3),
    ("方", 3),
    ("白", 2),
    ("邹", 2),
    ("孟", 2),
    ("熊", 2),
    ("秦", 2),
    ("邱", 2),
    ("江", 2),
    ("尹", 2),
    ("薛", 2),
    ("闫", 2),
    ("段", 2),
    ("雷", 2),
    ("侯", 2),
    ("龙", 2),
    ("史", 2),
    ("陶", 2),
    ("黎", 2),
    ("贺", 2),
    ("顾", 2),
    ("毛", 2),
    ("郝", 2),
    ("龚", 2),
    ("邵", 2),
    ("万", 2),
    ("欧阳", 1),
    ("司马", 1),
    ("上官", 1),
)
_SURNAME_LIST = [s for s, _ in SURNAMES]
_SURNAME_CUM: list[int] = []
_total = 0
for _s, _w in SURNAMES:
    _total += _w
    _SURNAME_CUM.append(_total)

GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玲文斌辉鹏飞宇浩然"
    "子轩梓涵一诺欣怡思远佳琪晨阳雨婷俊杰博文嘉怡天翼雪梅海燕晓东春雷振华立新永刚"
    "国庆建军卫东亚楠婉清若曦慧敏丹丹凯旋峰岩鑫淼森晶琳瑶璐颖蕾薇昊昕睿哲铭泽恒毅"
    "宏伟学军德胜世杰光明少华玉兰凤英秋月桂芳冬梅翠兰书华云峰家豪子墨浩宇宏达彬彤"
)

DEPARTMENT_OF_KIND = {
    "engineering": ("材料科学与工程学院", "机械工程学院", "能源与动力工程学院", "化学化工学院"),
    "it": ("计算机科学与技术学院", "信息与通信工程学院", "电子科学与工程学院", "人工智能学院"),
    "medical": ("药学院", "生物医学工程学院", "基础医学院", "临床医学院"),
    "agriculture": ("农学院", "生命科学学院", "园艺学院", "食品科学与工程学院"),
}
HOSPITAL_DEPARTMENTS = ("心血管内科", "肿瘤科", "医学影像科", "检验科", "骨科", "科研处")
INSTITUTE_DEPARTMENTS = ("第一研究室", "第二研究室", "重点实验室", "工程技术中心", "成果转化处")

ROAD_NAMES = (
    "科技",
    "创新",
    "高新",
    "学府",
    "文化",
    "建设",
    "人民",
    "长江",
    "黄河",
    "望江",
    "金桥",
)
ZIHAO = "".join(
    dict.fromkeys(
        "华锐达鼎盛宏泰恒瑞丰源康晶新博远凯创智联东方海天瀚宇中科信诚卓越腾飞众合嘉"
        "铭德安益启明星辰睿通明阳正邦汇金天成万达永安信和宏图思源长城北斗昆仑峰祥云"
        "国辰力拓华夏佳仕盈泽润泓云帆普瑞科达汉森奥德拓普"
    )
)


def person_name(rng: random.Random) -> str:
    surname = rng.choices(_SURNAME_LIST, cum_weights=_SURNAME_CUM)[0]
    length = 1 if rng.random() < 0.3 else 2
    return surname + "".join(rng.choice(GIVEN) for _ in range(length))


def mobile(rng: random.Random) -> str:
    return "1" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9))


def zihao(index: int) -> str:
    """A 字号 that is unique per index: 2 characters below 10,000 indexes, 3 above."""
    base = len(ZIHAO)
    if index < base * base:
        j = (index * 7919) % (base * base)
        return ZIHAO[j // base] + ZIHAO[j % base]
    rest = index - base * base
    j = (rest * 7919) % (base**3)
    return ZIHAO[j // (base * base)] + ZIHAO[(j // base) % base] + ZIHAO[j % base]
