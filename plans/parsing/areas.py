"""Section II: content areas, their items (lettered, bulleted, numbered or tabled) and assignments."""

from __future__ import annotations

import re

from .bodies import normalise_name, split_body_list
from .model import ParsedArea, ParsedItem, ParsedPlan, PlanParseError
from .tables import TaskTable
from .text import BULLET, LETTER, META, META_NEXT, NUMBER, Line, parse_meta

_AREA_KEY = re.compile(r"^(?:(?:cơ\s+quan|đơn\s+vị)[^:]*thực\s+hiện|thời\s+gian\s+thực\s+hiện)\s*:", re.IGNORECASE)
# Vietnamese item letters: no f, j, w, z.
LETTERS = list("abcdđeghiklmnopqrstuvxy")


def assign_labels(items: list[ParsedItem]) -> None:
    """Give unlabelled items (bullets, paragraphs, table rows) the next free letters."""
    used = {item.label for item in items if item.label}
    free = (letter for letter in LETTERS + [f"{a}{b}" for a in LETTERS for b in LETTERS] if letter not in used)
    for item in items:
        if not item.label:
            item.label = next(free)


def split_heading(body: str) -> tuple[str, str]:
    """ "Phòng Văn hóa – Xã hội: Theo dõi …" → ("Phòng Văn hóa – Xã hội", "Theo dõi …")."""
    head, sep, rest = body.partition(":")
    if sep and rest.strip() and len(head) <= 150:
        return head.strip(), rest.strip()
    return body.strip(" :."), ""


# "(Giao Văn phòng HĐND và UBND xã chủ trì, phối hợp với các thôn thực hiện; thời gian: Quý II)".
_PAREN_ASSIGNMENT = re.compile(
    r"\s*\((?:giao\s+(?:cho\s+)?|đề\s+nghị\s+)?(?P<lead>[^()]{3,120}?)\s+chủ\s+trì"
    r"(?:\s*,?\s*phối\s+hợp(?:\s+với)?\s+(?P<coord>[^();]+?))?"
    r"(?:\s+(?:tổ\s+chức\s+)?thực\s+hiện)?"
    r"(?:\s*[;,]\s*(?:thời\s+gian|thời\s+hạn|hoàn\s+thành)\s*:?\s*(?P<timing>[^()]+?))?\s*\)\s*[.;]?$",
    re.IGNORECASE,
)


def split_tail_meta(text: str) -> tuple[str, list[tuple[str, str]]]:
    """ "Tổ chức hội nghị (Chủ trì: Văn phòng; thời gian: Quý II)" → text and its assignments."""
    m = _PAREN_ASSIGNMENT.search(text)
    if m:
        meta = [("lead", m.group("lead")), ("coord", m.group("coord") or ""), ("timing", m.group("timing") or "")]
        return text[: m.start()].rstrip(" ;,"), [(name, value) for name, value in meta if value]
    m = META_NEXT.search(text)
    if not m:
        return text, []
    meta = parse_meta(text[m.start() :].lstrip(" ;.,-("))
    if not meta:
        return text, []
    return text[: m.start()].rstrip(" ;,(-"), meta


