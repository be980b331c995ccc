"""Lookup tables and exact converters for number words, scales, currencies and hedges.

Reads: short strings already cut out of a text by ``callnlp.numbers.parse``.
Adds: exact ``Decimal`` values (never float), ISO currency codes, hedge names.
Refuses to guess: a Chinese numeral that is not well formed ("万一", "千万" as an adverb) is
rejected (``None``), not repaired; "元" is CNY unless the caller's context names another
currency; "$" is USD unless the context names HKD/TWD/SGD/AUD/CAD.

We do not use cn2an: the converter below is exact (Decimal), tiny and never touches text outside
the numeral span it is given.
"""
from __future__ import annotations

from decimal import Context, Decimal

#: wide enough for any digit run the parser accepts (40 digits) times any scale (1e12):
#: products are exact, never rounded to the default 28 digits
CTX = Context(prec=80)

# -- Chinese numerals ---------------------------------------------------------------------------

CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
CN_POINT = "点點"
#: every character a Chinese numeral span may contain (used to build the finder's class)
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS) + CN_POINT


def cn_to_decimal(span: str) -> Decimal | None:
    """Convert a Chinese numeral ("三千二百万", "二十六点八", "一亿二千万") to an exact Decimal.

    Returns None when the span is not a well-formed numeral (starts with a unit other than 十,
    ends with a point, two points, ...). Positional digit strings ("二〇二一") read digit by digit.

    >>> cn_to_decimal("三千二百万")
    Decimal('32000000')
    """
    if not span or len(span) > 40:
        return None  # not a numeral anyone writes; also keeps int() within its digit limit
    int_part, _, frac_part = span.replace("點", "点").partition("点")
    if "点" in frac_part or (_ and not frac_part) or not int_part:
        return None
    if frac_part:
        if any(ch not in CN_DIGITS for ch in frac_part):
            return None
        frac = "".join(str(CN_DIGITS[ch]) for ch in frac_part)
    else:
        frac = ""
    first = int_part[0]
    if first not in CN_DIGITS and first not in "十拾":
        return None
    if all(ch in CN_DIGITS for ch in int_part):  # positional: 二〇二一, 五
        whole = int("".join(str(CN_DIGITS[ch]) for ch in int_part))
    else:
        whole = _cn_integer(int_part)
        if whole is None:
            return None
    return Decimal(f"{whole}.{frac}") if frac else Decimal(whole)


def _cn_integer(s: str) -> int | None:
    total = section = 0
    num: int | None = None
    last_unit = 0
    prev_big = 10**12
    zero = False
    for ch in s:
        if ch in CN_DIGITS:
            if num is not None and num != 0 and CN_DIGITS[ch] != 0:
                return None  # two digits in a row inside a unit numeral ("三四千" is not exact)
            num = CN_DIGITS[ch]
            zero = zero or num == 0
        elif ch in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[ch]
            if last_unit and unit >= last_unit and section:
                return None  # "百千" out of order
            section += (1 if num is None else num) * unit
            num = None
            last_unit = unit
            zero = False
        else:
            big = CN_BIG_UNITS[ch]
            if big == 100_000_000:
                total = (total + section + (num or 0)) * big
            else:
                if big >= prev_big and total:
                    return None
                total += (section + (num or 0)) * big
                prev_big = big
            section, num, last_unit, zero = 0, None, big, False
    if num:
        # colloquial tail: 三千五 = 3500, 两万五 = 25000 (but 一百零五 = 105)
        if last_unit >= 100 and not zero:
            num *= last_unit // 10
        section += num
    return total + section


def cn_scale_value(chars: str) -> int:
    """Value of a scale written as Chinese unit characters: "万" 1e4, "千万" 1e7, "万亿" 1e12."""
    value = 1
    for ch in chars:
        value *= CN_SMALL_UNITS.get(ch) or CN_BIG_UNITS.get(ch) or 1
    return value


# -- English scale and number words -------------------------------------------------------------

EN_SCALES = {
    "hundred": 100,
    "thousand": 1_000, "k": 1_000,
    "million": 10**6, "mn": 10**6, "mln": 10**6, "mm": 10**6, "m": 10**6,
    "billion": 10**9, "bn": 10**9, "bln": 10**9, "b": 10**9,
    "trillion": 10**12, "tn": 10**12, "t": 10**12,
}

EN_ONES = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
EN_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}


