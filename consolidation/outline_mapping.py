"""Which section of the Báo cáo a plan item, a standard figure or a superior's heading belongs to, by its words.

A plain function of text, no database: the default the coordinator then corrects in the browser. The text is
compared in lower case, NFC, whitespace collapsed, diacritics kept ("công khai" is not "cống khai").

The rule: among the phrases below, the one found EARLIEST in the text wins (a tie goes to the row higher in the
table); an item's own text is read first, then its content area's title; with no phrase found anywhere the item
goes to the outline's first results section (``None`` here; consolidation.outline resolves it). An item usually
names its subject first ("Đảm bảo quyền … bàn và quyết định …, … Ban thanh tra nhân dân" is a deciding item),
so the earliest phrase is its subject and a later mention does not pull it away.

| key                 | phrases (any of)                                                                       |
| ------------------- | -------------------------------------------------------------------------------------- |
| `tiep-cong-dan`     | tiếp công dân; khiếu nại; tố cáo; đơn thư                                                |
| `huong-uoc`         | hương ước; quy ước                                                                     |
| `doi-thoai`         | đối thoại; giải trình                                                                  |
| `dan-chu-co-quan`   | hội nghị cán bộ, công chức; quy chế (thực hiện) dân chủ … cơ quan/đơn vị (same clause); |
|                     | quy chế làm việc; quy chế chi tiêu nội bộ; kỷ luật, kỷ cương; đoàn kết nội bộ;          |
|                     | dân chủ (trong, ở) (hoạt động của) cơ quan                                             |
| `kiem-tra-giam-sat` | ban thanh tra nhân dân; giám sát đầu tư (của) cộng đồng; kiểm tra, giám sát             |
| `ban-quyet-dinh`    | bàn và quyết định; hội nghị thôn; họp thôn                                             |
| `tham-gia-y-kien`   | lấy ý kiến; tham gia ý kiến; góp ý                                                     |
| `cong-khai`         | công khai                                                                              |
| `mo-hinh`           | mô hình; điển hình; khen thưởng; biểu dương                                            |
| `lanh-dao`          | tuyên truyền; phổ biến; quán triệt; ban hành kế hoạch; quyết định ban hành;            |
|                     | ban hành quy chế; lãnh đạo, chỉ đạo; dân vận                                           |

What it gives on the demo plan (plans/fixtures/ke-hoach-dan-chu-co-so-2026.md; consolidation/tests hold it):
1.a–1.d → lanh-dao (quán triệt, tuyên truyền, "Quyết định ban hành Quy chế", dân vận), 1.e → mo-hinh;
2.a → cong-khai, 2.b → ban-quyet-dinh, 2.c → tiep-cong-dan, 2.d → no phrase, area "dân chủ ở xã, thôn" neither:
the first results section (công khai, where administrative procedures are disclosed), 2.e → doi-thoai (giải trình);
3.a → cong-khai, 3.b → dan-chu-co-quan (by its area's title), 3.c → dan-chu-co-quan (kỷ cương), 3.d →
dan-chu-co-quan (hội nghị cán bộ, công chức), 3.đ → dan-chu-co-quan (quy chế … của đơn vị, before "quy chế tiếp
công dân"), 3.e → dan-chu-co-quan (đoàn kết nội bộ).

Headings of a superior's outline are short: the same table first, then the parts a report always has
(`HEADING_RULES`: đánh giá → danh-gia, nhiệm vụ/phương hướng → nhiem-vu, kiến nghị/đề xuất → kien-nghi,
kết quả → ket-qua).
"""

from __future__ import annotations

import re
import unicodedata

# (key, phrases as regular expressions over normalised text), in the order ties are broken.
RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("tiep-cong-dan", (r"tiếp công dân", r"khiếu nại", r"tố cáo", r"đơn thư")),
    ("huong-uoc", (r"hương ước", r"quy ước")),
    ("doi-thoai", (r"đối thoại", r"giải trình")),
    (
        "dan-chu-co-quan",
        (
            r"hội nghị cán bộ,? công chức",
            r"quy chế (?:thực hiện )?dân chủ[^.;]{0,120}?(?:cơ quan|đơn vị)",
            r"quy chế làm việc",
            r"quy chế chi tiêu nội bộ",
            r"kỷ luật,? kỷ cương",
            r"đoàn kết nội bộ",
            r"dân chủ (?:trong|ở) (?:hoạt động của )?(?:các )?cơ quan",
        ),
    ),
    ("kiem-tra-giam-sat", (r"ban thanh tra nhân dân", r"giám sát đầu tư (?:của )?cộng đồng", r"kiểm tra,? giám sát")),
    ("ban-quyet-dinh", (r"bàn và quyết định", r"hội nghị thôn", r"họp thôn")),
    ("tham-gia-y-kien", (r"lấy ý kiến", r"tham gia ý kiến", r"góp ý")),
    ("cong-khai", (r"công khai",)),
    ("mo-hinh", (r"mô hình", r"điển hình", r"khen thưởng", r"biểu dương")),
    (
        "lanh-dao",
        (
            r"tuyên truyền",
            r"phổ biến",
            r"quán triệt",
            r"ban hành kế hoạch",
            r"quyết định ban hành",
            r"ban hành quy chế",
            r"lãnh đạo,? chỉ đạo",
            r"dân vận",
        ),
    ),
)

# Only for headings: the parts of a report that are not a content of the Law.
HEADING_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("danh-gia", (r"đánh giá", r"ưu điểm", r"hạn chế", r"tồn tại", r"khó khăn")),
    ("nhiem-vu", (r"nhiệm vụ", r"phương hướng", r"kỳ tới", r"thời gian tới")),
    ("kien-nghi", (r"kiến nghị", r"đề xuất")),
    ("ket-qua", (r"kết quả",)),
)

_COMPILED = tuple((key, tuple(re.compile(p) for p in phrases)) for key, phrases in RULES)
_HEADING_COMPILED = tuple((key, tuple(re.compile(p) for p in phrases)) for key, phrases in HEADING_RULES)


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


def _earliest(text: str, rules) -> str | None:
    best: tuple[int, int] | None = None
    best_key = None
    for rank, (key, patterns) in enumerate(rules):
        for pattern in patterns:
            match = pattern.search(text)
            if match and (best is None or (match.start(), rank) < best):
                best, best_key = (match.start(), rank), key
    return best_key


def key_for_text(text: str) -> str | None:
    """The section key the text's earliest phrase names, or None."""
    return _earliest(normalise(text), _COMPILED)


def item_key(text: str, area_title: str = "") -> str | None:
    """An item's section key: by its own words, else by its content area's title; None: the first results section."""
    return key_for_text(text) or key_for_text(area_title)


def figure_key(name: str, item_text: str = "", area_title: str = "") -> str | None:
    """A standard figure's section key: by its name ("Số buổi tiếp công dân"), else as the item (or area) it
    belongs to ("Số đơn đã giải quyết" of 2.c goes with tiếp công dân)."""
    return key_for_text(name) or item_key(item_text, area_title)


def heading_key(title: str) -> str | None:
    """Which default section a superior's heading is, if any: the contents first, then the report's parts."""
    text = normalise(title)
    return _earliest(text, _COMPILED) or _earliest(text, _HEADING_COMPILED)
