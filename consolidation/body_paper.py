"""A body's own Báo cáo (a department's, a village's, the MTTQ's): the sections of the commune's outline, in the
same order and numbering, each with only this body's words and figures.

The body writes item by item of the plan; its superior reads the commune's paper section by section of the
Law. Printing the body's paper in the commune's outline (consolidation.outline) lets the coordinator lay the
two side by side, and a body's item goes where the coordinator placed it. Under a results (COMPUTED) section:
each item placed there that the body answered, with its status and what it did, then its own figures placed
there as sentences. The sections the coordinator writes get the body's own: its overall assessment and
difficulties ("danh-gia"), its unfinished items as next period's tasks ("nhiem-vu"), its proposals
("kien-nghi"). A section with nothing from this body is left out and the printed ones are numbered without
gaps. A fixed number of queries whatever the number of items, figures or bodies.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.utils.translation import gettext as _

from camgiang_portal import documents
from camgiang_portal.paper_content import PaperContent, PaperSection, PaperTable
from reports.exports import period_phrase, report_paper, with_year
from reports.models import FigureValue, ItemProgress, ItemStatus, ProgressReport

from . import figures
from .outline import outline_for, outline_rows, section_numbers
from .outline_defaults import DEFAULT_SECTIONS
from .sentences import number

BODY_TEMPLATE = "consolidation/pdf/body_report.html"
ASSESSMENT, TASKS, PROPOSALS = "danh-gia", "nhiem-vu", "kien-nghi"
# Answered but not finished: next period's tasks. Done is done; "không phát sinh" is not the body's to do.
UNFINISHED = (ItemStatus.NOT_STARTED, ItemStatus.IN_PROGRESS, ItemStatus.ONGOING)


def _flat(text: str) -> str:
    return " ".join((text or "").split())


def _answered(row: ItemProgress) -> bool:
    """A row says something of the item: a status other than "không phát sinh", or what was done."""
    return bool(row.status and row.status != ItemStatus.NOT_APPLICABLE) or bool(_flat(row.done))


def _item_paragraphs(row: ItemProgress) -> list[str]:
    status = row.get_status_display().lower() if row.status else _("chưa cập nhật")
    said = _("Tình hình thực hiện: %(status)s.") % {"status": status}
    done = _flat(row.done)
    return [f"{row.item.code}) {_flat(row.item.text)}", f"{said} {done}" if done else said]


@dataclass
class _BodyFigures:
    """The body's own values of the plan's figures: the sum of its rows' values, by indicator and by code."""

    by_indicator: dict[int, int] = field(default_factory=dict)
    by_code: dict[str, int] = field(default_factory=dict)


def _body_figures(report: ProgressReport, indicators: dict) -> _BodyFigures:
    # An area's figure can be written on several of the area's rows: the body's figure is their sum.
    result = _BodyFigures(defaultdict(int), defaultdict(int))
    for indicator_id, value in FigureValue.objects.filter(progress__report=report).values_list("indicator_id", "value"):
        result.by_indicator[indicator_id] += value
        if indicator_id in indicators:
            result.by_code[indicators[indicator_id].code] += value
    return result


def _figure_rows(indicators: list, values: _BodyFigures, names: dict) -> list[figures.FigureRow]:
    """The body's rows of these indicators, one per code, with the share of its own base where it has one."""
    rows: dict[str, figures.FigureRow] = {}
    for indicator in indicators:
        if indicator.pk not in values.by_indicator or indicator.code in rows:
            continue
        row = figures.FigureRow(
            code=indicator.code,
            name=indicator.name,
            unit=indicator.unit,
            total=values.by_code[indicator.code],
            indicator=indicator,
        )
        base = names.get(indicator.percent_of_id)
        if base is not None and base.code in values.by_code:
            row.base_name, row.base_total = base.name, values.by_code[base.code]
        rows[indicator.code] = row
    return list(rows.values())


def _figure_sentences(period, rows: list[figures.FigureRow]) -> list[str]:
    """The paper's own wording of figures (consolidation.figures.sentences), here of one body and with no
    comparison: a body's paper does not compare it with last year's body. A figure of 0 says nothing."""
    said = [row for row in rows if row.total]
    if not said:
        return []
    one = figures.PeriodFigures(
        period=period,
        rows=said,
        expected=1,
        reported=1,
        same_period_label="",
        last_year_period=None,
        previous_period=None,
    )
    return [f"- {sentence}." for sentence in figures.sentences(one)]


def _said_once(rows: list[ItemProgress], field_name: str) -> list[str]:
    """ "- 2.c, 2.d: Đề nghị …": a text the body wrote on several items is said once, naming them all."""
    codes: dict[str, list[str]] = {}
    for row in rows:
        text = _flat(getattr(row, field_name))
        if text:
            codes.setdefault(text, []).append(row.item.code)
    return [f"- {', '.join(items)}: {text}" for text, items in codes.items()]


