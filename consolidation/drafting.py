"""What the Báo cáo's draft is made of, section by section of the period's outline: the sentences the portal
computes (figures with their units, percentages and comparisons), the bodies' words grouped — each distinct
text once, with how many and which bodies said it — for the coordinator to quote, and the pre-filled text a
section reads until the coordinator saves it.

Where the words go: an item's results (what the bodies did) under the section the outline places the item in;
the difficulties under the overall assessment (Đánh giá chung), the proposals under Kiến nghị, the items still
unfinished under the next period's tasks. A fixed number of queries whatever the number of bodies (gather and
figures each read the period once).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from plans.models import ReportingPeriod
from reports.exports import period_phrase, with_year
from reports.models import ItemStatus

from . import figures as figures_module
from . import gather, wording
from .outline import SectionRow, outline_for, outline_rows
from .outline_defaults import COMPUTED
from .sentences import sentence_case

# The portal's own counts with no standard figure beside them (consolidation.figures.PORTAL_SAME_MEASURE
# takes the others): the section of the default outline they are said in.
PORTAL_SECTIONS = {
    "cong-disclosed": "cong-khai",
    "cong-received": "tiep-cong-dan",
    "cong-settled": "tiep-cong-dan",
    "cong-sessions": "tiep-cong-dan",
    "cong-citizens": "tiep-cong-dan",
}
# Written sections and the bodies' words offered beside them.
OFFERED = {"danh-gia": "difficulties", "kien-nghi": "proposals", "nhiem-vu": "tasks"}
# How many of an item's most shared texts the pre-filled draft says, and of the difficulties, proposals, tasks.
PREFILL_PER_ITEM = 2
PREFILL_WRITTEN = 4
UNFINISHED = (ItemStatus.NOT_STARTED, ItemStatus.IN_PROGRESS)


@dataclass
class Quote:
    """One distinct text of the bodies', with the bodies that wrote it."""

    text: str
    bodies: list[str]
    kind: str  # "done", "difficulties", "proposals", "tasks"
    # The bodies' own texts this one gathers when they were alike but not the same (consolidation.wording), as
    # quotes of their own; empty when every body wrote exactly `text`.
    variants: list[Quote] = field(default_factory=list)
    said: str = ""  # the sentence the draft gets when it is quoted (Quote.sentence), set by material()

    @property
    def key(self) -> str:
        return hashlib.sha256(f"{self.kind}|{self.text}".encode()).hexdigest()[:12]

    @property
    def count(self) -> int:
        return len(self.bodies)

    def sentence(self, expected: int) -> str:
        """The text as the paper says it, naming how many bodies said it rather than who ("(8/16 đơn vị)")."""
        text = sentence_case(self.text.rstrip(" .;"))
        if self.count > 1:
            return f"{text} ({self.count}/{expected} {_('đơn vị')})."
        return f"{text} ({self.bodies[0]})."


@dataclass
class SectionMaterial:
    row: SectionRow
    sentences: list[str] = field(default_factory=list)  # computed by the portal, each ending without a period
    quotes: list[Quote] = field(default_factory=list)  # most shared first
    prefill: str = ""

    @property
    def section(self):
        return self.row.section

    @property
    def key(self) -> str:
        """What the draft's text of this section is kept under: the section's stable key where it has one (it
        outlives a rename and a superior's outline that names the same section), else its id."""
        return self.row.section.key or str(self.row.section.pk)

    @property
    def figures_text(self) -> str:
        """The figures' sentences as the draft writes them, one "- …." line each ("Chèn số liệu" and the pre-fill)."""
        return "\n".join(f"- {sentence}." for sentence in self.sentences)

    def quote(self, key: str) -> Quote | None:
        """The quote (or one body's own words within it) with this key, for the page without JavaScript."""
        for quote in self.quotes:
            for candidate in (quote, *quote.variants):
                if candidate.key == key:
                    return candidate
        return None


