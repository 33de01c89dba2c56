# ruff: noqa: F811 - the fixtures imported from outline_support are the test arguments
"""The outline's services: made from the default, every item and figure placed, each change authorised,
validated, versioned (a conflict, not an overwrite) and done once on a second click."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from camgiang_portal.actors import SYSTEM
from consolidation import outline as services
from consolidation.models import FigurePlacement, ItemPlacement, OutlineSection, ReportOutline
from consolidation.outline_read import Heading
from reports.models import Indicator

from .outline_support import coordinator, seed_period  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def _placed(outline) -> dict[str, str]:
    return {
        p.item.code: p.section.key
        for p in ItemPlacement.objects.filter(outline=outline).select_related("item__area", "section")
    }


def _section(outline, key) -> OutlineSection:
    return outline.sections.get(key=key)


def test_first_use_makes_the_default_and_places_everything(seed_period):
    outline = services.outline_for(seed_period)
    assert [s.key for s in outline.sections.all()][:3] == ["lanh-dao", "ket-qua", "cong-khai"]
    placed = _placed(outline)
    assert placed["2.c"] == "tiep-cong-dan"
    assert placed["2.d"] == "cong-khai"  # no phrase: the first results section
    assert placed["1.e"] == "mo-hinh"
    figures = {
        p.indicator.code: p.section.key
        for p in FigurePlacement.objects.filter(outline=outline).select_related("indicator", "section")
    }
    assert figures["don-giai-quyet"] == "tiep-cong-dan"
    assert figures["giam-sat-ttnd"] == "kiem-tra-giam-sat"
    assert figures["nguoi-tham-du"] == "lanh-dao"
    assert (
        len(figures)
        == Indicator.objects.filter(item__area__plan=seed_period.plan).count()
        + Indicator.objects.filter(area__plan=seed_period.plan).count()
    )  # every seeded figure placed
    # A second call finds it: one outline per period, nothing duplicated.
    again = services.outline_for(seed_period)
    assert again.pk == outline.pk and ReportOutline.objects.count() == 1
    assert ItemPlacement.objects.count() == 16


def test_rows_are_numbered_and_read_in_a_fixed_number_of_queries(seed_period, django_assert_max_num_queries):
    outline = services.outline_for(seed_period)
    with django_assert_max_num_queries(3):
        rows = services.outline_rows(outline)
    assert [(r.number, r.section.key) for r in rows][:4] == [
        ("I", "lanh-dao"),
        ("II", "ket-qua"),
        ("1", "cong-khai"),
        ("2", "ban-quyet-dinh"),
    ]
    assert [(r.number, r.section.key) for r in rows][-3:] == [
        ("III", "danh-gia"),
        ("IV", "nhiem-vu"),
        ("V", "kien-nghi"),
    ]
    assert sum(len(r.items) for r in rows) == 16


def test_rename_add_move_delete(seed_period, coordinator):
    outline = services.outline_for(seed_period)
    tiep = _section(outline, "tiep-cong-dan")
    outline = services.section_rename(
        outline=outline, section_id=tiep.pk, title="  Công tác  tiếp công dân ", version=1, by=coordinator
    )
    tiep.refresh_from_db()
    assert (tiep.title, tiep.key, outline.version) == ("Công tác tiếp công dân", "tiep-cong-dan", 2)
    outline = services.section_add(
        outline=outline, title="Phòng, chống tham nhũng", level=2, after_id=tiep.pk, version=2, by=coordinator
    )
    new = outline.sections.get(title="Phòng, chống tham nhũng")
    keys = list(outline.sections.values_list("key", flat=True))
    assert keys[keys.index("tiep-cong-dan") + 1] == "" and new.key == ""
    outline = services.section_move(outline=outline, section_id=new.pk, direction="up", version=3, by=coordinator)
    keys = list(outline.sections.values_list("key", flat=True))
    assert keys[keys.index("tiep-cong-dan") - 1] == ""
    outline = services.section_delete(outline=outline, section_id=new.pk, version=4, by=coordinator)
    assert not outline.sections.filter(pk=new.pk).exists()
    assert list(outline.sections.values_list("order", flat=True)) == list(range(1, 15))
    assert outline.version == 5
    # The history names who did it.
    assert tiep.history.first().history_user == coordinator


def test_moving_items_and_figures(seed_period, coordinator):
    outline = services.outline_for(seed_period)
    item = ItemPlacement.objects.get(outline=outline, item__label="c", item__area__number="2")
    figure = FigurePlacement.objects.get(outline=outline, indicator__code="tiep-cong-dan")
    target = _section(outline, "doi-thoai")
    outline = services.placements_set(
        outline=outline,
        items={item.item_id: target.pk},
        figures={figure.indicator_id: target.pk},
        version=1,
        by=coordinator,
    )
    item.refresh_from_db(), figure.refresh_from_db()
    assert item.section == target and figure.section == target and outline.version == 2
    # Asking for what already is: nothing changes, the version stays.
    outline = services.placements_set(
        outline=outline, items={item.item_id: target.pk}, figures={}, version=2, by=coordinator
    )
    assert outline.version == 2


def test_a_second_click_is_done_once(seed_period, coordinator):
    outline = services.outline_for(seed_period)
    for _click in range(2):
        outline = services.section_add(outline=outline, title="Mục thêm", level=2, version=1, by=coordinator)
    assert outline.sections.filter(title="Mục thêm").count() == 1 and outline.version == 2
    section = outline.sections.get(title="Mục thêm")
    for _click in range(2):
        outline = services.section_move(
            outline=outline, section_id=section.pk, direction="up", version=2, by=coordinator
        )
    assert outline.version == 3
    for _click in range(2):
        outline = services.section_delete(outline=outline, section_id=section.pk, version=3, by=coordinator)
    assert outline.version == 4 and not OutlineSection.objects.filter(pk=section.pk).exists()


def test_two_editors_get_a_conflict_not_an_overwrite(seed_period, coordinator, django_user_model):
    outline = services.outline_for(seed_period)
    section = _section(outline, "doi-thoai")
    services.section_rename(outline=outline, section_id=section.pk, title="Đối thoại", version=1, by=coordinator)
    other = django_user_model.objects.get(username="admin")
    with pytest.raises(services.OutlineError) as refused:
        services.section_rename(outline=outline, section_id=section.pk, title="Giải trình", version=1, by=other)
    assert refused.value.status == 409 and "Người khác vừa sửa" in refused.value.message
    # The same request from the same person but a different change is a conflict too.
    with pytest.raises(services.OutlineError):
        services.section_move(outline=outline, section_id=section.pk, direction="up", version=1, by=coordinator)
    section.refresh_from_db()
    assert section.title == "Đối thoại"


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("", "không được để trống"),
        ("   ", "không được để trống"),
        ("x" * 201, "dài quá 200"),
        ("<b>Đậm</b>", "HTML"),
        ("Tiêu đề <script>alert(1)</script>", "HTML"),
    ],
)
def test_titles_are_plain_text(seed_period, coordinator, title, message):
    outline = services.outline_for(seed_period)
    section = outline.sections.first()
    with pytest.raises(services.OutlineError) as refused:
        services.section_rename(outline=outline, section_id=section.pk, title=title, version=1, by=coordinator)
    assert refused.value.status == 400 and message in refused.value.message
    with pytest.raises(services.OutlineError):
        services.section_add(outline=outline, title=title, level=2, version=1, by=coordinator)
    outline.refresh_from_db()
    assert outline.version == 1 and outline.sections.count() == 14


def test_refusals(seed_period, coordinator, user_named, demo):
    outline = services.outline_for(seed_period)
    default = _section(outline, "huong-uoc")
    for who in ("lanhdao", "truongthon1", "mttq", "phongkinhte"):
        with pytest.raises(PermissionDenied):
            services.section_rename(outline=outline, section_id=default.pk, title="X", version=1, by=user_named(who))
    with pytest.raises(services.OutlineError, match="mặc định"):
        services.section_delete(outline=outline, section_id=default.pk, version=1, by=coordinator)
    outline = services.section_add(outline=outline, title="Mục mới", level=2, version=1, by=coordinator)
    added = outline.sections.get(title="Mục mới")
    item = ItemPlacement.objects.filter(outline=outline).first()
    outline = services.placements_set(
        outline=outline, items={item.item_id: added.pk}, figures={}, version=2, by=coordinator
    )
    with pytest.raises(services.OutlineError, match="còn nhiệm vụ"):
        services.section_delete(outline=outline, section_id=added.pk, version=3, by=coordinator)
    # Ids of another period's outline, or none at all, are not found here.
    other = services.outline_for(seed_period.plan.periods.get(code="9thang"))
    foreign = other.sections.first()
    for call in (
        lambda: services.section_rename(outline=outline, section_id=foreign.pk, title="X", version=3, by=coordinator),
        lambda: services.section_move(outline=outline, section_id="abc", direction="up", version=3, by=coordinator),
        lambda: services.placements_set(
            outline=outline, items={item.item_id: foreign.pk}, figures={}, version=3, by=coordinator
        ),
        lambda: services.placements_set(
            outline=outline, items={999999: added.pk}, figures={}, version=3, by=coordinator
        ),
    ):
        with pytest.raises(services.OutlineError) as refused:
            call()
        assert refused.value.status == 404
    with pytest.raises(services.OutlineError) as refused:
        services.section_move(outline=outline, section_id=added.pk, direction="sideways", version=3, by=coordinator)
    assert refused.value.status == 400
    with pytest.raises(services.OutlineError) as refused:
        services.section_rename(outline=outline, section_id=added.pk, title="Y", version=None, by=coordinator)
    assert refused.value.status == 400
    with pytest.raises(services.OutlineError, match="tối đa|không thêm"):
        for n in range(40):
            outline = services.section_add(
                outline=outline, title=f"Mục {n}", level=2, version=outline.version, by=SYSTEM
            )


def test_replace_places_items_again_by_the_new_titles(seed_period, coordinator):
    outline = services.outline_for(seed_period)
    headings = [
        Heading(1, "Công tác chỉ đạo, tuyên truyền", "lanh-dao", "computed", 1),
        Heading(1, "Kết quả thực hiện", "ket-qua", "computed", 2),
        Heading(2, "Công tác tiếp công dân", "tiep-cong-dan", "computed", 3),
        Heading(2, "Các nội dung khác", "", "computed", 4),
        Heading(1, "Đánh giá chung", "danh-gia", "written", 5),
    ]
    # Công khai has no section here: its items go to the first results sub-section, tiếp công dân.
    figures = Indicator.objects.filter(item__area__plan=seed_period.plan).count()
    figures += Indicator.objects.filter(area__plan=seed_period.plan).count()
    # Ten items and every figure land in tiếp công dân.
    assert services.placement_preview(outline, headings) == [6, 0, 10 + figures, 0, 0]
    outline = services.outline_replace(
        outline=outline, headings=headings, source_name="de-cuong.md", version=1, by=coordinator
    )
    assert outline.source == "loaded" and outline.source_name == "de-cuong.md" and outline.version == 2
    assert list(outline.sections.values_list("title", flat=True)) == [h.title for h in headings]
    placed = _placed(outline)
    assert placed["2.c"] == "tiep-cong-dan"
    assert placed["1.a"] == "lanh-dao"
    assert placed["2.a"] == "tiep-cong-dan"
    assert ItemPlacement.objects.filter(outline=outline).count() == 16
    # The old sections are gone, nothing points at them.
    assert OutlineSection.objects.filter(outline=outline).count() == 5


def test_deleting_the_period_takes_its_outline(seed_period):
    outline = services.outline_for(seed_period)
    seed_period.plan.delete()
    assert not ReportOutline.objects.filter(pk=outline.pk).exists()
    assert not ItemPlacement.objects.exists()


def test_a_key_names_one_section_whatever_the_headings_say(seed_period, coordinator):
    outline = services.outline_for(seed_period)
    headings = [
        Heading(1, "Tiếp công dân", "tiep-cong-dan", "computed", 1),
        Heading(3, "Tiếp dân", "tiep-cong-dan", "odd", 2),
    ]
    outline = services.outline_replace(
        outline=outline, headings=headings, source_name="x.md", version=1, by=coordinator
    )
    assert list(outline.sections.values_list("key", "level", "kind")) == [
        ("tiep-cong-dan", 1, "computed"),
        ("", 2, "computed"),
    ]
