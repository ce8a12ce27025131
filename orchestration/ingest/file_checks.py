"""Whole-file checks: input that no row-by-row validation can save goes to quarantine whole.

A file fails when it is binary or contains NUL bytes, is UTF-16, decodes as GB18030 only by
accident (mojibake), ends inside an unclosed quote, or is a workbook openpyxl cannot open.
Every reason is Chinese and names no cell value, so it carries no personal data.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# A GB18030 decoding is suspect when at least this many characters, and more than this share
# of its non-ASCII characters, are private-use or CJK characters outside GB2312. Chinese text
# written in GB18030 draws nearly all its characters from GB2312's 6,763 hanzi, while Latin-1
# bytes read as GB18030 land on rare GBK extension characters and private-use code points.
# NOTE: a GBK file written mostly in traditional characters also exceeds the share, because
# most of them are outside GB2312, so it is rejected although it decodes correctly.
MOJIBAKE_MIN_CHARACTERS = 2
MOJIBAKE_MIN_SHARE = 0.2


class FileRejected(Exception):
    """An input file that cannot be read at all; it goes to quarantine.rejected_files."""

    def __init__(self, reason_code: str, reason: str) -> None:
        super().__init__(f"{reason_code}: {reason}")
        self.reason_code = reason_code
        self.reason = reason


def check_bytes(data: bytes) -> None:
    """Raise FileRejected for a UTF-16 file or one containing NUL bytes (binary files do)."""
    if data.startswith(UTF16_BOMS):
        raise FileRejected("unsupported_encoding",
                           "文件是 UTF-16 编码，请在 Excel 中另存为「CSV UTF-8」后重新提交")
    if b"\x00" in data:
        raise FileRejected("binary_file",
                           "文件含有空字节（NUL），不是文本格式的 CSV，可能是改了扩展名的"
                           "其他文件，请检查后重新导出")


def check_gb18030_text(text: str) -> None:
    """Raise FileRejected when GB18030-decoded text looks like another encoding (mojibake)."""
    counts = Counter(character for character in text if not character.isascii())
    non_ascii = sum(counts.values())
    suspect = sum(count for character, count in counts.items() if _is_suspect(character))
    if suspect >= MOJIBAKE_MIN_CHARACTERS and suspect > MOJIBAKE_MIN_SHARE * non_ascii:
        raise FileRejected(
            "suspect_encoding",
            f"文件按 GB18030 解码后出现 {suspect} 个生僻字或私用区字符（共 {non_ascii} 个非英文字符），"
            "很可能是其他编码（如 Latin-1）的文件，请另存为 UTF-8 后重新提交")


def _is_suspect(character: str) -> bool:
    if unicodedata.category(character) == "Co":
        return True
    if not unicodedata.name(character, "").startswith("CJK UNIFIED IDEOGRAPH"):
        return False
    try:
        character.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False


def check_quotes_closed(text: str, delimiter: str, first_line: int = 1) -> None:
    """Raise FileRejected when CSV text ends inside a quoted cell.

    An unclosed quote makes the CSV reader swallow the rest of the file into one cell, so the
    rows after it would silently become one. Only the last row can end that way, so callers
    pass the text from the last row's first line (``first_line``). A quote opens a cell only
    at its start, as in Python's csv module, and ``""`` inside a quoted cell is an escaped quote.
    """
    line_number, opened_at = first_line, first_line
    in_quotes, at_cell_start = False, True
    index = 0
    while index < len(text):
        character = text[index]
        if character == "\n":
            line_number += 1
        if in_quotes:
            if character == '"' and text.startswith('"', index + 1):
                index += 1
            elif character == '"':
                in_quotes = False
        elif character == '"' and at_cell_start:
            in_quotes, opened_at = True, line_number
        at_cell_start = not in_quotes and character in (delimiter, "\n", "\r")
        index += 1
    if in_quotes:
        raise FileRejected("unclosed_quote",
                           f"第 {opened_at} 行的引号没有闭合，其后各行无法区分，"
                           "请检查该行的英文双引号后重新提交")
