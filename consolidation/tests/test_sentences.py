"""The phrase rules of the Báo cáo's figures (consolidation.sentences), one case each."""

from __future__ import annotations

import pytest

from consolidation.sentences import Comparison, Share, figure_sentence, number, percent, percent_text, quantity


@pytest.mark.parametrize(
    ("value", "text"), [(0, "0"), (7, "7"), (999, "999"), (2340, "2.340"), (1234567, "1.234.567"), (-1500, "-1.500")]
)
def test_numbers_group_thousands_with_a_dot(value, text):
    assert number(value) == text


def test_a_quantity_is_the_number_and_its_unit():
    assert quantity(2340, "lượt người") == "2.340 lượt người"
    assert quantity(5, "") == "5"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (85.0, "85%"),
        (85.4, "85%"),
        (85.5, "86%"),  # half up, not to even
        (12.5, "13%"),
        (100.0, "100%"),
        (150.0, "150%"),
        (1234.0, "1.234%"),
        (8.0, "8%"),
        (8.46, "8,5%"),  # under 10: one decimal
        (9.96, "10%"),
        (99.6, "99,6%"),  # not whole: never "100%"
        (99.96, "99,9%"),
        (0.4, "0,4%"),  # not nil: never "0%"
        (0.01, "0,1%"),
        (0.0, "0%"),
    ],
)
def test_percentages_are_rounded_without_saying_what_is_not_so(value, text):
    assert percent_text(value) == text


def test_no_base_or_a_base_of_zero_gives_no_percentage():
    assert percent(5, None) is None
    assert percent(0, 0) is None
    assert percent(None, 10) is None
    assert percent(17, 20) == 85
    assert Share(3, 0, "tổng số hộ").text() == ""
    assert Share(3, None).text() == ""
    assert Share(17, 20, "tổng số hộ").text() == "đạt 85% tổng số hộ"


def test_a_change_against_the_same_period_of_last_year():
    against = "cùng kỳ năm 2025"
    assert Comparison(56, 50, against).text() == "tăng 12% so với cùng kỳ năm 2025"
    assert Comparison(45, 50, against).text() == "giảm 10% so với cùng kỳ năm 2025"
    assert Comparison(50, 50, against).text() == "bằng cùng kỳ năm 2025"
    assert Comparison(51, 50, against).short() == "+2%" and Comparison(45, 50, against).short() == "-10%"
    assert Comparison(50, 50, against).short() == "="


def test_no_previous_figure_gives_no_comparison():
    comparison = Comparison(56, None, "cùng kỳ năm 2025")
    assert comparison.text() == "" and comparison.short() == "" and comparison.change is None


def test_a_previous_zero_says_the_amount_not_a_percentage():
    comparison = Comparison(5, 0, "cùng kỳ năm 2025", unit="cuộc")
    assert comparison.text() == "tăng 5 cuộc so với cùng kỳ năm 2025"
    assert comparison.short() == "+5" and comparison.change is None
    assert Comparison(0, 0, "cùng kỳ năm 2025").text() == "bằng cùng kỳ năm 2025"


def test_a_cumulative_period_says_what_was_added_since_the_previous_one():
    comparison = Comparison(1340, 980, "6 tháng năm 2026", unit="lượt người", by_amount=True)
    assert comparison.text() == "tăng 360 lượt người so với 6 tháng năm 2026"
    assert comparison.short() == "+360"


def test_the_issue_sentence():
    head = f"tổ chức {quantity(56, 'hội nghị')} với {quantity(2340, 'lượt người')} tham dự"
    assert (
        figure_sentence(head, comparisons=(Comparison(56, 50, "cùng kỳ năm 2025"),))
        == "Tổ chức 56 hội nghị với 2.340 lượt người tham dự, tăng 12% so với cùng kỳ năm 2025"
    )


def test_a_sentence_leaves_out_what_has_nothing_to_say():
    sentence = figure_sentence(
        "số hộ tham dự: 0 hộ",
        share=Share(0, 0, "tổng số hộ"),
        comparisons=(Comparison(0, None, "cùng kỳ năm 2025"), Comparison(0, None, "6 tháng năm 2026")),
    )
    assert sentence == "Số hộ tham dự: 0 hộ"
    assert "0%" not in sentence


def test_a_sentence_with_a_share_and_both_comparisons():
    sentence = figure_sentence(
        "số đơn đã giải quyết: 40 đơn",
        share=Share(40, 50, "số đơn thuộc thẩm quyền"),
        comparisons=(
            Comparison(40, 32, "cùng kỳ năm 2025"),
            Comparison(40, 30, "6 tháng năm 2026", unit="đơn", by_amount=True),
        ),
    )
    assert sentence == (
        "Số đơn đã giải quyết: 40 đơn, đạt 80% số đơn thuộc thẩm quyền, tăng 25% so với cùng kỳ năm 2025, "
        "tăng 10 đơn so với 6 tháng năm 2026"
    )
