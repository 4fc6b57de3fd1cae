"""The record store: corrupt records are dropped for good, a full disk leaves no torn batch."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from tnr_claims.run.store import RecordStore


def items(prefix: str, count: int, size: int = 200) -> list[tuple[str, str, str | None, str]]:
    """``count`` stored items whose record JSON is ``size`` characters of filler."""
    return [
        (f"{prefix}-{i}", f"doc-{prefix}-{i}", None, '{"filler": "' + "x" * size + '"}')
        for i in range(count)
    ]


def test_a_corrupt_record_is_found_and_dropped_for_good(tmp_path: Path) -> None:
    with RecordStore(tmp_path, fsync=False) as store:
        store.append(items("a", 3))
        entry = store.index["a-1"]
    segment = tmp_path / ".state" / entry.segment
    data = bytearray(segment.read_bytes())
    data[entry.offset + entry.length - 10] ^= 0x01  # one flipped bit inside the record
    segment.write_bytes(bytes(data))
    with RecordStore(tmp_path, fsync=False) as store:
        assert [store.intact(key) for key in ("a-0", "a-1", "a-2")] == [True, False, True]
        store.forget("a-1")
        assert "a-1" not in store
    with RecordStore(tmp_path, fsync=False) as store:
        assert "a-1" not in store and "a-0" in store
        store.append(items("a", 2)[1:])  # processed again: stored anew
    with RecordStore(tmp_path, fsync=False) as store:
        assert "a-1" in store and store.intact("a-1")


def test_an_index_line_without_crc_is_checked_by_its_key(tmp_path: Path) -> None:
    """Stores written before the CRC existed are still read and checked."""
    with RecordStore(tmp_path, fsync=False) as store:
        store.append(items("b", 2))
    index = tmp_path / ".state" / "index.jsonl"
    index.write_text(index.read_text().replace(', "crc":', ', "old_crc":'))
    with RecordStore(tmp_path, fsync=False) as store:
        assert store.index["b-0"].crc is None
        assert store.intact("b-0") and store.intact("b-1")


def test_a_full_disk_leaves_whole_batches_only(tiny_disk: Path) -> None:
    out = tiny_disk / "out"
    stored = 0
    with RecordStore(out) as store, pytest.raises(OSError) as caught:
        for batch in range(10_000):
            stored += store.append(items(f"batch{batch}", 20, size=1000))
    assert caught.value.errno == errno.ENOSPC
    state = out / ".state"
    segments = list(state.glob("seg-*.jsonl"))
    with RecordStore(out) as store:
        assert len(store.index) == stored > 0
        assert all(store.intact(key) for key in store.index)
        # the failed batch was cut off: the segments hold exactly the indexed records
        assert sum(p.stat().st_size for p in segments) == store.live_bytes()
        assert store.compact(list(store.index)[: stored // 4], force=True) is False
    assert sorted(state.glob("seg-*.jsonl")) == sorted(segments)
    assert not list(state.glob(".*tmp*"))


def test_a_record_that_no_longer_validates_is_one_line_and_dropped(tmp_path: Path) -> None:
    """A whole line (right CRC) holding no valid record: one error, then gone for good."""
    from tnr_claims.errors import OutputError
    from tnr_claims.run.batch import _stored_records

    with RecordStore(tmp_path, fsync=False) as store:
        store.append(items("c", 1))  # filler, not a DocumentRecord
        with pytest.raises(OutputError, match="doc-c-0: its stored record .* corrupt"):
            list(_stored_records(store, ["c-0"]))
    with RecordStore(tmp_path, fsync=False) as store:
        assert "c-0" not in store
