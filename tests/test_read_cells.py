"""Cell parsing: Colombian numbers, codes that stay text, words, years, URLs."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model import TIPOS
from generator.problem_codes import CODES
from generator.read.cells import (
    CellError,
    MAX_NUMBER,
    MIN_NUMBER,
    parse_code,
    parse_non_negative,
    parse_number,
    parse_positive,
    parse_text,
    parse_url,
    parse_word,
    parse_year,
)


@pytest.mark.parametrize("text, expected", [
    ("1.234.567,5", 1234567.5),
    ("12,5 %", 12.5),
    ("12,5%", 12.5),
    ("$ 1.500.000", 1500000.0),
    ("1.500", 1500.0),  # a lone dot before three digits groups thousands (contract)
    ("12.5", 12.5),  # tolerated: not three digits after the dot, so a decimal point
    ("0.500", 0.5),  # tolerated: thousands never start with 0
    ("1,234.5", 1234.5),  # both marks: the last one is the decimal mark
    ("1,234,567", 1234567.0),  # a repeated mark groups thousands
    (" 7 ", 7.0),
    ("-3", -3.0),
    (",5", 0.5),
    ("0", 0.0),
    ("1\u00a0234,5", 1234.5),  # Excel's non-breaking space
])
def test_numbers_as_text_follow_the_colombian_convention(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("value, expected", [(12, 12.0), (0.125, 0.125), (1001.0, 1001.0)])
def test_numeric_cells_are_taken_as_they_are(value, expected):
    assert parse_number(value) == expected


@pytest.mark.parametrize("text", ["doce", "N/A", "-", "1.5.3", "1,", ".", "12,5,3", "1e5", "1.23.456", "5 %%"])
def test_text_that_is_not_a_number_is_refused_saying_what_was_expected(text):
    with pytest.raises(CellError, match="no es un número; se esperaba un número, con coma decimal"):
        parse_number(text)


@pytest.mark.parametrize("value", [True, dt.date(2021, 1, 1), dt.datetime(2021, 1, 1), float("nan"), float("inf")])
def test_logical_dates_and_non_finite_values_are_not_numbers(value):
    assert refusal(parse_number, value) == "celda-no-numero"


def refusal(parse, value) -> str:
    """The code of the CellError `parse` raises for `value`."""
    with pytest.raises(CellError) as exc:
        parse(value)
    return exc.value.codigo


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_blank_cells_are_none(blank):
    assert parse_number(blank) is None
    assert parse_code(blank) is None
    assert parse_text(blank) == ""


def test_negative_and_non_positive_values():
    assert refusal(parse_non_negative, "-1") == "numero-negativo"
    assert parse_non_negative("0") == 0
    assert refusal(parse_positive, 0) == "peso-no-valido"


def test_codes_stay_text():
    assert parse_code("1.10") == "1.10"
    assert parse_code(" 1.A ") == "1.A"
    assert parse_code(1001.0) == "1001"
    assert parse_code(7) == "7"


def test_a_fractional_code_in_a_numeric_cell_is_an_error_that_says_why():
    with pytest.raises(CellError, match="Excel convirtió en número"):
        parse_code(1.1)
    assert refusal(parse_code, 1.1) == "codigo-convertido-en-numero"
    assert refusal(parse_code, True) == "celda-no-codigo"


def test_words_match_ignoring_case_and_accents():
    assert parse_word("REDUCCIÓN", TIPOS) == "reduccion"
    assert parse_word(" Incremento ", TIPOS) == "incremento"
    with pytest.raises(CellError, match="incremento, mantenimiento, reduccion"):
        parse_word("aumento", TIPOS)
    assert refusal(lambda v: parse_word(v, TIPOS), "aumento") == "valor-no-admitido"


def test_years():
    assert parse_year("2021") == 2021
    assert parse_year(2021.0) == 2021
    assert [refusal(parse_year, bad) for bad in ("2021,5", "21", "dos mil")] == ["celda-no-anio", "celda-no-anio", "celda-no-numero"]


def test_urls_must_be_http_or_https():
    assert parse_url(" https://sopo.gov.co/x?a=1 ") == "https://sopo.gov.co/x?a=1"
    for bad in ("javascript:alert(1)", "www.sopo.gov.co", "file:///etc/passwd", "http://", "https://a b.co"):
        assert refusal(parse_url, bad) == "enlace-no-valido"


def test_text_of_numeric_and_date_cells():
    assert parse_text(3.0) == "3"
    assert parse_text(2.5) == "2.5"
    assert parse_text(dt.datetime(2021, 3, 1)) == "2021-03-01"


cells = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    st.dates(), st.datetimes(), st.from_regex(r"[-+]?[$ ]?[\d.,]{1,15} ?%?", fullmatch=True),
)


@settings(max_examples=300, deadline=None)
@given(cells)
def test_every_parser_returns_a_value_or_a_cell_error(value):
    for parse in (parse_number, parse_code, parse_year, parse_url, parse_text, lambda v: parse_word(v, TIPOS)):
        try:
            result = parse(value)
        except CellError as exc:
            assert exc.message and exc.codigo in CODES
        else:
            assert result is None or isinstance(result, (str, int, float))


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_colombian_numbers_round_trip(whole, cents):
    grouped = f"{whole:,}".replace(",", ".")
    assert parse_number(f"{grouped},{cents:02d}") == pytest.approx(whole + cents / 100)
    assert parse_number(f"$ {grouped}") == whole


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=-MAX_NUMBER, max_value=MAX_NUMBER).filter(lambda v: v == 0 or abs(v) >= MIN_NUMBER))
def test_numeric_cells_never_change(value):
    """Within the documented bound; beyond it, see tests/test_hostile_cells.py."""
    assert parse_number(value) == value and not math.isnan(parse_number(value))
