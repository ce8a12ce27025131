"""Spoken-number normalisation: digit runs in recognised speech, with an offset map back to it.

Speech recognition writes a spoken number in many ways: ``13800138000``, ``一三八 零零一三 八零零零``,
``幺三八洞洞幺三``, full-width ``１３８``, with fillers (嗯, 呃, 那个) or commas between digit
groups. :func:`find_digit_runs` turns each such stretch into one :class:`DigitRun`: its bare
digits plus, for every digit, the span of the characters it came from, so that a number found in
the digits maps back to the exact slice of the transcript.

Digits are read one by one, as phone and ID card numbers are dictated; place-value numerals
(十, 百) end a run.
NOTE: counted repeats such as 三个八 (888) and numbers read with place values (一百三十八) are
not read as digits. ``X``, spoken 叉 or 艾克斯, is read only as the last character of an
ID card number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DIGIT_CHARACTERS = {
    **{str(digit): str(digit) for digit in range(10)},
    **{chr(0xFF10 + digit): str(digit) for digit in range(10)},
    "零": "0", "〇": "0", "洞": "0",
    "一": "1", "幺": "1", "壹": "1",
    "二": "2", "两": "2", "贰": "2",
    "三": "3", "叁": "3",
    "四": "4", "肆": "4",
    "五": "5", "伍": "5",
    "六": "6", "陆": "6",
    "七": "7", "拐": "7", "柒": "7",
    "八": "8", "捌": "8",
    "九": "9", "勾": "9", "玖": "9",
}

# The check character X of an ID card number, as written or as the letter is spoken.
X_WORDS = ("艾克斯", "爱克斯", "埃克斯", "叉", "X", "x", "Ｘ", "ｘ")
MIN_DIGITS_BEFORE_X = 14

# Words in which a digit character is no digit (一起, 一直). A run stops before them.
NON_DIGIT_WORDS = (
    "一直", "一起", "一下", "一样", "一般", "一些", "一定", "一共", "一边", "一会", "一切",
    "一旦", "一同", "一晚", "一早", "一星期", "一路", "一半", "一致", "拐弯", "拐角", "拐进",
    "叉子", "叉烧",
)
# A spoken digit right before a measure word counts things (七位, 两个, 三天, 八点), unless it
# follows another digit: 一三八零零号码 still reads as digits.
MEASURE_WORDS = frozenset("位个天点号岁年月日次楼栋层块元分秒周路趟遍人口家间条辆站种倍度米")

# Between two digit groups: separators as transcribed, and hesitations or filler words.
GAP_WORDS = r"[\s,，、.。·\-－—_/]|杠|横杠|嗯+|呃+|额|啊|哦|噢|呢|哎|唉|那个|这个|就是|然后"
SEPARATOR_PATTERN = re.compile(f"(?:{GAP_WORDS})+")
MAX_SEPARATOR_CHARACTERS = 8
TRAILING_GAP_PATTERN = re.compile(f"(?:{GAP_WORDS}|[？！?!；;：:])*")


@dataclass(frozen=True)
class DigitRun:
    """Consecutive spoken or written digits, possibly interrupted by separators and fillers.

    ``spans[i]`` is the ``(start, end)`` slice of the text that digit ``digits[i]`` came from.
    ``group_starts`` holds the indexes of digits that follow a separator or filler, where a
    number is more likely to end than inside an unbroken group.
    """

    digits: str
    spans: tuple[tuple[int, int], ...]
    group_starts: frozenset[int]

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]

    def slice(self, first: int, last: int) -> tuple[int, int]:
        """Return the text span of digits ``first`` up to, not including, ``last``."""
        return self.spans[first][0], self.spans[last - 1][1]


def read_digit(text: str, position: int) -> tuple[str, int] | None:
    """Return the digit spoken at ``position`` and the length of its characters, or None."""
    digit = DIGIT_CHARACTERS.get(text[position])
    if digit is None or _starts_non_digit_word(text, position):
        return None
    is_spoken = not text[position].isdigit()
    counts_things = (position + 1 < len(text) and text[position + 1] in MEASURE_WORDS
                     and (position == 0 or text[position - 1] not in DIGIT_CHARACTERS))
    if is_spoken and counts_things:
        return None
    return digit, 1


def read_x(text: str, position: int) -> int:
    """Return the length of an X spoken or written at ``position``, or 0."""
    for word in X_WORDS:
        if text.startswith(word, position) and not _starts_non_digit_word(text, position):
            return len(word)
    return 0


def find_digit_runs(text: str) -> list[DigitRun]:
    """Return every run of digits in ``text``, in order, each with its offset map."""
    runs: list[DigitRun] = []
    position = 0
    while position < len(text):
        if read_digit(text, position) is None:
            position += 1
            continue
        run, position = _read_run(text, position)
        runs.append(run)
    return runs


def _read_run(text: str, position: int) -> tuple[DigitRun, int]:
    digits: list[str] = []
    spans: list[tuple[int, int]] = []
    group_starts: set[int] = set()
    while position < len(text):
        read = read_digit(text, position)
        if read is not None:
            digits.append(read[0])
            spans.append((position, position + read[1]))
            position += read[1]
            continue

        x_length = read_x(text, position)
        if x_length and len(digits) >= MIN_DIGITS_BEFORE_X:
            digits.append("X")
            spans.append((position, position + x_length))
            position += x_length
            break

        gap = SEPARATOR_PATTERN.match(text, position)
        if gap is None or gap.end() - position > MAX_SEPARATOR_CHARACTERS:
            break
        after = gap.end()
        if after < len(text) and read_digit(text, after) is not None:
            group_starts.add(len(digits))
            position = after
            continue
        if after < len(text) and read_x(text, after) and len(digits) >= MIN_DIGITS_BEFORE_X:
            position = after
            continue
        break
    run = DigitRun("".join(digits), tuple(spans), frozenset(group_starts))
    return run, spans[-1][1]


def trailing_gap_is_blank(text: str, end: int) -> bool:
    """Tell whether only separators, fillers and punctuation follow ``end`` in ``text``."""
    return TRAILING_GAP_PATTERN.fullmatch(text, end) is not None


def _starts_non_digit_word(text: str, position: int) -> bool:
    return any(text.startswith(word, position) for word in NON_DIGIT_WORDS)
