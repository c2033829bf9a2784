"""Range header parsing: well-formed, unsatisfiable, and hostile headers."""

import pytest

from akhbar.listen.ranges import Unsatisfiable, parse_range

SIZE = 1000


@pytest.mark.parametrize(
    ("header", "span"),
    [
        ("bytes=0-99", (0, 99)),
        ("bytes=100-", (100, 999)),
        ("bytes=-100", (900, 999)),
        ("bytes=-5000", (0, 999)),
        ("bytes=990-5000", (990, 999)),
        ("bytes=0-0", (0, 0)),
        (" bytes = 10 - 20 ", (10, 20)),
    ],
)
def test_single_ranges(header, span):
    assert parse_range(header, SIZE) == span


@pytest.mark.parametrize("header", ["bytes=1000-", "bytes=5000-6000", "bytes=-0"])
def test_unsatisfiable(header):
    with pytest.raises(Unsatisfiable):
        parse_range(header, SIZE)


@pytest.mark.parametrize(
    "header",
    [
        None, "", "bytes=", "bytes=-", "items=0-10", "bytes=a-b", "bytes=10-5", "bytes=0-1,5-9",
        "bytes=0-1," * 500, "bytes=" + "9" * 40 + "-", "bytes=-" + "9" * 40, "bytes=0x10-0x20",
        "bytes=1e3-", "bytes=+5-10", "bytes=\u0661-\u0662", "bytes=٠-٩", "bytes=0-10\r\nX: y",
        "bytes=0-10\x00",
    ],
)
def test_invalid_or_hostile_headers_mean_whole_file(header):
    assert parse_range(header, SIZE) is None


def test_empty_file_suffix_is_unsatisfiable():
    with pytest.raises(Unsatisfiable):
        parse_range("bytes=-10", 0)
    with pytest.raises(Unsatisfiable):
        parse_range("bytes=0-", 0)