@dataclass
class DraftMaterial:
    period: ReportingPeriod
    figures: figures_module.PeriodFigures
    data: gather.Consolidated
    basis: str
    sections: list[SectionMaterial]

    @property
    def by_key(self) -> dict[str, SectionMaterial]:
        return {s.key: s for s in self.sections}


def _group(quotes: list[Quote], village_word: str) -> list[Quote]:
    """The same words under several items are one quote, naming every body once; alike words (the same
    sentence with each village's name and counts) are one quote with the counts added up; most shared first."""
    merged: dict[str, Quote] = {}
    for quote in quotes:
        found = merged.setdefault(quote.text, Quote(quote.text, [], quote.kind))
        found.bodies += [b for b in quote.bodies if b not in found.bodies]
    kind = quotes[0].kind if quotes else ""
    alike = wording.group_alike([(q.text, q.bodies) for q in merged.values()], village_word)
    grouped = [
        Quote(
            text, bodies, kind, variants=[Quote(t, list(b), kind) for t, b in originals] if len(originals) > 1 else []
        )
        for text, bodies, originals in alike
    ]
    return sorted(grouped, key=lambda q: (-q.count, q.text))


def _item_quotes(summary: gather.ItemSummary, kind: str) -> list[Quote]:
    if kind == "tasks":
        bodies = [body.name for body, progress, reported in summary.rows if reported and progress.status in UNFINISHED]
        text = _("Tiếp tục thực hiện: %(item)s") % {"item": summary.item.text.rstrip(" .;")}
        return [Quote(text, bodies, kind)] if bodies else []
    source = summary.activities if kind == "done" else getattr(summary, kind)
    return [Quote(text, list(bodies), kind) for text, bodies in source]


_CUT = re.compile(r",\s*(?:UBND|Ủy ban nhân dân)\s+(?:xã|phường|đặc khu)\b.*$", re.IGNORECASE)


def _superior_basis(plan) -> list[str]:
    """What the plan itself says it carries out ("Thực hiện Kế hoạch số 347/KH-UBND … của UBND thành phố …"),
    from its preamble, cut before "UBND xã … xây dựng Kế hoạch"; else its legal bases that are plans."""
    found = []
    for line in (plan.preamble or "").splitlines():
        line = " ".join(line.split())
        if line.startswith("Thực hiện "):
            found.append(_CUT.sub("", line).rstrip(" ,;.") + ";")
    if found:
        return found
    for basis in plan.legal_bases.all():
        if basis.doc_type.lower().startswith("kế hoạch") and basis.issuer:
            when = _(" ngày %(date)s") % {"date": basis.date.strftime("%d/%m/%Y")} if basis.date else ""
            found.append(
                _("Thực hiện %(type)s số %(number)s%(when)s của %(issuer)s %(title)s;")
                % {
                    "type": basis.doc_type,
                    "number": basis.number,
                    "when": when,
                    "issuer": basis.issuer,
                    "title": basis.title.rstrip(" .;"),
                }
            )
    return found


def basis_text(period: ReportingPeriod) -> str:
    """The opening: the superior's plan the commune's answers, the commune's plan, and what follows."""
    plan = period.plan
    lines = _superior_basis(plan)
    number = _(" số %(number)s") % {"number": plan.number_symbol} if plan.number else ""
    lines.append(
        _(
            "Thực hiện Kế hoạch%(number)s của Ủy ban nhân dân %(kind)s về %(title)s, Ủy ban nhân dân %(kind)s "
            "%(commune)s báo cáo kết quả thực hiện dân chủ ở cơ sở %(period)s như sau:"
        )
        % {
            "title": plan.title[:1].lower() + plan.title[1:],
            "number": number,
            "kind": plan.unit_kind,
            "commune": plan.commune_name,
            "period": with_year(period_phrase(period), plan.year),
        }
    )
    return "\n".join(" ".join(line.split()) for line in lines)


