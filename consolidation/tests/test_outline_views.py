# ruff: noqa: F811 - the fixtures imported from outline_support are the test arguments
"""The outline page through the Django client: who sees it, who changes it, forged ids and bad input."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from consolidation import outline as services
from consolidation.models import ItemPlacement, ReportOutline

from .outline_support import coordinator, seed_period  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

OUTLINE_MD = """# ĐỀ CƯƠNG BÁO CÁO KẾT QUẢ THỰC HIỆN DÂN CHỦ Ở CƠ SỞ 6 THÁNG ĐẦU NĂM 2026

## I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO

## II. KẾT QUẢ THỰC HIỆN

### 1. Công khai thông tin

### 2. Tiếp công dân, giải quyết khiếu nại, tố cáo

### 3. Phòng, chống tham nhũng

## III. ĐÁNH GIÁ CHUNG

1. Ưu điểm

2. Hạn chế, nguyên nhân

## IV. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM

## V. KIẾN NGHỊ, ĐỀ XUẤT
"""


def _url(name, period):
    return reverse(f"consolidation:{name}", args=[period.pk])


@pytest.mark.parametrize(
    ("username", "status"),
    [("vanhoaxahoi", 200), ("lanhdao", 200), ("mttq", 200), ("admin", 200), ("truongthon1", 403), ("phongkinhte", 403)],
)
def test_who_reads_the_page(client_for, seed_period, username, status):
    response = client_for(username).get(_url("outline", seed_period))
    assert response.status_code == status
    if status == 200:
        assert "Tiếp công dân, giải quyết khiếu nại" in response.content.decode()
        editable = 'name="item-' in response.content.decode()
        assert editable == (username in ("vanhoaxahoi", "admin"))


def test_anonymous_goes_to_login(client, seed_period):
    response = client.get(_url("outline", seed_period))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_consolidated_page_links_to_it(client_for, seed_period):
    response = client_for("lanhdao").get(_url("consolidated", seed_period))
    assert _url("outline", seed_period) in response.content.decode()


def test_forged_ids(client_for, seed_period):
    client = client_for("vanhoaxahoi")
    assert client.get(reverse("consolidation:outline", args=[999999])).status_code == 404
    outline = services.outline_for(seed_period)
    other = services.outline_for(seed_period.plan.periods.get(code="9thang"))
    foreign = other.sections.first()
    response = client.post(
        _url("outline_sections", seed_period), {"action": "rename", "section": foreign.pk, "title": "X", "version": 1}
    )
    assert response.status_code == 404
    item = ItemPlacement.objects.filter(outline=outline).first()
    response = client.post(_url("outline", seed_period), {f"item-{item.item_id}": foreign.pk, "version": 1})
    assert response.status_code == 404
    assert not outline.sections.filter(title="X").exists()


def test_readers_cannot_change_it(client_for, seed_period):
    outline = services.outline_for(seed_period)
    section = outline.sections.first()
    for username in ("lanhdao", "mttq", "truongthon1"):
        client = client_for(username)
        response = client.post(
            _url("outline_sections", seed_period),
            {"action": "rename", "section": section.pk, "title": "X", "version": 1},
        )
        assert response.status_code == 403
        assert client.get(_url("outline_import", seed_period)).status_code == 403
    section.refresh_from_db()
    assert section.title != "X"


@pytest.mark.parametrize(
    "data",
    [
        {"action": "rename", "title": "<b>x</b>"},
        {"action": "rename", "title": ""},
        {"action": "rename", "title": "ok", "version": "abc"},
        {"action": "explode"},
        {"action": "add", "title": "Mục", "level": "7"},
        {"action": "down", "title": "", "section": "abc"},
    ],
)
def test_bad_input_is_400_and_writes_nothing(client_for, seed_period, data):
    outline = services.outline_for(seed_period)
    section = outline.sections.first()
    post = {"section": section.pk, "version": 1, **data}
    response = client_for("vanhoaxahoi").post(_url("outline_sections", seed_period), post)
    assert response.status_code in (400, 404)
    assert ReportOutline.objects.get(pk=outline.pk).version == 1
    bad = client_for("vanhoaxahoi").post(_url("outline", seed_period), {"item-abc": "1", "version": 1})
    assert bad.status_code == 400


def test_the_coordinator_edits_and_a_stale_page_gets_the_conflict(client_for, seed_period):
    client = client_for("vanhoaxahoi")
    outline = services.outline_for(seed_period)
    section = outline.sections.get(key="doi-thoai")
    url = _url("outline_sections", seed_period)
    response = client.post(url, {"action": "rename", "section": section.pk, "title": "Đối thoại", "version": 1})
    assert response.status_code == 302
    # The same click again: done already, no conflict.
    assert (
        client.post(url, {"action": "rename", "section": section.pk, "title": "Đối thoại", "version": 1}).status_code
        == 302
    )
    stale = client.post(url, {"action": "up", "section": section.pk, "version": 1})
    assert stale.status_code == 409 and "Người khác vừa sửa" in stale.content.decode()
    item = ItemPlacement.objects.get(outline=outline, item__area__number="2", item__label="c")
    response = client.post(_url("outline", seed_period), {f"item-{item.item_id}": section.pk, "version": 2})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.section_id == section.pk


def _upload(client, period, name, content):
    upload = io.BytesIO(content)
    upload.name = name
    return client.post(_url("outline_import", period), {"file": upload})


def test_loading_a_superiors_outline(client_for, seed_period, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_for("vanhoaxahoi")
    preview = _upload(client, seed_period, "de-cuong.md", OUTLINE_MD.encode())
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Phòng, chống tham nhũng" in page and "Đề cương báo cáo kết quả" not in page
    assert ReportOutline.objects.get(period=seed_period).source == "default"  # nothing written by the preview
    token = preview.context["token"]
    done = client.post(_url("outline_import", seed_period), {"token": token, "confirm": "1"})
    assert done.status_code == 302
    outline = ReportOutline.objects.get(period=seed_period)
    titles = list(outline.sections.values_list("title", "level", "kind", "key"))
    assert titles[0] == ("Công tác lãnh đạo, chỉ đạo", 1, "computed", "lanh-dao")
    assert ("Ưu điểm", 2, "written", "") in titles
    assert ("Phương hướng, nhiệm vụ 6 tháng cuối năm", 1, "written", "nhiem-vu") in titles
    assert len(titles) == 10 and outline.source == "loaded"
    tiep = outline.sections.get(key="tiep-cong-dan")
    assert ItemPlacement.objects.get(outline=outline, item__area__number="2", item__label="c").section == tiep
    # The second click on confirm: told so, nothing applied twice.
    again = client.post(_url("outline_import", seed_period), {"token": token, "confirm": "1"}, follow=True)
    assert "không nạp lần thứ hai" in again.content.decode()
    assert ReportOutline.objects.get(pk=outline.pk).version == outline.version


def _docx(paragraphs) -> bytes:
    import docx

    document = docx.Document()
    for style, text in paragraphs:
        document.add_paragraph(text, style=style)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_loading_a_word_outline(client_for, seed_period, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    content = _docx(
        [
            ("Title", "ĐỀ CƯƠNG BÁO CÁO"),
            ("Heading 1", "I. Công tác lãnh đạo, chỉ đạo"),
            ("Heading 1", "II. Kết quả thực hiện"),
            ("Heading 2", "1. Thực hiện hương ước, quy ước"),
            ("Normal", "Nêu rõ số thôn đã rà soát hương ước."),
            ("Heading 1", "III. Kiến nghị"),
        ]
    )
    preview = _upload(client_for("vanhoaxahoi"), seed_period, "de-cuong.docx", content)
    assert preview.status_code == 200
    found = [(h.level, h.title, h.key) for h, _count in preview.context["preview"]]
    assert found == [
        (1, "Công tác lãnh đạo, chỉ đạo", "lanh-dao"),
        (1, "Kết quả thực hiện", "ket-qua"),
        (2, "Thực hiện hương ước, quy ước", "huong-uoc"),
        (1, "Kiến nghị", "kien-nghi"),
    ]


def _zip_bomb() -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * (30 * 1024 * 1024) + b"</w:document>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("trong.md", b"", "rỗng"),
        ("trang.md", b"  \n\n ", "Tệp trống"),
        ("van-ban.md", "Chỉ có một đoạn văn, không có đề mục.".encode(), "Không tìm thấy đề mục"),
        ("html.md", b"# I. <script>alert(1)</script>", "HTML"),
        ("nhi-phan.md", bytes(range(256)) * 10, "không phải văn bản"),
        ("cu.doc", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, ".doc"),
        ("bom.docx", _zip_bomb(), "quá lớn"),
        ("hong.docx", b"PK\x03\x04 not really a zip", "không đọc được"),
        ("qua-nhieu.md", "".join(f"## {n}. Mục {n}\n" for n in range(1, 60)).encode(), "tối đa"),
    ],
)
def test_bad_files_are_refused_in_vietnamese(client_for, seed_period, settings, tmp_path, name, content, message):
    settings.MEDIA_ROOT = tmp_path
    response = _upload(client_for("vanhoaxahoi"), seed_period, name, content)
    assert response.status_code == 400
    assert message.casefold() in response.content.decode().casefold()
    assert not (tmp_path / "pending-uploads").exists() or not any((tmp_path / "pending-uploads").rglob("*"))
    assert ReportOutline.objects.get(period=seed_period).version == 1


def test_a_forged_token_is_refused(client_for, seed_period, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = client_for("vanhoaxahoi").post(_url("outline_import", seed_period), {"token": "forged", "confirm": "1"})
    assert response.status_code == 302
    assert ReportOutline.objects.get(period=seed_period).source == "default"


def test_an_outline_changed_since_the_preview_is_not_overwritten(
    client_for, user_named, seed_period, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = client_for("vanhoaxahoi")
    preview = _upload(client, seed_period, "de-cuong.md", OUTLINE_MD.encode())
    outline = ReportOutline.objects.get(period=seed_period)
    section = outline.sections.get(key="huong-uoc")
    services.section_rename(
        outline=outline, section_id=section.pk, title="Hương ước", version=1, by=user_named("admin")
    )
    response = client_for("vanhoaxahoi").post(
        _url("outline_import", seed_period), {"token": preview.context["token"], "confirm": "1"}
    )
    assert response.status_code == 409 and "Người khác vừa sửa" in response.content.decode()
    outline.refresh_from_db()
    assert outline.source == "default" and outline.sections.filter(title="Hương ước").exists()
