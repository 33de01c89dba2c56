"""The Báo cáo's "Nơi nhận" speaks the commune's own word: a phường sends to its HĐND phường, not to a "HĐND xã"."""

from consolidation import papers
from plans.models import Plan


def test_a_phuongs_bao_cao_goes_to_its_own_council_and_front():
    lines = papers.recipients(Plan(unit_kind="phường"))
    assert "Thường trực Đảng ủy, HĐND phường;" in lines and "Ủy ban MTTQ Việt Nam phường;" in lines
    assert not any("xã;" in line for line in lines)


def test_a_xas_reads_as_it_always_did():
    lines = papers.recipients(Plan())
    assert lines[-3:] == ("Thường trực Đảng ủy, HĐND xã;", "Ủy ban MTTQ Việt Nam xã;", "Lưu: VT, VHXH.")
