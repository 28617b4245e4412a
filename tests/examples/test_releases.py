"""The release check's record: releases that pass are kept, one that fails is dropped."""

from sitetools.examples import releases


def run(torch: str, failed: int) -> dict:
    counts = {"passed": 3, "skipped": 1, "failed": failed}
    return {"torch": torch, "python": "3.11.7", **counts, "checked_on": "2030-01-02", "output": ""}


def test_passing_releases_are_recorded_in_order_and_a_failing_one_is_dropped(tmp_path, monkeypatch):
    monkeypatch.setattr(releases, "RECORD", tmp_path / "releases.yml")
    releases.record([run("2.14.1", 0), run("2.9.0", 0)])
    assert [entry["torch"] for entry in releases.recorded()] == [
        "2.9.0",
        "2.14.1",
    ]
    releases.record([run("2.14.1", 2)])
    assert [entry["torch"] for entry in releases.recorded()] == ["2.9.0"]


def test_the_pin_is_read_from_pyproject():
    from importlib.metadata import version

    assert releases.pinned() == version("torch").split("+")[0]
