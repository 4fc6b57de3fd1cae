"""The gazetteer is cached between runs: the cached one is the built one, a bad cache is rebuilt."""

from __future__ import annotations

from pathlib import Path

import pytest

from tnr_claims.normalise import places

ALPHA3 = frozenset({"AND", "FOR", "CAN"})
GENERIC = frozenset({"north", "capital"})


def _indexes(gazetteer: places._Gazetteer) -> dict:
    return {name: getattr(gazetteer, name) for name in places._INDEXES}


@pytest.fixture(scope="module")
def built() -> dict:
    """A gazetteer built from the libraries with no cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TNR_CLAIMS_CACHE", "0")
        return _indexes(places._Gazetteer(ALPHA3, GENERIC))


def test_cached_gazetteer_equals_the_built_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built: dict
) -> None:
    monkeypatch.setenv("TNR_CLAIMS_CACHE", str(tmp_path))
    first = places._Gazetteer(ALPHA3, GENERIC)  # builds and writes the cache
    files = list(tmp_path.glob("gazetteer-*.json"))
    assert len(files) == 1
    second = places._Gazetteer(ALPHA3, GENERIC)  # reads it
    for name in places._INDEXES:
        assert _indexes(first)[name] == built[name] == _indexes(second)[name], name
        assert type(_indexes(second)[name]) is type(built[name]), name
    assert second.code("Ruritania") == (False, None)
    assert second.code("São Paulo") == built_code(built, "sao paulo")
    # other word lists are another gazetteer, in another file
    places._Gazetteer(ALPHA3 | {"ZZZ"}, GENERIC)
    assert len(list(tmp_path.glob("gazetteer-*.json"))) == 2


def built_code(indexes: dict, key: str) -> tuple[bool, str | None]:
    """What the built indexes say about a folded city name."""
    return True, indexes["cities"][key][0]


def test_a_corrupt_cache_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built: dict
) -> None:
    monkeypatch.setenv("TNR_CLAIMS_CACHE", str(tmp_path))
    path = places._cache_path(ALPHA3, GENERIC)
    assert path is not None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"countries": {"ruritania": ', encoding="utf-8")  # cut short
    gazetteer = places._Gazetteer(ALPHA3, GENERIC)
    assert _indexes(gazetteer) == built
    assert places._Gazetteer(ALPHA3, GENERIC).cities == built["cities"]  # rewritten whole


def test_an_unwritable_or_disabled_cache_only_means_building(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built: dict
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("TNR_CLAIMS_CACHE", str(blocker / "cache"))
    assert _indexes(places._Gazetteer(ALPHA3, GENERIC)) == built
    assert not (blocker / "cache").exists()
    monkeypatch.setenv("TNR_CLAIMS_CACHE", "0")
    assert places.cache_dir() is None
