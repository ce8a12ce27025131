"""The same seed writes the same files byte for byte; another seed writes others."""

from orchestration.demo_data import write_demo_data


def _contents(root):
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()}


def test_same_seed_same_files(tmp_path):
    write_demo_data(tmp_path / "first", seed=11, cases=60)
    write_demo_data(tmp_path / "second", seed=11, cases=60)

    first, second = _contents(tmp_path / "first"), _contents(tmp_path / "second")
    assert first.keys() == second.keys()
    assert first == second


def test_other_seed_other_files(tmp_path):
    write_demo_data(tmp_path / "first", seed=11, cases=60)
    write_demo_data(tmp_path / "second", seed=12, cases=60)

    assert _contents(tmp_path / "first") != _contents(tmp_path / "second")
