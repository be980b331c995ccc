"""The one metric vocabulary: snake_case names, their kind, and English/Chinese surface forms.

Reads: a sentence. Adds: ``MetricMention`` spans naming a vocabulary metric, with its qualifier
(adjusted / non_gaap / organic) folded into the name ("adjusted EPS" -> ``adjusted_eps``,
"non-GAAP net income" -> ``non_gaap_net_income``, "organic sales" -> ``organic_revenue``).
Documented for users in models/metric_vocabulary.md (keep the two in step).

Kinds say which units a metric takes: ``money`` (a currency), ``ratio`` (% or pp), ``count``,
``per_share`` (a currency per share), ``multiple`` (a bare number such as a leverage ratio),
``any`` (volumes in their own units).

Refuses to guess: a word not in the vocabulary is not a metric (no fallback to "the noun before
the number"); "earnings" alone is ``net_income`` and becomes ``eps`` only next to a per-share
amount (see ``per_share_name``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

# name, kind, English forms (regex fragments, case-insensitive), Chinese forms (literal, both scripts)
VOCABULARY: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("revenue", "money",
     (r"(?<!deferred\s)(?<!unearned\s)(?:net\s+|total\s+|gross\s+)?revenues?", r"(?<!asset\s)(?<!assets\s)(?<!equipment\s)(?<!home\s)(?:net\s+|total\s+)?sales(?![\s-]+(?:and|&)\s+marketing|[\s-]+(?:team|force|people|cycle|pipeline|channel|volume|mix|reps?|and\s+distribution|tax))",
      r"top[\s-]line", r"turnover"),
     ("营业收入", "營業收入", "营收", "營收", "总收入", "總收入", "净收入", "淨收入", "收入", "营业额", "營業額", "销售额", "銷售額")),
    ("cost_of_revenue", "money",
     (r"costs?\s+of\s+(?:revenues?|sales|goods\s+sold)", r"COGS"),
     ("营业成本", "營業成本", "营收成本", "營收成本", "收入成本", "销货成本", "銷貨成本")),
    ("gross_margin", "ratio",
     (r"gross\s+(?:profit\s+)?margins?",),
     ("毛利率",)),
    ("gross_profit", "money",
     (r"gross\s+(?:profit|income)",),
     ("毛利润", "毛利潤", "毛利")),
    ("operating_expenses", "money",
     (r"(?:total\s+)?operating\s+(?:expenses|expenditures?|costs)", r"opex"),
     ("营业费用", "營業費用", "运营费用", "營運費用", "经营费用", "經營費用", "营业开支", "營業開支", "营运开支")),
    ("rd_expense_ratio", "ratio",
     (r"R&D\s+(?:expense\s+)?ratio", r"R&D\s+as\s+a\s+percent(?:age)?\s+of\s+(?:revenues?|sales)"),
     ("研发费用率", "研發費用率")),
    ("rd_expenses", "money",
     (r"(?:R&D|research\s+and\s+development)(?:\s+(?:expenses?|expenditures?|spending|costs?|investments?))?",),
     ("研发费用", "研發費用", "研发开支", "研發開支", "研发投入", "研發投入")),
    ("sga_expenses", "money",
     (r"SG&A(?:\s+expenses?)?", r"selling,\s+general\s+and\s+administrative(?:\s+expenses?)?"),
     ()),
    ("sales_marketing_expenses", "money",
     (r"(?:sales|selling)\s+(?:and|&)\s+marketing(?:\s+expenses?|\s+costs?)?", r"S&M(?:\s+expenses?)?",
      r"selling\s+expenses?", r"marketing\s+expenses?"),
     ("销售和营销费用", "銷售和行銷費用", "销售及市场推广费用", "銷售及市場推廣費用", "销售费用", "銷售費用",
      "营销费用", "行銷費用", "推广费用")),
    ("ga_expenses", "money",
     (r"(?:G&A|general\s+(?:and|&)\s+administrative|administrative)(?:\s+expenses?|\s+costs?)", r"G&A"),
     ("一般及行政费用", "一般及行政費用", "管理费用", "管理費用", "行政费用", "行政費用")),
    ("operating_expense_ratio", "ratio",
     (r"(?:operating\s+expense|opex)\s+ratio", r"operating\s+expenses?\s+as\s+a\s+percent(?:age)?\s+of\s+(?:revenues?|sales)"),
     ("营业费用率", "營業費用率", "营运费用率", "營運費用率")),
    ("operating_margin", "ratio",
     (r"operating\s+(?:profit\s+|income\s+)?margins?", r"EBIT\s+margins?"),
     ("营业利润率", "營業利潤率", "营业利益率", "營業利益率", "经营利润率", "經營利潤率")),
    ("operating_income", "money",
     (r"operating\s+(?:income|profit|earnings)", r"income\s+from\s+operations", r"EBIT(?!DA)"),
     ("营业利润", "營業利潤", "经营利润", "經營利潤", "营业利益", "營業利益")),
    ("operating_loss", "money",
     (r"operating\s+loss(?:es)?", r"loss\s+from\s+operations"),
     ("营业亏损", "營業虧損", "经营亏损", "經營虧損")),
    ("ebitda_margin", "ratio", (r"EBITDA\s+margins?",), ("EBITDA利润率",)),
    ("ebitda", "money", (r"EBITDA",), ()),
    ("eps", "per_share",
     (r"(?:diluted\s+|basic\s+)?(?:EPS|earnings\s+per\s+(?:diluted\s+|basic\s+)?(?:share|ADS))",
      r"(?:net\s+)?(?:income|earnings)\s+per\s+(?:diluted\s+|basic\s+)?(?:share|ADS)"),
     ("每股收益", "每股盈利", "每股盈餘", "每股淨利", "每股净利")),
    ("net_margin", "ratio",
     (r"net\s+(?:income\s+|profit\s+)?margins?", r"net\s+loss\s+margin"),
     ("净利率", "淨利率", "净亏损率", "淨虧損率")),
    ("net_loss", "money",
     (r"net\s+loss(?:es)?",),
     ("净亏损", "淨虧損", "净损失", "淨損失")),
    ("net_income", "money",
     (r"net\s+(?:income|profit|earnings)", r"(?:income|earnings)\s+from\s+continuing\s+operations",
      r"(?<![\s-]per\s)earnings(?![\s-]+(?:call|release|per|season|report|growth\s+rate))"),
     ("归属于上市公司股东的净利润", "歸屬於上市公司股東的淨利潤", "归母净利润", "歸母淨利潤", "净利润", "淨利潤",
      "净利", "淨利", "纯益", "純益")),
    ("free_cash_flow", "money", (r"free\s+cash\s+flows?", r"FCF"), ("自由现金流", "自由現金流")),
    ("operating_cash_flow", "money",
     (r"operating\s+cash\s+flows?", r"cash\s+(?:flows?\s+)?(?:from|provided\s+by)\s+operati(?:ons|ng\s+activities)"),
     ("经营活动现金流", "經營活動現金流", "经营现金流", "經營現金流")),
    ("capex", "money",
     (r"capital\s+(?:expenditures?|spending|investments?|spend)", r"cap\s?ex", r"investments?\s+of\s+capital"),
     ("资本开支", "資本開支", "资本支出", "資本支出")),
    ("cash", "money",
     (r"cash(?:,\s+cash\s+equivalents)?(?:\s+and\s+(?:cash\s+equivalents|short[\s-]term\s+investments|investments))+",
      r"cash\s+(?:position|balance)"),
     ("现金及现金等价物", "現金及現金等價物", "货币资金", "貨幣資金")),
    ("net_retention_rate", "ratio",
     (r"(?:dollar[\s-]based\s+)?net\s+(?:customer\s+|revenue\s+|dollar\s+|expansion\s+)?(?:retention|expansion)\s+rates?",
      r"NRR", r"NDR"),
     ("净收入留存率", "淨收入留存率", "净留存率", "淨留存率", "净客户留存率", "淨客戶保留率", "净美元留存率")),
    ("large_enterprise_customers", "count",
     (r"large\s+enterprise\s+customers", r"large\s+customers"),
     ("大型企业客户", "大型企業客戶", "大客户", "大客戶")),
    ("active_customers", "count",
     (r"active\s+(?:customers|clients|buyers|accounts|users|merchants)",),
     ("活跃客户", "活躍客戶", "活跃用户", "活躍用戶")),
    ("customers", "count", (r"(?:total\s+)?(?:customers|clients)",), ("客户数量", "客戶數量", "客户数", "客戶數")),
    ("effective_tax_rate", "ratio", (r"(?:effective\s+|adjusted\s+)?(?:income\s+)?tax\s+rate",), ("有效税率", "有效稅率", "实际税率", "實際稅率")),
    ("noninterest_expense", "money", (r"non[\s-]?interest\s+expenses?",), ("非利息支出",)),
    ("interest_expense", "money", (r"(?<!non-)(?<!non\s)(?:net\s+)?interest\s+expense",), ("利息费用", "利息費用")),
    ("net_interest_income", "money", (r"net\s+interest\s+income",), ("净利息收入", "淨利息收入")),
    ("depreciation_amortization", "money",
     (r"depreciation\s+and\s+amortization", r"D&A"), ("折旧及摊销", "折舊及攤銷")),
    ("share_count", "count", (r"(?:diluted\s+)?(?:weighted[\s-]average\s+)?share\s+count",), ()),
    ("affo", "money", (r"(?:normalized\s+|core\s+)?(?:AFFO|adjusted\s+funds\s+from\s+operations)",), ()),
    ("ffo", "money", (r"(?:normalized\s+|nareit\s+|core\s+|operating\s+)?(?:FFO|funds\s+from\s+operations)(?:\s*,?\s*(?:as\s+)?(?:defined\s+by\s+)?nareit(?:\s+definition)?)?",
                      r"FFOPS"), ()),
    ("nfe", "money", (r"NFE(?:PS)?", r"net\s+financial\s+earnings"), ()),
    ("arr", "money", (r"ARR", r"annual(?:ized)?\s+recurring\s+revenues?"), ("年度经常性收入", "年度經常性收入")),
    ("bookings", "money", (r"(?:net\s+)?bookings", r"order\s+intake", r"new\s+orders", r"backlog"),
     ("新签订单", "新簽訂單", "在手订单", "在手訂單", "订单", "訂單")),
    ("same_store_sales", "ratio",
     (r"(?:same[\s-]store|comparable(?:[\s-]store)?|like[\s-]for[\s-]like)\s+sales", r"comps"), ("同店销售", "同店銷售")),
    ("gmv", "money", (r"GMV", r"gross\s+merchandise\s+(?:volume|value)"), ("成交额", "成交額", "商品交易总额")),
    ("cost_savings", "money", (r"(?:cost\s+|run[\s-]rate\s+|annual(?:ized)?\s+|pre[\s-]tax\s+)*savings", r"(?:cost\s+)?synergies"), ()),
    ("leverage_ratio", "multiple", (r"(?:net\s+)?(?:debt|leverage)[\s-]+to[\s-]+(?:adjusted\s+|consolidated\s+)?EBITDA(?:\s+ratio)?", r"(?:net\s+)?leverage\s+ratio", r"net\s+leverage"), ()),
    ("asp", "money", (r"average\s+selling\s+prices?", r"ASP"), ("平均售价", "平均售價")),
    ("volume", "any",
     (r"(?:closed\s+)?(?:loan|rate\s+lock|origination)\s+volumes?", r"shipments", r"deliveries", r"tons\s+sold",
      r"volumes?"),
     ("出货量", "出貨量", "销量", "銷量")),
    ("dividend", "per_share", (r"(?:quarterly\s+|annual\s+)?dividends?(?:\s+per\s+share)?",), ("股息", "每股派息")),
)

KIND = {name: kind for name, kind, _, _ in VOCABULARY}
MONEY_KINDS = ("money", "per_share")

_QUAL_EN = (
    r"(?P<q>(?:adjusted|non[\s-]?gaap|organic|core|underlying|pro[\s-]forma|comparable|normalized)"
    r"(?:\s+(?:diluted|basic|gaap|net|operating))?)[\s-]+"
)
_QUAL_ZH = r"(?P<qz>调整后的?|調整後的?|经调整的?|經調整的?|非公认会计准则|非公認會計準則|非GAAP|非通用会计准则|非通用會計準則)\s*"


def _firsts(items) -> tuple[set[str], bool]:
    """(first characters, may be empty) of a parsed regex sequence; "*" when unknown."""
    from re import _constants as C  # noqa: PLC0415 - sre internals, build time only

    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            return out | {chr(av).lower()}, False
        if op is C.IN:
            for o, v in av:
                if o is C.LITERAL:
                    out.add(chr(v).lower())
                else:
                    return {"*"}, False
            return out, False
        if op is C.SUBPATTERN:
            f, empty = _firsts(av[-1])
            out |= f
            if not empty:
                return out, False
            continue
        if op is C.BRANCH:
            empty = False
            for alt in av[1]:
                f, e = _firsts(alt)
                out |= f
                empty = empty or e
            if not empty:
                return out, False
            continue
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            f, e = _firsts(av[2])
            out |= f
            if av[0] > 0 and not e:
                return out, False
            continue
        if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
            continue
        return {"*"}, False
    return out, True


def _first_chars(pat: str) -> set[str]:
    from re import _parser  # noqa: PLC0415

    f, empty = _firsts(_parser.parse(pat, re.I))
    return {"*"} if empty or not f else f


def _build() -> tuple[dict[str, re.Pattern], re.Pattern, list[str]]:
    """One small alternation per first character, tried only where a word (or a Chinese form) starts."""
    forms: list[tuple[str, str, bool]] = []
    for name, _, en, zh in VOCABULARY:
        forms += [(f, name, False) for f in en]
        forms += [(re.escape(f), name, True) for f in zh]
    # longest first so "gross profit margin" wins over "gross profit" at the same start
    forms.sort(key=lambda x: -len(x[0].replace("\\s+", " ").replace("(?:", "")))
    names: list[str] = []
    buckets: dict[str, list[str]] = {}
    for i, (pat, name, zh) in enumerate(forms):
        names.append(name)
        part = f"(?P<g{i}>{pat})" if zh else rf"(?P<g{i}>{pat})(?![A-Za-z&])"
        for c in _first_chars(pat):
            buckets.setdefault(c, []).append(part)
    wild = buckets.pop("*", [])
    table = {c: re.compile("|".join(parts + wild), re.I) for c, parts in buckets.items()}
    zh_first = "".join(sorted(c for c in table if not c.isascii()))
    starts = re.compile(rf"(?<![A-Za-z&])[A-Za-z]|[{zh_first}]")
    return table, starts, names


_TABLE, _STARTS, _NAMES = _build()
_QUAL_BEFORE = re.compile(rf"(?:(?<![A-Za-z]){_QUAL_EN}|{_QUAL_ZH})\Z", re.I)


@dataclass(frozen=True, slots=True)
class MetricMention:
    start: int
    end: int
    name: str  # with its qualifier: "adjusted_eps"
    base: str  # without: "eps"
    kind: str
    qualifier: str | None


def _qualifier(q: str | None, qz: str | None) -> str | None:
    if q:
        w = q.lower()
        if "gaap" in w and "non" in w:
            return "non_gaap"
        if w.startswith("organic"):
            return "organic"
        if w.startswith(("adjusted", "core", "underlying", "pro", "normalized", "comparable")):
            return "adjusted"
        return None
    if qz:
        return "non_gaap" if ("非" in qz) else "adjusted"
    return None


def qualified(base: str, qualifier: str | None) -> str:
    return f"{qualifier}_{base}" if qualifier else base


def find_metrics(text: str) -> list[MetricMention]:
    """Vocabulary metric mentions in ``text``, in order, non-overlapping.

    >>> [(m.name, m.kind) for m in find_metrics("adjusted EPS of $1.01 and gross margin of 40%")]
    [('adjusted_eps', 'per_share'), ('gross_margin', 'ratio')]
    >>> [m.name for m in find_metrics("毛利率为44.6%，营收3.28亿元")]
    ['gross_margin', 'revenue']
    """
    out: list[MetricMention] = []
    pos = 0
    n = len(text)
    while pos < n:
        sm = _STARTS.search(text, pos)
        if sm is None:
            break
        p = sm.start()
        rx = _TABLE.get(text[p].lower())
        m = rx.match(text, p) if rx is not None else None
        if m is None:
            pos = p + 1
            continue
        idx = next(int(k[1:]) for k, v in m.groupdict().items() if v is not None)
        base = _NAMES[idx]
        start = p
        qual = None
        qm = _QUAL_BEFORE.search(text, max(0, p - 40), p)
        if qm and base not in ("customers", "volume", "cost_savings", "dividend", "cash"):
            qual = _qualifier(qm.group("q"), qm.group("qz"))
            if out and qm.start() < out[-1].end:
                qm = None
            else:
                start = qm.start()
        out.append(MetricMention(start, m.end(), qualified(base, qual), base, KIND[base], qual))
        pos = m.end()
    return out


def per_share_name(mention: MetricMention) -> str:
    """The per-share form of an earnings mention ("earnings ... per diluted share" -> eps)."""
    if mention.base in ("net_income", "operating_income", "ffo", "affo", "nfe", "net_loss", "operating_loss"):
        base = ("eps" if mention.base in ("net_income", "operating_income") else
                "loss_per_share" if mention.base in ("net_loss", "operating_loss") else f"{mention.base}_per_share")
        return qualified(base, mention.qualifier)
    return mention.name


def unit_fits(kind: str, unit: str | None, per_share: bool) -> bool:
    """Whether a quantity with ``unit`` can be a value of a metric of ``kind``."""
    money = unit not in (None, "%", "pp", "bp", "count")
    if kind == "money":
        return money
    if kind == "per_share":
        return money
    if kind == "ratio":
        return unit == "%"
    if kind == "count":
        return unit in ("count", None)
    if kind == "multiple":
        return unit is None
    return unit != "%" and unit not in ("pp", "bp")


# the direction word nearest before a growth figure: "expected to decline in the mid-single digits" is -6..-4
DIRECTION = re.compile(r"\b(?:(?P<down>declin\w*|decreas\w*|down|lower(?!\s+(?:single|double|teens|end|half))|fall(?:s|ing)?|"
                       r"drop\w*|shrink\w*|contract(?:s|ion)?|reduc\w*)|increas\w*|grow\w*|up|ris(?:e|es|ing)|higher|improv\w*)\b"
                       r"|(?P<zdown>下降|下滑|减少|減少|年减|年減)|增长|增長|增加|年增", re.I)


def declines(lead: str) -> bool:
    """The direction word nearest the figure says down."""
    found = None
    for found in DIRECTION.finditer(lead):
        pass
    return found is not None and bool(found.group("down") or found.group("zdown"))


_ON_BASIS = re.compile(r"\bon\s+(?:a|an)\s+(?P<q>non-?GAAP|adjusted)\s+basis\b", re.I)


def with_basis(mention: MetricMention, text: str, start: int = 0, end: int | None = None) -> MetricMention:
    """The mention qualified by a basis named in ``text[start:end]`` ("net income on a non-GAAP basis
    was ..."), unless it already has a qualifier."""
    hit = _ON_BASIS.search(text, start, len(text) if end is None else end) if mention.qualifier is None else None
    if hit is None:
        return mention
    q = _qualifier(hit.group("q"), None)
    return replace(mention, name=qualified(mention.name, q), qualifier=q)
