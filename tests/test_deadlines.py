"""Deadline phrases: the rules, the real corpus from the five source documents, and fuzzing."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kehoach_tui.domain.deadlines import (
    Deadline,
    DeadlineKind,
    describe,
    due_from_trigger,
    parse_deadline,
)

K = DeadlineKind
CORPUS = Path(__file__).parent / "data" / "deadline_phrases.txt"
SOURCES = Path(__file__).resolve().parent.parent / "seeds" / "sources"


def load_corpus() -> dict[str, list[str]]:
    """Phrases per source file: '# <file>.txt' starts a group, other '#' lines are comments."""
    groups: dict[str, list[str]] = {}
    current = None
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        head = line.removeprefix("# ").strip()
        if line.startswith("# ") and head.endswith(".txt") and " " not in head:
            current = groups.setdefault(head, [])
        elif line.strip() and not line.startswith("#"):
            assert current is not None, f"phrase before any '# file' line: {line!r}"
            current.append(line)
    return groups


GROUPS = load_corpus()
PHRASES = [p for phrases in GROUPS.values() for p in phrases]


# --- the corpus -------------------------------------------------------------------------


def test_corpus_has_every_document():
    assert sorted(GROUPS) == [
        "000_22065517c89bf1b4.txt",
        "001_1bbe62c6f1c466d5.txt",
        "002_0a2909a9864022ba.txt",
        "003_370bd3d11b6fedd5.txt",
        "004_7dd2a88bd7071e99.txt",
    ]
    assert all(GROUPS.values())


def test_corpus_holds_the_thanh_hoa_table_column():
    # 61 tasks, task 42 lost its row (and so its deadline) at a page break: 60 cells, which
    # close the Thanh Hóa group in table order.
    group = GROUPS["002_0a2909a9864022ba.txt"]
    assert len(group) > 60
    text = (SOURCES / "002_0a2909a9864022ba.txt").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if re.match(r"\d+\.\t", line)]
    assert [row[0] for row in rows] == [f"{n}." for n in range(1, 62) if n != 42]
    assert group[-60:] == [row[-1].strip() for row in rows]


def test_source_documents_are_in_the_repository():
    assert sorted(p.name for p in SOURCES.glob("*.txt")) == sorted(GROUPS)  # never a silent skip


def test_corpus_phrases_are_verbatim():
    for name, phrases in GROUPS.items():
        text = (SOURCES / name).read_text(encoding="utf-8")
        missing = [p for p in phrases if p not in text]
        assert not missing, (name, missing)


@pytest.mark.parametrize("phrase", sorted(set(PHRASES)))
def test_corpus_phrase_is_read(phrase):
    deadline = parse_deadline(phrase)
    assert deadline.text == phrase
    assert deadline.kind in K
    if deadline.kind == K.UNPARSED:
        assert deadline.note
    if deadline.kind == K.DATE:
        assert deadline.due is not None
    assert describe(deadline) and describe(deadline, "en")


def test_corpus_has_nothing_unparsed():
    unparsed = [(p, d.note) for p in PHRASES if (d := parse_deadline(p)).kind == K.UNPARSED]
    assert unparsed == []


def test_corpus_counts_per_kind():
    counts: dict[str, int] = {}
    for phrase in PHRASES:
        kind = parse_deadline(phrase).kind
        counts[kind] = counts.get(kind, 0) + 1
    assert counts == {K.DATE: 62, K.RECURRING: 45, K.DONE: 15, K.TRIGGER: 7}


D = date
# (phrase as in the documents, kind, due, recurring)
REAL = [
    # 002 Thanh Hóa, appendix column
    ("Hoàn thành trong tháng 6/2025", K.DATE, D(2025, 6, 30), False),
    ("Hoàn thành trong tháng 7/2025", K.DATE, D(2025, 7, 31), False),
    ("Hoàn thành trong tháng 8/2025", K.DATE, D(2025, 8, 31), False),
    ("Hoàn thành trong tháng 9/2025", K.DATE, D(2025, 9, 30), False),
    ("Hoàn thành trong tháng 12/2025", K.DATE, D(2025, 12, 31), False),
    ("Trước ngày 15/7/2025", K.DATE, D(2025, 7, 15), False),
    ("Hoàn thành trước ngày 20/12/2025", K.DATE, D(2025, 12, 20), False),
    ("Hoàn thành trong năm 2025 và thường xuyên", K.DATE, D(2025, 12, 31), True),
    ("Đã hoàn thành", K.DONE, None, False),
    ("Đã hoàn thành và thực hiện thường xuyên", K.DONE, None, True),
    ("Nhiệm vụ thường xuyên", K.RECURRING, None, True),
    ("Thực hiện thường xuyên", K.RECURRING, None, True),
    ("Ngay khi Trung ương ban hành", K.TRIGGER, None, False),
    ("Thực hiện ngay khi Trung ương triển khai", K.TRIGGER, None, False),
    ("Sau khi Tòa án nhân dân tối cao triển khai", K.TRIGGER, None, False),
    ("Theo Kế hoạch của Trung ương", K.TRIGGER, None, False),
    ("Thực hiện theo Kế hoạch của Trung ương", K.TRIGGER, None, False),
    # 002 Thanh Hóa, body
    ("Giai đoạn đột phá từ ngày 01/7/2025 đến ngày 31/12/2025", K.DATE, D(2025, 12, 31), False),
    ("Giai đoạn cấp bách từ nay đến ngày 30/6/2025", K.DATE, D(2025, 6, 30), False),
    ("hàng tuần (trước 8h00 ngày thứ năm)", K.RECURRING, None, True),
    ("hàng tháng (trước ngày 25 hàng tháng)", K.RECURRING, None, True),
    (
        "hoàn thành giai đoạn 1 và giai đoạn 2 trong năm 2025, kết thúc vào năm 2026",
        K.DATE,
        D(2026, 12, 31),
        False,
    ),
    # 001 Sơn Thủy
    ("Nhiệm vụ thường xuyên.", K.RECURRING, None, True),
    ("Trước ngày 20/12/2025.", K.DATE, D(2025, 12, 20), False),
    ("Trước ngày 31/12/2025.", K.DATE, D(2025, 12, 31), False),
    ("Thường xuyên trong 6 tháng cuối năm 2025.", K.DATE, D(2025, 12, 31), True),
    ("định kỳ hằng tháng (trước ngày 24 hằng tháng)", K.RECURRING, None, True),
    ("trước ngày 15/12/2025", K.DATE, D(2025, 12, 15), False),
    # 003 Đồng Nai, section III
    (
        "giai đoạn 1 hoàn thành 30/9/2025; giai đoạn 2 hoàn thành 31/12/2025",
        K.DATE,
        D(2025, 12, 31),
        False,
    ),
    (
        "Hạn hoàn thành nâng cấp quy trình & hệ thống: 31/8/2025; "
        "Hoàn thành kiểm thử & hiệu chỉnh: 30/9/2025",
        K.DATE,
        D(2025, 9, 30),
        False,
    ),
    ("Hoàn thành bố trí: 25/6/2025", K.DATE, D(2025, 6, 25), False),
    (
        "Hoàn thành tích hợp kỹ thuật: 30/9/2025; Hoàn thành thử nghiệm liên thông: 31/10/2025",
        K.DATE,
        D(2025, 10, 31),
        False,
    ),
    (
        "Khởi động ban đầu hoàn thành: 31/10/2025, ôn định vận hành: 30/11/2025",
        K.DATE,
        D(2025, 11, 30),
        False,
    ),
    ("Cơ bản hoàn thành: 31/12/2025", K.DATE, D(2025, 12, 31), False),
    ("Mục tiêu cụ thể thực hiện đến 30/6/2025", K.DATE, D(2025, 6, 30), False),
    # 004 Nghĩa Thọ
    ("Triển khai thực hiện ngay và thường xuyên.", K.RECURRING, None, True),
    (
        "Triển khai thực hiện ngay và thường xuyên. Đến năm 2026 hoàn thành 100%.",
        K.DATE,
        D(2026, 12, 31),
        True,
    ),
    (
        "Triển khai thực hiện ngay, thường xuyên, định kỳ hoặc khi có yêu cầu.",
        K.RECURRING,
        None,
        True,
    ),
    ("Hoàn thành mục tiêu số hóa đến năm 2026 (100%)", K.DATE, D(2026, 12, 31), False),
    ("cuối năm 2025", K.DATE, D(2025, 12, 31), False),
    ("Hàng ngày", K.RECURRING, None, True),
    ("định kỳ (tuần, tháng)", K.RECURRING, None, True),
    # 000 Đảng ủy UBND tỉnh
    ("Giai đoạn trước ngày 01/7/2025", K.DATE, D(2025, 7, 1), False),
    ("đến ngày 31/12/2025", K.DATE, D(2025, 12, 31), False),
]


@pytest.mark.parametrize(("phrase", "kind", "due", "recurring"), REAL)
def test_real_phrases(phrase, kind, due, recurring):
    assert phrase in PHRASES, "representative phrases come from the corpus"
    deadline = parse_deadline(phrase)
    assert (deadline.kind, deadline.due, deadline.recurring) == (kind, due, recurring)


# --- the rules from the design notes ----------------------------------------------------

RULES = [
    ("Trước ngày 15/7/2025", K.DATE, D(2025, 7, 15)),
    ("31/12/2025", K.DATE, D(2025, 12, 31)),
    ("ngày 31/12/2025", K.DATE, D(2025, 12, 31)),
    ("trước 31/12/2025", K.DATE, D(2025, 12, 31)),
    ("Trước 15/12/2025", K.DATE, D(2025, 12, 15)),
    ("15-7-2025", K.DATE, D(2025, 7, 15)),
    ("ngày 15 tháng 7 năm 2025", K.DATE, D(2025, 7, 15)),
    ("Hoàn thành trong tháng 2/2024", K.DATE, D(2024, 2, 29)),
    ("Tháng 12/2025", K.DATE, D(2025, 12, 31)),
    ("tháng 11 năm 2025", K.DATE, D(2025, 11, 30)),
    ("Quý III/2025", K.DATE, D(2025, 9, 30)),
    ("quý 3 năm 2025", K.DATE, D(2025, 9, 30)),
    ("Quý I/2026", K.DATE, D(2026, 3, 31)),
    ("quý II năm 2026", K.DATE, D(2026, 6, 30)),
    ("Quý IV/2025", K.DATE, D(2025, 12, 31)),
    ("6 tháng đầu năm 2026", K.DATE, D(2026, 6, 30)),
    ("Trong năm 2025", K.DATE, D(2025, 12, 31)),
    ("Năm 2025", K.DATE, D(2025, 12, 31)),
    ("Tháng 9/2025 và thường xuyên", K.DATE, D(2025, 9, 30)),
    ("Thường xuyên", K.RECURRING, None),
    ("Nhiệm vụ thường xuyên", K.RECURRING, None),
    ("Khi có yêu cầu", K.RECURRING, None),
    ("Ngay khi Trung ương ban hành", K.TRIGGER, None),
    ("Sau khi Trung ương ban hành …", K.TRIGGER, None),
    ("Trong vòng 30 ngày kể từ ngày Trung ương ban hành", K.TRIGGER, None),
    ("Năm 2025 và các năm tiếp theo", K.ONGOING, None),
    ("2025 - 2030", K.ONGOING, D(2030, 12, 31)),
    ("Giai đoạn 2025-2030", K.ONGOING, D(2030, 12, 31)),
    ("từ năm 2025 đến năm 2030", K.ONGOING, D(2030, 12, 31)),
    ("Đã hoàn thành", K.DONE, None),
    ("", K.NONE, None),
    ("   ", K.NONE, None),
    (" - ", K.NONE, None),
]


@pytest.mark.parametrize(("phrase", "kind", "due"), RULES)
def test_rules(phrase, kind, due):
    deadline = parse_deadline(phrase)
    assert (deadline.kind, deadline.due) == (kind, due)


# Phrases the parser refuses, and the reason it gives (seeds/README.md lists them).
UNPARSED = [
    ("31/2/2025", "không phải ngày hợp lệ"),
    ("tháng 13/2025", "không phải ngày hợp lệ"),
    ("Quý V/2025", "không phải ngày hợp lệ"),
    ("15/7/25", "năm hai chữ số"),
    ("15/7", "thiếu năm"),
    ("Tháng 7", "thiếu năm"),
    ("đầu năm 2026", "không rõ ngày"),
    ("từ ngày 01/7/2025", "ngày bắt đầu"),
    ("trong 3 tháng", "tương đối"),
    ("2030 - 2025", "khoảng năm"),
    ("Sớm nhất có thể", "không nhận ra"),
]


@pytest.mark.parametrize(("phrase", "why"), UNPARSED)
def test_unparsed_keeps_text_and_says_why(phrase, why):
    deadline = parse_deadline(phrase)
    assert deadline.kind == K.UNPARSED
    assert deadline.text == phrase
    assert deadline.due is None
    assert why in deadline.note


def test_default_year_fills_a_missing_year():
    assert parse_deadline("15/7", default_year=2025).due == D(2025, 7, 15)
    assert parse_deadline("Trước ngày 20/12", default_year=2025).due == D(2025, 12, 20)
    assert parse_deadline("tháng 9", default_year=2025).due == D(2025, 9, 30)
    assert parse_deadline("quý IV", default_year=2025).due == D(2025, 12, 31)
    assert parse_deadline("ngày 15 tháng 7", default_year=2026).due == D(2026, 7, 15)
    # an explicit year wins over the default
    assert parse_deadline("15/7/2025", default_year=2030).due == D(2025, 7, 15)


def test_two_part_phrase_is_a_date_that_also_recurs():
    d = parse_deadline("Triển khai thực hiện ngay và thường xuyên. Đến năm 2026 hoàn thành 100%.")
    assert (d.kind, d.due, d.recurring) == (K.DATE, D(2026, 12, 31), True)
    assert "thường xuyên" in d.note


def test_several_dates_take_the_latest_and_note_the_others():
    d = parse_deadline("giai đoạn 1 hoàn thành 30/9/2025; giai đoạn 2 hoàn thành 31/12/2025")
    assert d.due == D(2025, 12, 31)
    assert "30/09/2025" in d.note


def test_start_date_is_not_the_due_date():
    d = parse_deadline("Giai đoạn từ ngày 01/7/2025 đến ngày 31/12/2025")
    assert d.due == D(2025, 12, 31)
    assert "01/07/2025" in d.note


def test_trigger_event_text():
    assert parse_deadline("Ngay khi Trung ương ban hành").event == "Trung ương ban hành"
    assert parse_deadline("Sau khi Trung ương ban hành …").event == "Trung ương ban hành"
    assert parse_deadline("Theo Kế hoạch của Trung ương").event == "Kế hoạch của Trung ương"
    assert (
        parse_deadline("Sau khi Tòa án nhân dân tối cao triển khai").event
        == "Tòa án nhân dân tối cao triển khai"
    )


def test_trigger_with_a_date_is_a_date():
    d = parse_deadline("Ngay khi Trung ương ban hành, chậm nhất 31/12/2025")
    assert (d.kind, d.due, d.event) == (K.DATE, D(2025, 12, 31), "Trung ương ban hành")


@pytest.mark.parametrize(
    "variant",
    [
        "HOÀN THÀNH TRONG THÁNG 6/2025",
        "hoan thanh trong thang 6/2025",
        unicodedata.normalize("NFD", "Hoàn thành trong tháng 6/2025"),
        "  Hoàn   thành trong\ttháng 6 / 2025 ",
    ],
)
def test_case_diacritics_and_normal_form_do_not_matter(variant):
    d = parse_deadline(variant)
    assert (d.kind, d.due) == (K.DATE, D(2025, 6, 30))
    assert d.text == variant


@pytest.mark.parametrize(
    "variant",
    [
        unicodedata.normalize("NFD", "Đã hoàn thành"),
        "ĐÃ HOÀN THÀNH",
        "da hoan thanh",
        unicodedata.normalize("NFD", "Nhiệm vụ thường xuyên"),
        "THƯỜNG XUYÊN",
    ],
)
def test_status_and_recurring_words_fold(variant):
    assert parse_deadline(variant).kind in {K.DONE, K.RECURRING}


# --- due_from_trigger -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "event_day", "due"),
    [
        ("Ngay khi Trung ương ban hành", D(2025, 9, 3), D(2025, 9, 3)),
        ("Sau khi Tòa án nhân dân tối cao triển khai", D(2025, 9, 3), D(2025, 9, 3)),
        ("Theo Kế hoạch của Trung ương", D(2025, 10, 1), D(2025, 10, 1)),
        ("Trong vòng 30 ngày kể từ khi Trung ương ban hành", D(2025, 7, 10), D(2025, 8, 9)),
        ("trong 03 tháng kể từ khi Trung ương ban hành", D(2025, 11, 30), D(2026, 2, 28)),
        ("sau 2 tuần kể từ khi Trung ương ban hành", D(2025, 7, 10), D(2025, 7, 24)),
        # Thursday + 10 working days (weekends skipped) → Thursday two weeks on
        (
            "chậm nhất 10 ngày làm việc kể từ ngày Trung ương ban hành",
            D(2025, 7, 10),
            D(2025, 7, 24),
        ),
        ("5 ngày làm việc sau khi Trung ương ban hành", D(2025, 7, 11), D(2025, 7, 18)),
    ],
)
def test_due_from_trigger(phrase, event_day, due):
    deadline = parse_deadline(phrase)
    assert deadline.kind == K.TRIGGER
    assert due_from_trigger(deadline, event_day) == due


def test_due_from_trigger_on_other_kinds_keeps_their_due():
    assert due_from_trigger(parse_deadline("Trước ngày 15/7/2025"), D(2025, 1, 1)) == D(2025, 7, 15)
    assert due_from_trigger(parse_deadline("Thường xuyên"), D(2025, 1, 1)) is None


def test_due_from_trigger_past_the_calendar_is_none():
    deadline = parse_deadline("trong vòng 9999 năm kể từ khi Trung ương ban hành")
    assert due_from_trigger(deadline, D(9000, 1, 1)) is None


# --- describe ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "vi", "en"),
    [
        ("Trước ngày 15/7/2025", "15/07/2025", "15/07/2025"),
        ("Nhiệm vụ thường xuyên", "thường xuyên", "recurring"),
        (
            "Ngay khi Trung ương ban hành",
            "chờ Trung ương ban hành",
            "waiting for: Trung ương ban hành",
        ),
        (
            "Trong vòng 30 ngày kể từ khi Trung ương ban hành",
            "chờ Trung ương ban hành (+30 ngày)",
            "waiting for: Trung ương ban hành (+30 days)",
        ),
        ("Năm 2025 và các năm tiếp theo", "đang tiếp diễn", "ongoing"),
        ("Giai đoạn 2025-2030", "đang tiếp diễn (đến 31/12/2030)", "ongoing (until 31/12/2030)"),
        ("Đã hoàn thành", "đã hoàn thành", "done"),
        (
            "Đã hoàn thành và thực hiện thường xuyên",
            "đã hoàn thành, thường xuyên",
            "done, recurring",
        ),
        (
            "Hoàn thành trong năm 2025 và thường xuyên",
            "31/12/2025, thường xuyên",
            "31/12/2025, recurring",
        ),
        ("", "không có hạn", "no deadline"),
        ("Sớm nhất có thể", "chưa hiểu được", "not understood"),
    ],
)
def test_describe(phrase, vi, en):
    deadline = parse_deadline(phrase)
    assert describe(deadline) == vi
    assert describe(deadline, lang="en") == en


def test_describe_unknown_language_falls_back_to_vietnamese():
    assert describe(parse_deadline("Thường xuyên"), lang="fr") == "thường xuyên"


def test_deadline_is_frozen():
    deadline = parse_deadline("Thường xuyên")
    assert isinstance(deadline, Deadline)
    with pytest.raises(AttributeError):
        deadline.kind = K.DATE  # type: ignore[misc]


# --- never raises -----------------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "ngày",
        "tháng",
        "năm",
        "quý",
        "III",
        "thường xuyên",
        "khi",
        "sau khi",
        "từ",
        "đến",
        "Trung ương",
        "Đã hoàn thành",
        "các năm tiếp theo",
        "6 tháng cuối năm",
        "/",
        "-",
        ".",
        "ngày làm việc",
        "trong vòng",
        "đầu năm",
        "cuối năm",
        "theo Kế hoạch của",
    ]
)
_NUMBERS = st.integers(min_value=0, max_value=99999).map(str)
_PHRASES = st.lists(st.one_of(_WORDS, _NUMBERS, st.text(max_size=4)), max_size=12).map(" ".join)


@pytest.mark.slow  # long fuzz
@given(
    text=st.one_of(st.text(), _PHRASES), default_year=st.one_of(st.none(), st.integers(-10, 10**5))
)
def test_parse_never_raises(text, default_year):
    deadline = parse_deadline(text, default_year=default_year)
    assert deadline.text == text
    assert deadline.kind in K
    assert deadline.kind != K.UNPARSED or deadline.note
    describe(deadline)
    describe(deadline, "en")
    if deadline.kind == K.TRIGGER:
        due_from_trigger(deadline, D(2025, 7, 1))
        due_from_trigger(deadline, date.max)


@given(day=st.dates(min_value=D(1900, 1, 1), max_value=D(2199, 12, 31)))
def test_any_full_date_round_trips(day):
    assert parse_deadline(f"Trước ngày {day.day}/{day.month}/{day.year}").due == day
    assert parse_deadline(f"ngày {day.day:02d}/{day.month:02d}/{day.year}").due == day
