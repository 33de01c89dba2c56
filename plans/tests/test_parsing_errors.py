"""Bad input gives a PlanParseError with a Vietnamese message; gaps give warnings."""

import random
import re
from pathlib import Path

import pytest

from plans.parsing import PlanParseError, parse_plan, parse_plan_file, read_plan_source

HERE = Path(__file__).resolve().parent
SEED_TEXT = (HERE.parent / "fixtures" / "ke-hoach-dan-chu-co-so-2026.md").read_text(encoding="utf-8")
NOT_TEXT = "Tệp không phải văn bản UTF-8 hoặc .docx."
NO_ITEMS = "Không tìm thấy nội dung thực hiện nào có nhiệm vụ (kế hoạch có thể bị cắt ngang)."


def error_for(data: bytes, filename: str = "ke-hoach.md") -> PlanParseError:
    with pytest.raises(PlanParseError) as caught:
        parse_plan_file(data, filename)
    return caught.value


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", "\ufeff  \n".encode("utf-8"), "  \n".encode("utf-16")])
def test_empty_files(data):
    error = error_for(data)
    assert error.message == "Tệp trống."
    assert str(error) == "Tệp trống."
    assert error.line is None


def test_empty_text():
    with pytest.raises(PlanParseError, match="Tệp trống"):
        parse_plan("  \n \n")


@pytest.mark.parametrize("name", ["poem.txt", "readme.md"])
def test_text_without_plan_structure(name):
    error = error_for((HERE / "fixtures_parsing" / name).read_bytes(), name)
    assert "không có cấu trúc của một kế hoạch" in error.message
    assert isinstance(error, ValueError)


def test_plan_without_content_section():
    text = SEED_TEXT[: SEED_TEXT.index("## **II.")] + SEED_TEXT[SEED_TEXT.index("## **III.") :]
    with pytest.raises(PlanParseError) as caught:
        parse_plan(text)
    assert "NỘI DUNG THỰC HIỆN" in caught.value.message
    assert caught.value.part == "II"


@pytest.mark.parametrize(
    "cut_after",
    ["## **II. NỘI DUNG THỰC HIỆN**", "### **1. Tăng cường sự lãnh đạo", "#### **1.1. Nội dung**"],
)
def test_plan_cut_off(cut_after):
    text = SEED_TEXT[: SEED_TEXT.index(cut_after)]
    text += SEED_TEXT[SEED_TEXT.index(cut_after) :].split("\n", 1)[0]
    with pytest.raises(PlanParseError) as caught:
        parse_plan(text)
    assert caught.value.message == NO_ITEMS
    assert caught.value.part == "II"


def test_duplicate_letter_names_line_and_area():
    error = error_for((HERE / "fixtures_parsing" / "duplicate_letter.md").read_bytes())
    assert error.line == 21
    assert error.part == "II.2"
    assert error.message.startswith("Dòng 21: mục 'b' bị trùng trong nội dung 2")
    assert "dòng 19" in error.message
    assert str(error) == error.message


def test_duplicate_letter_in_the_seed():
    text = SEED_TEXT.replace("c) Thực hiện tiếp công dân", "b) Thực hiện tiếp công dân")
    with pytest.raises(PlanParseError) as caught:
        parse_plan(text)
    assert (caught.value.line, caught.value.part) == (59, "II.2")
    assert "Dòng 59" in str(caught.value)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00",
        bytes(random.Random(7).randrange(256) for _ in range(4096)),
        bytes(random.Random(8).randrange(1, 32) for _ in range(2048)),  # control characters, valid UTF-8
        SEED_TEXT.encode("utf-16-le"),  # UTF-16 without a BOM
        SEED_TEXT.encode("utf-16-be"),
        SEED_TEXT.encode("cp1258", errors="replace"),
        SEED_TEXT.encode("latin-1", errors="replace"),
    ],
    ids=["png", "random", "controls", "utf16le-no-bom", "utf16be-no-bom", "cp1258", "latin1"],
)
def test_binary_or_wrongly_encoded(data):
    error = error_for(data)
    assert error.message == NOT_TEXT


@pytest.mark.parametrize(
    ("data", "hint"),
    [(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, ".doc"), (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF")],
)
def test_old_word_and_pdf_are_named(data, hint):
    error = error_for(data)
    assert error.message.startswith(NOT_TEXT)
    assert hint in error.message


def test_text_with_a_bom_is_read():
    assert read_plan_source("\ufeffKẾ HOẠCH".encode("utf-8")) == "KẾ HOẠCH"
    assert read_plan_source("KẾ HOẠCH".encode("utf-16")) == "KẾ HOẠCH"


def test_missing_signature_recipients_and_deadlines_are_warnings():
    text = SEED_TEXT[: SEED_TEXT.index("#### **4. Chế độ báo cáo**")]
    plan = parse_plan(text)
    assert [len(a.items) for a in plan.areas] == [5, 5, 6]
    assert plan.deadlines == [] and plan.recipients == [] and plan.signature.name == ""
    assert len(plan.warnings) == 3
    assert any("thời hạn báo cáo" in w for w in plan.warnings)
    assert any("Nơi nhận" in w for w in plan.warnings)
    assert any("phần ký" in w for w in plan.warnings)


def test_signature_without_a_name_is_a_warning():
    plan = parse_plan(SEED_TEXT.replace("**Vũ Mạnh Huy**", ""))
    assert plan.signature.position == "PHÓ CHỦ TỊCH"
    assert plan.warnings == ["Không tìm thấy họ tên người ký."]


def test_area_without_items_is_a_warning():
    before, after = SEED_TEXT.split("### **2.", 1)
    text = re.sub(r"(?m)^[a-e]\) .*\n\n", "", before) + "### **2." + after
    plan = parse_plan(text)
    assert [len(a.items) for a in plan.areas] == [0, 5, 6]
    assert "Dòng 31: nội dung 1 không có nhiệm vụ nào." in plan.warnings