def en_words_to_decimal(words: str) -> Decimal | None:
    """"one", "twenty-five", "three hundred", "half a", "a" -> Decimal; None if not a number."""
    w = words.lower().replace("-", " ").split()
    if not w:
        return None
    if w in (["half", "a"], ["half", "an"], ["a", "half"]):
        return Decimal("0.5")
    total = 0
    current = 0
    for tok in w:
        if tok == "and":
            continue
        if tok in EN_ONES:
            current += EN_ONES[tok]
        elif tok in EN_TENS:
            current += EN_TENS[tok]
        elif tok == "hundred":
            current = (current or 1) * 100
        else:
            return None
    return Decimal(total + current)


# -- currencies ---------------------------------------------------------------------------------

#: prefix symbols/codes -> ISO code ("$" and "¥" are resolved with the context)
CURRENCY_PREFIX = {
    "US$": "USD", "U.S.$": "USD", "USD": "USD", "US": "USD",
    "HK$": "HKD", "HKD": "HKD",
    "NT$": "TWD", "NTD": "TWD", "TWD": "TWD", "NT": "TWD",
    "S$": "SGD", "SGD": "SGD", "A$": "AUD", "AUD": "AUD", "C$": "CAD", "CAD": "CAD",
    "RMB": "CNY", "CNY": "CNY", "人民币": "CNY", "人民幣": "CNY",
    "JPY": "JPY", "JP¥": "JPY",
    "EUR": "EUR", "€": "EUR", "GBP": "GBP", "£": "GBP",
    "INR": "INR", "₹": "INR", "Rs": "INR", "Rs.": "INR",
    "R$": "BRL", "BRL": "BRL", "KRW": "KRW", "₩": "KRW", "CHF": "CHF",
    "港币": "HKD", "港幣": "HKD", "美元": "USD", "新台币": "TWD", "新台幣": "TWD",
}
#: suffix words -> ISO code ("元" is resolved with the context)
CURRENCY_SUFFIX = {
    "人民币元": "CNY", "人民幣元": "CNY", "元人民币": "CNY", "元人民幣": "CNY",
    "美元": "USD", "港元": "HKD", "港币": "HKD", "港幣": "HKD",
    "新台币": "TWD", "新台幣": "TWD", "台币": "TWD", "台幣": "TWD",
    "欧元": "EUR", "歐元": "EUR", "英镑": "GBP", "英鎊": "GBP",
    "日元": "JPY", "日圓": "JPY", "日币": "JPY", "日幣": "JPY", "円": "JPY",
    "人民币": "CNY", "人民幣": "CNY", "块": "CNY", "塊": "CNY",
    "rmb": "CNY", "cny": "CNY", "usd": "USD", "hkd": "HKD", "twd": "TWD", "ntd": "TWD",
    "eur": "EUR", "gbp": "GBP", "jpy": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "us dollars": "USD", "u.s. dollars": "USD",
    "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP",
    "yen": "JPY", "hong kong dollars": "HKD",
}
_DOLLAR_CONTEXTS = ("HKD", "TWD", "SGD", "AUD", "CAD")


def context_currency(context: str | None) -> str | None:
    """The ISO code a context hint names ("JPY", "in yen", "Taiwan dollars"...), if any."""
    if not context:
        return None
    c = context.upper()
    for code in ("JPY", "CNY", "USD", "HKD", "TWD", "SGD", "AUD", "CAD", "EUR", "GBP"):
        if code in c:
            return code
    low = context.lower()
    if "yen" in low or "japan" in low or "日元" in context:
        return "JPY"
    if "taiwan" in low or "新台" in context:
        return "TWD"
    if "hong kong" in low or "港元" in context:
        return "HKD"
    if "rmb" in low or "renminbi" in low or "人民币" in context or "人民幣" in context:
        return "CNY"
    return None


def resolve_currency(symbol: str, context: str | None) -> str:
    """ISO code for a currency symbol/word; "$", "¥" and "元" look at the context."""
    ctx = context_currency(context)
    if symbol in ("$",):
        return ctx if ctx in _DOLLAR_CONTEXTS else "USD"
    if symbol in ("¥", "￥"):
        return "JPY" if ctx == "JPY" else "CNY"
    if symbol == "元":
        return ctx if ctx in ("TWD", "HKD", "JPY") else "CNY"
    return CURRENCY_PREFIX.get(symbol) or CURRENCY_SUFFIX.get(symbol.lower()) or CURRENCY_SUFFIX.get(
        symbol, "CNY"
    )


# -- hedges -------------------------------------------------------------------------------------

