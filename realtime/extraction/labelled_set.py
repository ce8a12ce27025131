"""The labelled transcript set: build it from inline markup, load it for evaluation.

The source files hold one call after another, each opened by ``# call <call_id>``. Each line
after it is one segment: ``F <text>`` for a final, ``P <text>`` for a partial of the segment
that the next final ends. Entities are marked inline:

- ``[张伟|name]`` or ``[南山|place=南山区]``: the text and its type, with ``=value`` when the
  normalised value differs from the text.
- ``[四四零三零五一九|id_card=440305197505105126>`` at the end of one segment and ``<七五…]``
  at the start of the next: a number split across segments, expected with the later segment.
- ``{四四零三零三一九九九}``: digits for which no entity is expected: the end of a partial that
  may still grow, or a number that is neither a phone nor an ID card number (a sample barcode).

Offsets in the built records index the call transcript (finals concatenated, then the partial).
Every phone and ID card label is checked: its spoken digits, read with a table kept apart from
the extractor's, must spell its value.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

# Calls c001 to c090 and the extra calls d001, d002, … are tuning material (``dev``). Every
# call after c090 is written by someone who has not read the extractor's errors (``held_out``).
LAST_TUNING_CALL = 90
EXTRA_DEV_CALL_PREFIX = "d"
MARK_PATTERN = re.compile(
    r"\[([^\[\]|<>]+)\|(\w+)(?:=([^\]>]+))?([\]>])|<([^\[\]<>]+)\]|\{([^{}]+)\}"
)
SPOKEN_DIGITS = dict(zip("零〇洞一幺二两三四五六七拐八九勾", "0001122345677899", strict=True))
SPOKEN_X = ("艾克斯", "爱克斯", "叉", "X", "x")
UNMARKED_NUMBER_PATTERN = re.compile(r"[\d０-９零〇洞一幺二两三四五六七拐八九勾][\d０-９零〇洞一幺二两三四五六七拐八九勾，,、\s]*")


@dataclass
class _OpenLabel:
    type: str
    value: str
    start: int
    text: str


def build_records(source: str) -> list[dict]:
    """Turn marked-up source text into one record per segment line."""
    records: list[dict] = []
    call_id, transcript, index, open_label = None, "", 0, None
    for number, line in enumerate(source.splitlines(), start=1):
        if not line.strip():
            continue
        if line.startswith("# call "):
            call_id, transcript, index, open_label = line.removeprefix("# call ").strip(), "", 0, None
            continue
        if call_id is None or line[:2] not in ("F ", "P "):
            raise ValueError(f"line {number}: expected '# call <id>', 'F <text>' or 'P <text>'")
        is_final = line.startswith("F ")
        text, expected, open_after = _parse_line(line[2:], len(transcript), open_label, number)
        records.append({
            "call_id": call_id, "segment_index": index, "is_final": is_final, "text": text,
            "expected": expected, "split": split_of(call_id),
        })
        if is_final:
            transcript += text
            index += 1
            open_label = open_after
    return records


def _parse_line(marked: str, base: int, open_label: _OpenLabel | None, number: int
                ) -> tuple[str, list[dict], _OpenLabel | None]:
    text, expected, new_open = "", [], None
    position = 0
    for mark in MARK_PATTERN.finditer(marked):
        text += marked[position:mark.start()]
        position = mark.end()
        start = base + len(text)
        if mark.group(6) is not None:
            text += mark.group(6)
            continue
        if mark.group(5) is not None:
            if open_label is None:
                raise ValueError(f"line {number}: '<…]' closes no open label")
            text += mark.group(5)
            spoken = open_label.text + mark.group(5)
            expected.append(_label(open_label.type, open_label.value, open_label.start,
                                   base + len(text), spoken, number))
            continue
        spoken, kind, value, closing = mark.groups()[:4]
        text += spoken
        value = value or spoken
        if closing == ">":
            new_open = _OpenLabel(kind, value, start, spoken)
            continue
        expected.append(_label(kind, value, start, base + len(text), spoken, number))
    text += marked[position:]
    _check_unmarked_digits(MARK_PATTERN.sub("|", marked), number)
    return text, expected, new_open


def _check_unmarked_digits(unmarked: str, number: int) -> None:
    """Reject a line whose text outside the marks still spells a number of seven digits."""
    for stretch in UNMARKED_NUMBER_PATTERN.findall(unmarked):
        if len(spell_digits(stretch)) >= 7:
            raise ValueError(f"line {number}: unmarked number {stretch!r}")


def _label(kind: str, value: str, start: int, end: int, spoken: str, number: int) -> dict:
    if kind not in ("phone", "id_card", "name", "place"):
        raise ValueError(f"line {number}: unknown entity type {kind!r}")
    if kind in ("phone", "id_card"):
        digits = spell_digits(spoken)
        if digits != value and not (kind == "phone" and digits == "86" + value):
            raise ValueError(f"line {number}: spoken digits {digits} do not spell {value}")
    return {"type": kind, "value": value, "start": start, "end": end}


def spell_digits(spoken: str) -> str:
    """Read the digits of a spoken number, ignoring every other character."""
    digits, position = [], 0
    while position < len(spoken):
        x_word = next((word for word in SPOKEN_X if spoken.startswith(word, position)), None)
        if x_word:
            digits.append("X")
            position += len(x_word)
            continue
        character = spoken[position]
        if character.isdigit():
            digits.append(str(int(character)))
        elif character in SPOKEN_DIGITS:
            digits.append(SPOKEN_DIGITS[character])
        position += 1
    return "".join(digits)


def split_of(call_id: str) -> str:
    """Return ``dev`` for a call that tuning may look at (c001–c090, d…), else ``held_out``."""
    if call_id.startswith(EXTRA_DEV_CALL_PREFIX):
        return "dev"
    number = int(re.sub(r"\D", "", call_id) or 0)
    return "held_out" if number > LAST_TUNING_CALL else "dev"


def load_records(path: Path) -> list[dict]:
    """Read the built set, one JSON record per line."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def main(argv: list[str]) -> None:
    """Build the JSONL set: ``labelled_set.py OUTPUT SOURCE...``."""
    output, *sources = argv
    records = []
    for source in sources:
        try:
            records.extend(build_records(Path(source).read_text(encoding="utf-8")))
        except ValueError as error:
            raise SystemExit(f"{source}: {error}") from error
    with Path(output).open("w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    print(f"{len(records)} segments of {len({r['call_id'] for r in records})} calls -> {output}")


if __name__ == "__main__":
    main(sys.argv[1:])
