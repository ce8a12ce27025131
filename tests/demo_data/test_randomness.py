"""DemoRandom: cheap draws that stay in range and deterministic."""

from collections import Counter

import pytest

from orchestration.demo_data.randomness import DemoRandom


def test_same_seed_same_draws():
    first, second = DemoRandom(4), DemoRandom(4)
    assert [first.randint(1, 6) for _ in range(50)] == [second.randint(1, 6) for _ in range(50)]


def test_randint_covers_both_ends():
    rng = DemoRandom(4)
    counts = Counter(rng.randint(1, 6) for _ in range(6000))
    assert set(counts) == {1, 2, 3, 4, 5, 6}
    assert min(counts.values()) > 850


def test_randrange_excludes_stop():
    rng = DemoRandom(4)
    assert {rng.randrange(3) for _ in range(300)} == {0, 1, 2}
    assert {rng.randrange(10, 12) for _ in range(300)} == {10, 11}


def test_randrange_rejects_empty_range():
    with pytest.raises(ValueError, match="empty range"):
        DemoRandom(4).randrange(5, 5)


def test_choice_rejects_empty_sequence():
    with pytest.raises(IndexError):
        DemoRandom(4).choice([])
