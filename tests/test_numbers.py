"""One owner for the Colombian number format (issue 9): problem messages, the site's
text and the chart ticks all write numbers through generator.numbers.fmt_number."""

from __future__ import annotations

import pytest

from generator.numbers import fmt_number
from generator.problems import number_text, pesos
from generator.render import charts, text


@pytest.mark.parametrize("value, expected", [
    (1234567.5, "1.234.567,5"), (0.978, "0,978"), (2000.0, "2.000"), (112.5, "112,5"),
    (1e6, "1.000.000"), (-0.0000001, "0"), (-1234.25, "-1.234,25"),
])
def test_messages_write_numbers_like_the_site(value, expected):
    assert number_text(value) == expected
    assert text.fmt_number(value, max_decimals=6) == expected


def test_pesos_in_messages_and_on_pages_group_the_same_way():
    assert pesos(1234567.4) == "$1.234.567"
    assert text.fmt_money(1234567.4) == "$ 1.234.567"
    assert text.fmt_number is fmt_number


def test_chart_ticks_are_written_as_the_rangos_are():
    assert [charts.fmt_tick(v) for v in (0.0, 56.0, 55.5, 100.0)] == ["0 %", "56 %", "55,5 %", "100 %"]


def test_a_value_that_is_not_finite_is_shown_not_raised():
    assert fmt_number(float("inf")) == "inf"
