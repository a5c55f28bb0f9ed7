"""The 初审 typography check (review/typography/checker.py) on a corpus of correct and incorrect
sentences, and its invariants: accepting every fix leaves nothing to find, and a fix never changes a
Chinese character or a digit."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review.typography.checker import Finding, apply_all, check

# Correct Chinese typography, including what a naive check would flag: decimals, times, ratios,
# URLs, e-mail addresses, English names and titles, units, ranges, list numbering, codes, quotes.
CORRECT = [
    "圆周率约为3.14159，常取3.14。",
    "会议于10:30开始，11:45结束。",
    "详情见 https://www.cast.org.cn/index.html，或拨打12345。",
    "来信请寄 kepu@example.org，我们会尽快答复。",
    "DNA（脱氧核糖核酸）是遗传信息的载体。",
    "世界卫生组织（WHO）建议成人每天食盐摄入量不超过5 g。",
    "珠穆朗玛峰的高程为8848.86 m。",
    "北斗卫星导航系统（BDS）可以提供短报文通信服务。",
    "本标准即GB/T 15834—2011《标点符号用法》。",
    "《中国居民膳食指南（2022）》建议成年人每天饮水1500~1700 mL。",
    "论文发表在Nature上，题为“A new species of grass”。",
    "1. 准备好手电筒和哨子。",
    "2. 远离高压线和广告牌。",
    "在海拔4000 m的地方，水的沸点约为87 ℃。",
    "这种传感器的工作温度为-40~85 ℃。",
    '代码 `print("hi")` 会输出hi。',
    "The Lancet is a weekly medical journal.",
    "Heat and health (fact sheet), WHO, 2024.",
    "月球绕地球一周约需27.3天。",
    "地球到月球的平均距离约为38.4万千米。",
    "光在真空中的速度约为3×10⁸ m/s。",
    "他说：“不要用湿手触碰插座。”",
    "一氧化碳无色无味……一旦中毒，要立即转移到通风处。",
    "草原生态保护——我们共同的责任。",
    "内蒙古自治区的行政区划代码是150000。",
    "全国科技活动周每年5月举办。",
    "版本号为v2.1.0，发布于2026年5月12日。",
    "在比例尺为1:1000的地图上，1 cm代表实地10 m。",
    "时间写作2026-05-12 08:30。",
    "请访问www.example.org了解更多。",
    "碳-14的半衰期约为5730年。",
    "iPhone和Android手机都能使用这个小程序。",
    "C++和Java都是常用的编程语言。",
    "血压的单位是mmHg，成人收缩压应低于140 mmHg。",
    "“科学普及”简称“科普”。",
    "他问：“流星雨什么时候最好看？”",
    "O₂和CO₂是两种常见的气体。",
    "《Science》与《Nature》是两份综合性科学期刊。",
    "一、防范电信网络诈骗",
    "第3.2节讨论风蚀的机理。",
    "25 ℃时，pH值为7.0的水溶液呈中性。",
    "PM2.5是指空气动力学直径小于或等于2.5 μm的颗粒物。",
    "See also: section 2.1, page 15.",
    "这座科技馆位于呼和浩特市（演示）。",
    "英文名Inner Mongolia Autonomous Region，首府呼和浩特。",
    "天津—北京的高铁约30分钟。",
    "　　科学技术普及是全社会的共同任务。",
    "运行 python -m home.demo.punctuation --check 检查演示内容。",
]

# Incorrect typography and the text once every fix is accepted.
INCORRECT = [
    ("草原为什么会沙化,又该怎样治理", "草原为什么会沙化，又该怎样治理"),
    ("沙尘暴是怎样形成的?", "沙尘暴是怎样形成的？"),
    ("快离开危险区域!", "快离开危险区域！"),
    ("记住三件事:关阀门;开窗户;打电话.", "记住三件事：关阀门；开窗户；打电话。"),
    ("一氧化碳(CO)无色无味。", "一氧化碳（CO）无色无味。"),
    ('他说"要开窗通风"。', "他说“要开窗通风”。"),
    ("（注意安全)", "（注意安全）"),
    ("(注意安全）", "（注意安全）"),
    ("月亮 为什么 会变形状？", "月亮为什么会变形状？"),
    ("天气很冷 ，要注意保暖。", "天气很冷，要注意保暖。"),
    ("天气很冷， 要注意保暖。", "天气很冷，要注意保暖。"),
    ("常见症状有头痛、恶心...", "常见症状有头痛、恶心……"),
    ("科学普及--创新发展的一翼", "科学普及——创新发展的一翼"),
    ("水的沸点是100℃,但在高原上更低.", "水的沸点是100℃，但在高原上更低。"),
    ("圆周率约为3.14,常用于计算周长。", "圆周率约为3.14，常用于计算周长。"),
    ("会议10:30开始,请准时到场.", "会议10:30开始，请准时到场。"),
    ("详见 https://www.who.int,或咨询医生。", "详见 https://www.who.int，或咨询医生。"),
    ("请发邮件至 kepu@example.org,注明姓名。", "请发邮件至 kepu@example.org，注明姓名。"),
    ("世界卫生组织(WHO)建议少吃盐。", "世界卫生组织（WHO）建议少吃盐。"),
    ("DNA是什么?它有什么作用?", "DNA是什么？它有什么作用？"),
    ('他问:"流星雨什么时候最好看?"', "他问：“流星雨什么时候最好看？”"),
    ("嫦娥五号在四子王旗着陆,带回了月球样品。", "嫦娥五号在四子王旗着陆，带回了月球样品。"),
    ("冬季要储备饲草;春季要防止过度放牧。", "冬季要储备饲草；春季要防止过度放牧。"),
    ("不私自捕猎,不私自剥食,不私自运输。", "不私自捕猎，不私自剥食，不私自运输。"),
    ("等一等。。。还没准备好。", "等一等……还没准备好。"),
    ("他沉默了…然后点了点头。", "他沉默了……然后点了点头。"),
    ("中 文 排 版", "中文排版"),
    ("注意 “安全第一”。", "注意“安全第一”。"),
    ("（1）准备工具 ；（2）关闭电源。", "（1）准备工具；（2）关闭电源。"),
    ("北斗系统可以发短报文!没有手机信号也能用.", "北斗系统可以发短报文！没有手机信号也能用。"),
    (
        '科普要做到"三贴近":贴近实际、贴近生活、贴近群众。',
        "科普要做到“三贴近”：贴近实际、贴近生活、贴近群众。",
    ),
    ("取暖要注意通风 -- 煤炉必须安装烟囱。", "取暖要注意通风——煤炉必须安装烟囱。"),
    ("参见《标点符号用法》(GB/T 15834—2011)。", "参见《标点符号用法》（GB/T 15834—2011）。"),
    ("鸡蛋要煮熟再吃,生鸡蛋可能带有沙门氏菌。", "鸡蛋要煮熟再吃，生鸡蛋可能带有沙门氏菌。"),
    ("天空为什么是蓝色的?因为大气对蓝光的散射更强.", "天空为什么是蓝色的？因为大气对蓝光的散射更强。"),
    ("节约用水,从我做起!", "节约用水，从我做起！"),
    ("1. 准备手电筒,哨子和饮用水。", "1. 准备手电筒，哨子和饮用水。"),
    ("第一步:切断电源;第二步:拨打急救电话.", "第一步：切断电源；第二步：拨打急救电话。"),
    ("今天最低气温-5℃ ,注意保暖。", "今天最低气温-5℃，注意保暖。"),
    ("高血压患者(尤其是老年人)要按时服药。", "高血压患者（尤其是老年人）要按时服药。"),
    ("荒漠化的成因有哪些？ 主要是过度放牧和干旱。", "荒漠化的成因有哪些？主要是过度放牧和干旱。"),
    ("流动科技馆（科普大篷车)开进了牧区。", "流动科技馆（科普大篷车）开进了牧区。"),
    ("<p>初审<b>通过</b>,进入科学性审核。</p>", "<p>初审<b>通过</b>，进入科学性审核。</p>"),
    (
        '<p>详见<a href="https://a.org/x,y">指南</a>,第二章。</p>',
        '<p>详见<a href="https://a.org/x,y">指南</a>，第二章。</p>',
    ),
]

_KEPT = re.compile(r"[\u3400-\u9fff\uf900-\ufaff0-9]")


def kept(text):
    """The Chinese characters and digits of `text`, in order: no fix may change them."""
    return _KEPT.findall(text)


def test_the_corpus_is_large_enough():
    assert len(CORRECT) >= 40 and len(INCORRECT) >= 40


@pytest.mark.parametrize("text", CORRECT)
def test_correct_text_has_no_findings(text):
    assert check(text) == []


@pytest.mark.parametrize(("text", "fixed"), INCORRECT)
def test_incorrect_text_is_found_and_fixed(text, fixed):
    findings = check(text)
    assert findings
    for finding in findings:
        assert finding.matches(text) and finding.rule
        assert kept(finding.excerpt) == kept(finding.replacement)
    assert apply_all(text) == fixed
    assert check(fixed) == []


@pytest.mark.parametrize(
    ("text", "kind", "excerpt", "replacement", "rule"),
    [
        ("中文,中文", "comma", ",", "，", "中文之间应使用全角逗号“，”"),
        ("中文.", "period", ".", "。", "中文句末应使用全角句号“。”"),
        ("中文(注)", "bracket", "(注)", "（注）", "中文中应使用全角括号“（）”"),
        ('说"好"', "quote", '"好"', "“好”", "中文中应使用弯引号“”"),
        ("（注)", "mixed-bracket", "（注)", "（注）", "一对括号应同为全角“（）”，不能一半全角一半半角"),
        ("中 文", "space", "中 文", "中文", "汉字之间不应有空格"),
        ("中 。", "space", "中 。", "中。", "汉字与全角标点之间不应有空格"),
        ("中文...", "ellipsis", "...", "……", "省略号应为居中的六个点“……”"),
        ("中文--中文", "dash", "--", "——", "破折号应为两个字线“——”"),
    ],
)
def test_each_finding_names_its_kind_place_and_rule(text, kind, excerpt, replacement, rule):
    [finding] = check(text)
    assert (finding.kind, finding.excerpt, finding.replacement, finding.rule) == (
        kind,
        excerpt,
        replacement,
        rule,
    )
    assert text[finding.offset : finding.end] == excerpt


def test_one_fix_applies_alone_and_a_stale_one_is_refused():
    text = "草原沙化,要治理,也要预防。"
    first, second = check(text)
    assert first.applied_to(text) == "草原沙化，要治理,也要预防。"
    assert second.applied_to(text) == "草原沙化,要治理，也要预防。"
    with pytest.raises(ValueError):
        Finding("comma", 4, ",", "，", "").applied_to("草原沙化，要治理")


_PIECES = [
    *"草原沙化科普中文",
    *"abcXYZ019",
    *' ,.:;?!()"-~',
    *"，。：；？！（）“”…—《》、",
    "\u3000",
    "<b>",
    "</b>",
]
_MIXED = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(_MIXED)
def test_accepting_every_fix_leaves_nothing_and_keeps_characters_and_digits(text):
    fixed = apply_all(text)
    assert check(fixed) == []
    assert kept(fixed) == kept(text)


@settings(max_examples=300, deadline=None)
@given(_MIXED)
def test_each_fix_alone_keeps_characters_and_digits(text):
    for finding in check(text):
        assert finding.matches(text)
        assert kept(finding.applied_to(text)) == kept(text)


@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=60))
def test_latin_only_text_has_no_findings(text):
    assert check(text) == []
