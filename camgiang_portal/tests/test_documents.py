"""The shared Decree-30 layout: date line, number, agency lines, the base template and the PDF it makes."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys

import pytest
from django.conf import settings

from camgiang_portal import documents
from camgiang_portal.tests import pdfcheck

NBSP = "\u00a0"
LIBERATION = {"Liberation-Serif", "Liberation-Serif-Bold", "Liberation-Serif-Italic", "Liberation-Serif-Bold-Italic"}

PAPER = documents.OfficialPaper(
    agency_lines=documents.agency_lines("Ủy ban nhân dân xã Cẩm Giang"),
    number_symbol=documents.number_symbol(45, "BC-UBND"),
    date_line=documents.date_line("Cẩm Giang", 5, 1, 2026),
    doc_type="BÁO CÁO",
    summary="Kết quả thực hiện dân chủ ở cơ sở 6 tháng đầu năm 2026",
    recipients=("Thường trực Đảng ủy;", "Lưu: VT, VHXH."),
    sign_lines=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    signer_name="Nguyễn Văn Dũng",
)


@pytest.mark.parametrize(
    ("day", "month", "year", "expected"),
    [
        (5, 1, 2026, "Cẩm Giang, ngày 05 tháng 01 năm 2026"),
        (28, 2, 2026, "Cẩm Giang, ngày 28 tháng 02 năm 2026"),
        (9, 3, 2026, "Cẩm Giang, ngày 09 tháng 3 năm 2026"),
        (10, 12, 2025, "Cẩm Giang, ngày 10 tháng 12 năm 2025"),
        (1, 11, 2026, "Cẩm Giang, ngày 01 tháng 11 năm 2026"),
    ],
)
def test_date_line_pads_days_below_10_and_months_1_and_2(day, month, year, expected):
    assert documents.date_line("Cẩm Giang", day, month, year) == expected
    assert documents.date_line_for("Cẩm Giang", datetime.date(year, month, day)) == expected


def test_date_line_keeps_blanks_for_a_partial_date():
    # As in the seed: "ngày    tháng 12 năm 2025", the day written in by hand when signed.
    assert documents.date_line("Cẩm Giang", None, 12, 2025) == f"Cẩm Giang, ngày {NBSP * 4} tháng 12 năm 2025"
    assert documents.date_line_for("Cẩm Giang", None) == f"Cẩm Giang, ngày {NBSP * 4} tháng {NBSP * 4} năm {NBSP * 6}"


def test_number_symbol_blank_while_draft():
    assert documents.number_symbol("", "KH-UBND") == f"{NBSP * 6}/KH-UBND"
    assert documents.number_symbol(None, "KH-UBND") == f"{NBSP * 6}/KH-UBND"
    assert documents.number_symbol(12, "KH-UBND") == "12/KH-UBND"


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("ỦY BAN NHÂN DÂN XÃ CẨM GIANG", ("ỦY BAN NHÂN DÂN", "XÃ CẨM GIANG")),
        ("Ủy ban nhân dân  phường Hà Đông", ("ỦY BAN NHÂN DÂN", "PHƯỜNG HÀ ĐÔNG")),
        ("Phòng Văn hóa – Xã hội", ("PHÒNG VĂN HÓA – XÃ HỘI",)),
        ("", ()),
    ],
)
def test_agency_lines(name, lines):
    assert documents.agency_lines(name) == lines


def test_recipient_text_drops_the_dash_the_layout_draws():
    assert documents.recipient_text("- Thường trực HĐND;") == "Thường trực HĐND;"
    assert documents.recipient_text("– Lưu: VT.") == "Lưu: VT."
    assert documents.recipient_text("Lưu VT.") == "Lưu VT."


def test_paragraphs_one_per_line():
    assert documents.paragraphs("Một  câu.\n\n  Hai\tcâu. \n") == ["Một câu.", "Hai câu."]
    assert documents.paragraphs("") == []


def test_fetcher_reads_static_files_only():
    fetcher = documents.StaticOnlyFetcher()
    response = fetcher.fetch(documents.DOCUMENT_CSS.resolve().as_uri())
    assert b"@font-face" in response.read()
    refused = [
        "file:///etc/hostname",
        documents.base_url() + "../manage.py",
        "http://127.0.0.1:1/x.css",
        "data:text/css,p{}",
    ]
    for url in refused:
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_base_template_renders_a_decree_30_paper():
    pdf = documents.render_pdf("documents/base.html", {"paper": PAPER})
    assert pdf.startswith(b"%PDF-")
    text = pdfcheck.flat(pdfcheck.text(pdf))
    for expected in [
        "ỦY BAN NHÂN DÂN",
        "XÃ CẨM GIANG",
        "Số: 45/BC-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Cẩm Giang, ngày 05 tháng 01 năm 2026",
        "BÁO CÁO",
        "Kết quả thực hiện dân chủ ở cơ sở 6 tháng đầu năm 2026",
        "Nơi nhận:",
        "- Thường trực Đảng ủy;",
        "- Lưu: VT, VHXH.",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Văn Dũng",
    ]:
        assert expected in text
    info = pdfcheck.info(pdf)
    assert info["Page size"].endswith("(A4)") and info["Page size"].startswith("595.")  # A4 portrait
    assert info["Pages"] == "1"
    assert {name for name, _ in pdfcheck.fonts(pdf)} == LIBERATION
    assert all(embedded for _, embedded in pdfcheck.fonts(pdf))


def test_user_text_is_escaped_not_markup():
    paper = documents.OfficialPaper(
        agency_lines=("ỦY BAN NHÂN DÂN", "XÃ CẨM GIANG"),
        number_symbol="1/KH-UBND",
        date_line="Cẩm Giang",
        doc_type="KẾ HOẠCH",
        summary='<img src="file:///etc/hostname"> & <b>in đậm</b>',
    )
    html = documents.render_html("documents/base.html", {"paper": paper})
    assert "<b>in đậm" not in html and "&lt;b&gt;in đậm" in html
    text = pdfcheck.flat(pdfcheck.text(documents.html_to_pdf(html)))
    assert '<img src="file:///etc/hostname"> & <b>in đậm</b>' in text


# Renders in a fresh interpreter whose fontconfig knows no font at all: whatever the host has
# installed (Debian's Liberation 1.07 without Vietnamese, or nothing), the vendored fonts are used.
NO_HOST_FONTS = """
import django, sys
django.setup()
from camgiang_portal import documents
from camgiang_portal.tests.test_documents import PAPER
sys.stdout.buffer.write(documents.render_pdf("documents/base.html", {"paper": PAPER}))
"""


def test_pdf_does_not_depend_on_host_fonts(tmp_path):
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
        f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>"
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "DJANGO_SETTINGS_MODULE": "camgiang_portal.settings_test"}
    result = subprocess.run(
        [sys.executable, "-c", NO_HOST_FONTS],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        timeout=120,
        check=True,
    )
    pdf = result.stdout
    assert {name for name, _ in pdfcheck.fonts(pdf)} == LIBERATION
    text = pdfcheck.flat(pdfcheck.text(pdf))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Cẩm Giang, ngày 05 tháng 01 năm 2026" in text
    assert "Kết quả thực hiện dân chủ ở cơ sở 6 tháng đầu năm 2026" in text


def test_typeset_keeps_numbers_and_symbols_on_one_line():
    html = documents.typeset("Quyết định số 05/QĐ-UBND, ngày  07/11/2025 về <việc> & ./.")
    assert html == (
        'Quyết định số <span class="nobr">05/QĐ-UBND,</span> ngày <span class="nobr">07/11/2025</span>'
        ' về &lt;việc&gt; &amp; <span class="nobr">./.</span>'
    )
    # A long slashed word (a web address) may still break; an escaped entity is never cut.
    url = "https://camgiang.haiphong.gov.vn/van-ban/ke-hoach-dan-chu-co-so-2026"
    assert documents.typeset(url) == url
    assert documents.typeset('<a href="x/y">') == '&lt;a <span class="nobr">href=&quot;x/y&quot;&gt;</span>'
    assert documents.typeset_paragraphs("Một 1/2.\n\nHai") == ['Một <span class="nobr">1/2.</span>', "Hai"]


def test_signature_box_is_the_blank_space_between_position_and_name():
    """Where a visible digital-signature stamp goes (the signed-PDF issue builds on it)."""
    pdf, signature = documents.render_pdf_and_signature_box("documents/base.html", {"paper": PAPER})
    assert signature is not None and signature.page == 0
    x1, y1, x2, y2 = signature.box
    words = pdfcheck.words(pdf)
    height = pdfcheck.A4[1]
    position = next(w for w in words if w.text == "TỊCH")  # "CHỦ TỊCH", the last line above the space
    name = next(w for w in words if w.text == "Dũng")
    # Words are measured from the top of the page, the box from the bottom.
    assert height - position.y_max >= y2 - 1  # the box starts under the position line
    assert height - name.y_min <= y1 + 1  # and ends above the signer's name
    assert y2 - y1 >= 25 * pdfcheck.MM
    assert x1 >= pdfcheck.A4[0] / 2 - 30 and x2 <= pdfcheck.A4[0] - 15 * pdfcheck.MM + 1  # right column
    assert x1 <= name.x_min and name.x_max <= x2