#: English/Chinese hedge words written before a number -> approx value.
#: "nearly"/"almost"/"close to"/"近"/"接近"/"将近" are read as "about" (the figure is what the
#: speaker means, the hedge says it is not exact); "不到"/"less than" are "under".
HEDGE_BEFORE = {
    "approximately": "about", "approx.": "about", "approx": "about", "about": "about",
    "around": "about", "roughly": "about", "circa": "about", "some": "about", "~": "about",
    "nearly": "about", "almost": "about", "close to": "about", "an estimated": "about",
    "estimated": "about",
    "over": "over", "more than": "over", "greater than": "over", "in excess of": "over",
    "above": "over", "upwards of": "over", "north of": "over", "exceeding": "over",
    "well over": "over", "just over": "over", "well above": "over", "excess of": "over",
    "under": "under", "less than": "under", "below": "under", "fewer than": "under",
    "just under": "under", "shy of": "under", "well below": "under", "well under": "under",
    "at least": "at_least", "a minimum of": "at_least", "no less than": "at_least",
    "not less than": "at_least", "no fewer than": "at_least",
    "up to": "at_most", "at most": "at_most", "a maximum of": "at_most",
    "no more than": "at_most", "not more than": "at_most", "as much as": "at_most",
    "as many as": "at_most", "as high as": "at_most",
    "约": "about", "約": "about", "约为": "about", "約為": "about", "大约": "about",
    "大約": "about", "大概": "about", "近": "about", "接近": "about", "将近": "about",
    "將近": "about", "约合": "about", "約合": "about",
    "超过": "over", "超過": "over", "逾": "over", "多于": "over", "多於": "over",
    "至少": "at_least", "不少于": "at_least", "不少於": "at_least", "不低于": "at_least",
    "不低於": "at_least",
    "最多": "at_most", "不超过": "at_most", "不超過": "at_most", "最高": "at_most",
    "不到": "under", "不足": "under", "少于": "under", "少於": "under",
}
#: Chinese hedges written after the number (and its unit)
HEDGE_AFTER = {
    "以上": "over", "多": "over", "余": "over", "餘": "over", "之多": "over",
    "以下": "under", "以内": "at_most", "以內": "at_most",
    "左右": "about", "上下": "about",
}


# -- verbal ranges ------------------------------------------------------------------------------

#: conventional bounds (in %) of verbal ranges; combined forms ("mid-to-high single digits")
#: take the low bound of the first word and the high bound of the second.
QUALITATIVE_BOUNDS: dict[str, dict[str, tuple[int, int]]] = {
    "single": {"low": (1, 3), "mid": (4, 6), "high": (7, 9), "": (1, 9)},
    "double": {"low": (10, 13), "mid": (14, 16), "high": (17, 19), "": (10, 99)},
    "teens": {"low": (10, 13), "mid": (14, 16), "high": (17, 19), "": (10, 19)},
    "twenties": {"low": (20, 23), "mid": (24, 26), "high": (27, 29), "": (20, 29)},
    "thirties": {"low": (30, 33), "mid": (34, 36), "high": (37, 39), "": (30, 39)},
    "forties": {"low": (40, 43), "mid": (44, 46), "high": (47, 49), "": (40, 49)},
    "fifties": {"low": (50, 53), "mid": (54, 56), "high": (57, 59), "": (50, 59)},
    "sixties": {"low": (60, 63), "mid": (64, 66), "high": (67, 69), "": (60, 69)},
    "seventies": {"low": (70, 73), "mid": (74, 76), "high": (77, 79), "": (70, 79)},
    "eighties": {"low": (80, 83), "mid": (84, 86), "high": (87, 89), "": (80, 89)},
    "nineties": {"low": (90, 93), "mid": (94, 96), "high": (97, 99), "": (90, 99)},
}
#: Chinese words for the same heads and modifiers
QUALITATIVE_ZH_HEAD = {
    "个位数": "single", "個位數": "single", "单位数": "single", "單位數": "single",
    "两位数": "double", "兩位數": "double", "双位数": "double", "雙位數": "double",
}
QUALITATIVE_ZH_MOD = {"低": "low", "中": "mid", "高": "high"}


def exact(value: Decimal) -> Decimal:
    """Drop a meaningless exponent: 2.761 * 10**8 -> Decimal('276100000'); keep real decimals."""
    if value == value.to_integral_value(context=CTX):
        return value.quantize(Decimal(1), context=CTX)
    return value.normalize(context=CTX)


def times(value: Decimal, scale: int) -> Decimal:
    """value * scale, exactly, as a tidy Decimal (276.1 * 10**6 -> Decimal('276100000'))."""
    return exact(CTX.multiply(value, Decimal(scale)))