def _written_paragraphs(key: str, report: ProgressReport, rows: list[ItemProgress]) -> list[str]:
    """What the body wrote that belongs to a section the coordinator writes in the commune's paper."""
    out: list[str] = []
    if key == ASSESSMENT:
        out += documents.paragraphs(report.summary)
        hard = _said_once(rows, "difficulties")
        if hard:
            out += [_("Khó khăn, vướng mắc:"), *hard]
    elif key == TASKS:
        tasks = [
            f"- {row.item.code}) {_flat(row.item.text).rstrip('.;: ')} ({row.get_status_display().lower()})."
            for row in rows
            if row.status in UNFINISHED
        ]
        if tasks:
            out += [_("Tiếp tục thực hiện các nhiệm vụ chưa hoàn thành:"), *tasks]
    elif key == PROPOSALS:
        out += _said_once(rows, "proposals")
    return out


def _printed(entries: list) -> list:
    """The entries to print: those with paragraphs, and each part (level 1) above a printed sub-section."""
    keep, part = set(), None
    for index, (section, paragraphs) in enumerate(entries):
        part = index if section.level == 1 else part
        if paragraphs:
            keep.add(index)
            if section.level == 2 and part is not None:
                keep.add(part)
    return [entry for index, entry in enumerate(entries) if index in keep]


def body_content(report: ProgressReport) -> PaperContent:
    """The body's own Báo cáo as paper content, in the period's outline (see the module's docstring)."""
    period, plan = report.period, report.period.plan
    outline_sections = outline_rows(outline_for(period))
    indicators = {p.indicator_id: p.indicator for s in outline_sections for p in s.figures}
    values = _body_figures(report, indicators)
    rows = list(report.items.select_related("item__area").order_by("item__area__order", "item__order"))
    by_item = {row.item_id: row for row in rows}
    entries, keys = [], set()
    for outline_row in outline_sections:
        section = outline_row.section
        paragraphs: list[str] = []
        for placement in outline_row.items:
            row = by_item.get(placement.item_id)
            if row is not None and _answered(row):
                paragraphs += _item_paragraphs(row)
        placed = [p.indicator for p in outline_row.figures]
        paragraphs += _figure_sentences(period, _figure_rows(placed, values, indicators))
        paragraphs += _written_paragraphs(section.key, report, rows)
        keys.add(section.key)
        entries.append((SimpleNamespace(level=section.level, title=section.title), paragraphs))
    # An outline a superior sent may have no such section: the body's assessment, tasks and proposals are
    # still said, at the end under the default titles, rather than lost.
    for default in DEFAULT_SECTIONS:
        if default.key in (ASSESSMENT, TASKS, PROPOSALS) and default.key not in keys:
            entries.append(
                (SimpleNamespace(level=1, title=str(default.title)), _written_paragraphs(default.key, report, rows))
            )
    printed = _printed(entries)
    for index, (section, _paragraphs) in enumerate(printed):
        section.pk = index
    numbers = section_numbers(section for section, _paragraphs in printed)
    intro = _("Thực hiện %(plan)s, %(body)s báo cáo kết quả thực hiện %(period)s như sau:") % {
        "plan": plan.full_title,
        "body": report.body.name,
        "period": with_year(period_phrase(period), plan.year),
    }
    return PaperContent(
        intro=(intro,),
        sections=tuple(
            PaperSection(number=numbers[s.pk], title=s.title, level=s.level, paragraphs=tuple(p)) for s, p in printed
        ),
        appendix=_appendix(list(indicators.values()), values, indicators),
    )


def _appendix(indicators: list, values: _BodyFigures, names: dict) -> tuple[PaperTable, ...]:
    """The body's own figures, all of them (a 0 too: the body said it), in the plan's order of figures."""
    ordered = sorted(indicators, key=lambda i: (i.order, i.pk))
    rows = _figure_rows(ordered, values, names)
    if not rows:
        return ()
    return (
        PaperTable(
            title=_("PHỤ LỤC: SỐ LIỆU"),
            headers=(_("TT"), _("Chỉ tiêu"), _("Đơn vị tính"), _("Số liệu")),
            rows=tuple((str(n), row.name, row.unit, number(row.total)) for n, row in enumerate(rows, start=1)),
        ),
    )


def body_pdf(report: ProgressReport) -> bytes:
    """The body's own Báo cáo as PDF, in the commune's Decree-30 frame (reports.exports.report_paper)."""
    context = {"paper": report_paper(report), "content": body_content(report)}
    return documents.render_pdf(BODY_TEMPLATE, context)