def _computed_prefill(material: SectionMaterial, expected: int, said: set[str], lead: str = "") -> str:
    """The figures' sentences, then the section's most shared results, each text said once in the whole draft
    (the same words under two sections are pasted once)."""
    paragraphs = [lead] if lead else []
    paragraphs += material.figures_text.splitlines()
    room = PREFILL_PER_ITEM * max(1, len(material.row.items))
    for quote in material.quotes:
        if room == 0:
            break
        if quote.text not in said:
            paragraphs.append(f"- {quote.sentence(expected)}")
            said.add(quote.text)
            room -= 1
    return "\n".join(paragraphs)


def _written_prefill(key: str, material: SectionMaterial, period: ReportingPeriod, data, figures) -> str:
    top = [q.text.rstrip(" .;") for q in material.quotes[:PREFILL_WRITTEN]]
    if key == "danh-gia":
        items = [s for _area, summaries in data.areas for s in summaries]
        started = sum(1 for s in items if any(label and count for label, count in s.status_counts))
        lines = [
            _(
                "Ưu điểm: công tác thực hiện dân chủ ở cơ sở được các cơ quan, đơn vị, thôn quan tâm triển khai; "
                "%(started)s/%(items)s nội dung của Kế hoạch đã được triển khai; %(reporting)s."
            )
            % {"started": started, "items": len(items), "reporting": figures.reporting_line}
        ]
        if top:
            lines.append(_("Hạn chế: %(list)s.") % {"list": "; ".join(t[:1].lower() + t[1:] for t in top)})
        return "\n".join(lines)
    if key == "nhiem-vu":
        lines = [
            _("Tiếp tục triển khai các nội dung của %(title)s, tập trung vào:") % {"title": period.plan.full_title}
        ]
        return "\n".join(lines + [f"- {t.removeprefix(_('Tiếp tục thực hiện: '))}." for t in top]) if top else ""
    if key == "kien-nghi":
        return "\n".join(f"- {sentence_case(t)}." for t in top)
    return ""


def _worth_saying(row) -> bool:
    """A figure nobody counted this period nor the same period last year says nothing ("0 mô hình"): the
    appendix still lists it."""
    return row is not None and bool(row.total or (row.same_period and row.same_period.previous))


def material(period: ReportingPeriod) -> DraftMaterial:
    """Every section of the period's outline with its computed sentences, its grouped quotes and its pre-fill."""
    rows = outline_rows(outline_for(period))
    data = gather.consolidated(period)
    period_figures = figures_module.period_figures(period)
    summaries = {s.item.pk: s for _area, items in data.areas for s in items}
    all_items = list(summaries.values())
    village_word = period.plan.village_word
    portal_codes = {row.code for row in period_figures.rows if row.indicator is None}
    sections = []
    for row in rows:
        key, found = row.section.key, SectionMaterial(row)
        if row.section.kind == COMPUTED:
            codes = {p.indicator.code for p in row.figures}
            codes |= {code for code in portal_codes if PORTAL_SECTIONS.get(code) == key}
            codes = {code for code in codes if _worth_saying(period_figures.by_code.get(code))}
            found.sentences = figures_module.sentences(period_figures, codes) if codes else []
            quotes = [
                q for p in row.items if p.item_id in summaries for q in _item_quotes(summaries[p.item_id], "done")
            ]
            found.quotes = _group(quotes, village_word)
        elif key in OFFERED:
            found.quotes = _group([q for s in all_items for q in _item_quotes(s, OFFERED[key])], village_word)
        sections.append(found)
    said: set[str] = set()
    for found in sections:
        for quote in found.quotes:
            for one in (quote, *quote.variants):
                one.said = one.sentence(period_figures.expected)
        key = found.section.key
        if found.section.kind == COMPUTED:
            lead = ""
            if key == "ket-qua":
                lead = _("Tổng hợp từ báo cáo của các cơ quan, đơn vị, thôn (%(reporting)s), kết quả như sau:") % {
                    "reporting": period_figures.reporting_line
                }
            found.prefill = _computed_prefill(found, period_figures.expected, said, lead)
        else:
            found.prefill = _written_prefill(key, found, period, data, period_figures)
    return DraftMaterial(period, period_figures, data, basis_text(period), sections)
