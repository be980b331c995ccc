"""Script classes and language detection (English / Simplified / Traditional Chinese).

Reads: raw text. Adds: a ``Lang`` guess and script-run boundaries.
Refuses to guess: anything but English and Chinese (``Lang.OTHER`` for text with neither Latin
letters nor CJK). Needs no model: Traditional vs Simplified is decided with a small table of
characters that differ between the two scripts, so English text never loads OpenCC.
"""
from __future__ import annotations

import re

from ..records import Lang

# CJK unified ideographs (basic + extension A + compatibility). Punctuation is not counted.
CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{CJK_CLASS}]")
_LATIN_RE = re.compile(r"[A-Za-z]")

# The 400 most frequent characters (by jieba's dictionary counts) whose Traditional form differs
# from the Simplified one under OpenCC s2t, plus Taiwanese variants (為 裡 眾 綫). Characters in
# common use in both scripts (台 干 余 里 后 ...) were dropped from the Simplified side.
_TRAD_ONLY = frozenset(
    "國爲為這個來會時學說們於後發對長過業裏裡經門動進區開產軍還種現機體與當兩實麼關從內沒將員東頭間無"
    "見戰點場數樣問並萬級應資務氣漢總電聲設義統處馬兒領隊計別權話報給變書幾華議稱決張導術結師達題條"
    "規縣風運組聽濟黨論強黃選記卻職號類傳帶幹農邊據聯廣質陽難歷專認車臺遊舉線綫團備爭衆眾連調轉該爾讓"
    "較際親單紅價約亞則屬積圖準極裝許參觀魚辦復遠構隨劃勢熱網語鐵斷愛紀況證編滿覺雙樂標確織項飛"
    "節龍響藥輕擊請離顯羅營視護創餘興佔雖費試寶識維採宮環鬥鄉責嚴橋僅勝殺圍態楊負層須續狀銀範終錢"
    "賽獨細衝獲習醫盡臉彈樓藝陸協鎮檢寫蘇驗緊勞戶優財養適陳衛雲傷絕階劉剛億聞審壓監敵蘭溫園樹徵詞"
    "島預繼執誰驚畫輯劍談禮願築亂講臨揮歐葉簡擔歲荊貴轄幫塊額錯劇歡夠孫陣銷堅練腳讀測吳寧換異顧順"
    "鮮敗貨礦歸買險評嗎廠遺筆輸漸頂訓錄畢豐獻爺納鍾腦飯擴齊趕訴詩礎屆靜盤賣灣減靈雜澤側慶媽館補舊"
    "輪婦載懷軟槍牆惡頓穩諸綠榮針寬庫罷謝頁擁聖戲獎巖幣圓燒討煙"
)
_SIMP_ONLY = frozenset(
    "国为这个来会时学说们于发对长过业经门动进区开产军还种现机体与当两实么关从内没将员东头间无见战"
    "点场数样问并万级应资务气汉总电声设义统处马儿领队计别权话报给变书华议称决张导术结师达题条规县"
    "风运组听济党论强黄选记却职号类传带农边据联广质阳难历专认车游举线团备争众连调转该尔让较际亲单"
    "红价约亚则属积图准极装许参观鱼办复远构随划势热网语铁断爱纪况证编满觉双乐标确织项飞节龙响药轻"
    "击请离显罗营视护创兴占虽费试宝识维宫环乡责严桥仅胜杀围态杨负层须续状银范终钱赛独细获习医尽"
    "脸弹楼艺陆协镇检写苏验紧劳户优财养适陈卫云伤绝阶刘刚亿闻审压监敌兰温园树词岛预继执谁惊画辑剑"
    "谈礼愿筑乱讲临挥欧叶简担岁荆贵辖帮块额错剧欢够孙阵销坚练脚读测吴宁换异顾顺鲜败货矿归买险评吗"
    "厂遗笔输渐顶训录毕丰献爷纳钟脑饭扩齐赶诉诗础届静盘卖湾减灵杂泽侧庆妈馆补旧轮妇载怀软枪墙恶顿"
    "稳诸绿荣针宽库罢谢页拥圣戏奖币圆烧讨烟"
)


def is_cjk(ch: str) -> bool:
    return bool(CJK_RE.match(ch))


def cjk_share(text: str) -> float:
    """CJK characters / (CJK characters + Latin letters); 0.0 when there are neither."""
    cjk = len(CJK_RE.findall(text))
    if not cjk:
        return 0.0
    latin = len(_LATIN_RE.findall(text))
    return cjk / (cjk + latin)


def zh_script(text: str) -> Lang:
    """ZH_HANT when Traditional-only characters outnumber Simplified-only ones, else ZH_HANS."""
    trad = simp = 0
    for ch in text:
        if ch in _TRAD_ONLY:
            trad += 1
        elif ch in _SIMP_ONLY:
            simp += 1
    return Lang.ZH_HANT if trad > simp else Lang.ZH_HANS


def detect_language(text: str, *, min_cjk_share: float = 0.25) -> Lang:
    """Guess the language of ``text``: EN, ZH_HANS, ZH_HANT or OTHER.

    A CJK character carries about as much as a short English word, so text counts as Chinese
    when CJK characters make up ``min_cjk_share`` of CJK + Latin letters.

    >>> detect_language("Revenue grew 12%."), detect_language("營收同比增長12%"), detect_language("营收同比增长")
    (<Lang.EN: 'en'>, <Lang.ZH_HANT: 'zh-Hant'>, <Lang.ZH_HANS: 'zh-Hans'>)
    """
    share = cjk_share(text)
    if share >= min_cjk_share:
        return zh_script(text)
    if share > 0 or _LATIN_RE.search(text):
        return Lang.EN
    return Lang.OTHER