class AreaBuilder:
    """Builds ParsedArea objects from the classified lines of section II (and from task tables)."""

    def __init__(self, plan: ParsedPlan) -> None:
        self.plan = plan
        self.area: ParsedArea | None = None
        self.item: ParsedItem | None = None
        self.item_is_sub = False  # a numbered sub-heading item absorbs its own a), b) and bullets
        self.area_meta = False  # once area-level metadata starts, later metadata belongs to the area
        self.pending: tuple[object, str] | None = None  # a field whose value comes on the next lines
        self.letters: dict[str, int] = {}
        self.sub_letters: dict[str, int] = {}
        self.loose: list[tuple[str, int]] = []
        self.area_emphasised = False

    # -- lines ------------------------------------------------------------------------------

    def feed(self, line: Line) -> None:
        if line.kind == NUMBER:
            if line.meta:  # "1.1. Nội dung", "1.2 Cơ quan thực hiện:", "1.3 Thời gian …: …"
                self._ensure_area(line)
                self._area_meta(line.meta)
            elif "." not in line.label and not self._numbered_item(line):
                self._open_area(line)
            else:
                self._ensure_area(line)
                self._new_item(line, "", line.body, sub=True)
        elif line.kind == LETTER:
            self._ensure_area(line)
            if self.item and self.item_is_sub:
                self._check_letter(self.sub_letters, line)
                self._append(line.text)
            else:
                self._new_item(line, line.label, line.body)
        elif line.kind == BULLET:
            if self.pending and self.pending[1] in ("lead", "coord"):
                self._set(self.pending[0], self.pending[1], line.body)
                return
            self._ensure_area(line)
            if self.item and (self.item_is_sub or self.item.label):
                self._append(line.text)  # details of a lettered or numbered item
            else:
                self._new_item(line, "", line.body)
        elif line.kind == META and line.meta[0][0] == "content" and line.meta[0][1]:
            # "- Nội dung: Niêm yết công khai …" states a task; the lines after it assign it.
            self._ensure_area(line)
            self._new_item(line, "", line.meta[0][1])
        elif line.kind == META:
            self._ensure_area(line)
            if self.item and not self.area_meta and line.meta[0][0] != "content" and not self._area_style(line):
                self._item_meta(self.item, line.meta)
            else:
                self._area_meta(line.meta)
        else:
            self._paragraph(line)

    def _numbered_item(self, line: Line) -> bool:
        """ "1." inside area 2, or a plain "3." under a bold area heading, is an item, not an area."""
        if self.area is None or not self.area.number.isdigit():
            return False
        return int(line.label) <= int(self.area.number) or (self.area_emphasised and not line.emphasised)

    def _area_style(self, line: Line) -> bool:
        """ "Cơ quan thực hiện: …" set apart after several plain items speaks for the whole area."""
        items = self.area.items
        return (
            line.blank_before
            and len(items) > 1
            and not any(i.lead_bodies or i.coordinating_bodies or i.timing or i.basis for i in items)
            and bool(_AREA_KEY.match(line.body))
        )

    def _paragraph(self, line: Line) -> None:
        if self.pending:
            target, name = self.pending
            self.pending = None
            self._set(target, name, line.text)
        elif self.area is None:
            return  # an introduction before the first area
        elif self.item:
            self._append(line.text)
        else:
            self.loose.append((line.text, line.no))

    # -- areas and items -----------------------------------------------------------------------

    def _open_area(self, line: Line) -> None:
        self.close()
        title, inline = split_heading(line.body)
        self.area = ParsedArea(number=line.label, title=title.rstrip(" .;"), line=line.no)
        self.area_emphasised = line.emphasised
        if not title:
            self.pending = (self.area, "title")
        if inline:
            self.loose.append((inline, line.no))

    def _ensure_area(self, line: Line) -> None:
        if self.area is None:
            number = line.label.split(".")[0] if line.kind == NUMBER else str(len(self.plan.areas) + 1)
            self.area = ParsedArea(number=number, title="", line=line.no)

    def _check_letter(self, seen: dict[str, int], line: Line) -> None:
        if line.label in seen:
            number = self.area.number if self.area else "?"
            raise PlanParseError(
                f"mục '{line.label}' bị trùng trong nội dung {number} (đã có ở dòng {seen[line.label]}).",
                line=line.no,
                part=f"II.{number}",
            )
        seen[line.label] = line.no

    def _new_item(self, line: Line, label: str, text: str, sub: bool = False) -> None:
        if label:
            self._check_letter(self.letters, line)
        text, meta = split_tail_meta(text)
        self.item = ParsedItem(label=label, text=text, line=line.no)
        self.item_is_sub, self.area_meta, self.pending = sub, False, None
        self.sub_letters = {}
        self.area.items.append(self.item)
        self._item_meta(self.item, meta)

    def _append(self, text: str) -> None:
        self.item.text = f"{self.item.text}\n{text}" if self.item.text else text

    def _item_meta(self, item: ParsedItem, meta: list[tuple[str, str]]) -> None:
        for name, value in meta:
            if name == "content":
                continue
            if value:
                self._set(item, name, value)
            else:
                self.pending = (item, name)

    def _area_meta(self, meta: list[tuple[str, str]]) -> None:
        for name, value in meta:
            if name == "content":
                # "Nội dung": the items follow; metadata after them belongs to the items again.
                self.item, self.item_is_sub, self.area_meta = None, False, False
                continue
            self.item, self.area_meta = None, True
            if value:
                self._set(self.area, name, value)
            else:
                self.pending = (self.area, name)

    def _set(self, target: object, name: str, value: str) -> None:
        value = value.strip()
        if isinstance(target, ParsedItem):
            if name == "lead":
                target.lead_bodies += [b for b in split_body_list(value) if b not in target.lead_bodies]
            elif name == "coord":
                target.coordinating_bodies += [b for b in split_body_list(value) if b not in target.coordinating_bodies]
            elif name == "timing":
                target.timing = value.rstrip(" .;")
            elif name == "basis":
                target.basis = value.rstrip(" .;")
        elif isinstance(target, ParsedArea):
            if name in ("lead", "coord"):
                target.bodies_text = f"{target.bodies_text}; {value}" if target.bodies_text else value
            elif name == "timing":
                target.timing = value.rstrip(" .;")
            elif name == "title":
                target.title = value.rstrip(" .;:")

    def close(self) -> None:
        """Finish the open area: loose paragraphs become items when nothing else did."""
        area = self.area
        if area is not None:
            if not area.items:
                area.items = [ParsedItem(label="", text=text, line=no) for text, no in self.loose]
            self._finish(area)
            self.plan.areas.append(area)
        self.area, self.item, self.pending = None, None, None
        self.item_is_sub = self.area_meta = False
        self.letters, self.sub_letters, self.loose = {}, {}, []

    @staticmethod
    def _finish(area: ParsedArea) -> None:
        assign_labels(area.items)
        area.body_names = split_body_list(area.bodies_text)

    # -- task tables ---------------------------------------------------------------------------

    def add_table(self, table: TaskTable) -> None:
        """Put a task table's rows into areas: by its group rows, else into the open area."""
        if not table.groups:
            if self.area is not None:
                self.area.items += table.loose
                return
            empty = [a for a in self.plan.areas if not a.items]
            if len(self.plan.areas) == 1 and empty:
                target = empty[0]
            else:
                target = ParsedArea(number=str(len(self.plan.areas) + 1), title="", line=table.line)
                self.plan.areas.append(target)
            target.items += table.loose
            self._finish(target)
            return
        self.close()
        if table.loose:
            target = self.plan.areas[-1] if self.plan.areas else None
            if target is None:
                target = ParsedArea(number="1", title="", line=table.line)
                self.plan.areas.append(target)
            target.items += table.loose
            self._finish(target)
        for group in table.groups:
            area = self._find_area(group.number, group.title)
            if area is None:
                area = ParsedArea(number=group.number, title=group.title.rstrip(" .:"), line=group.line)
                area.bodies_text = group.bodies
                self.plan.areas.append(area)
            area.items += group.items
            self._finish(area)

    def _find_area(self, number: str, title: str) -> ParsedArea | None:
        key = normalise_name(title)[:40]
        for area in self.plan.areas:
            if key and normalise_name(area.title)[:40] == key:
                return area
        return next((a for a in self.plan.areas if a.number == number), None)
