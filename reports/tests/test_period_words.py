"""A period and its year inside a sentence: the annual report is "năm 2026", never "năm năm 2026"."""

import pytest

from reports.exports import with_year


@pytest.mark.parametrize(
    ("phrase", "words"),
    [
        ("6 tháng", "6 tháng năm 2026"),
        ("9 tháng", "9 tháng năm 2026"),
        ("năm", "năm 2026"),
        ("Báo cáo năm", "Báo cáo năm 2026"),
        ("báo cáo quý I", "báo cáo quý I năm 2026"),
    ],
)
def test_a_period_reads_with_its_year_once(phrase, words):
    assert with_year(phrase, 2026) == words
