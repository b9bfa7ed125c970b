"""Publishing with mike: versions, aliases and a failed build that deploys nothing."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.project import project_lock
from tools.paths import ROOT
from tools.publish import publish


def test_both_versions_are_deployed_with_latest_as_default(published):
    directory, _, _ = published
    versions = json.loads((directory / "versions.json").read_text())
    assert [(v["version"], v["aliases"]) for v in versions] == [("0.2", ["latest"]), ("0.1", [])]
    assert 'url=latest/' in (directory / "index.html").read_text()
    assert "../0.2/" in (directory / "latest/index.html").read_text()  # a redirect, not a symlink
    assert not (directory / "latest").is_symlink()


def test_each_version_holds_every_language(published):
    directory, _, _ = published
    for version in ("0.1", "0.2"):
        for prefix in ("", "ja/", "pt-BR/"):
            assert (directory / version / prefix / "exponential_decay/index.html").is_file()
            assert (directory / version / prefix / "runs/notebooks/warmup/index.html").is_file()
        assert (directory / version / "pagefind/pagefind-ui.js").is_file()


def test_deploying_a_new_version_leaves_the_old_one_byte_for_byte(published):
    _, trees, _ = published
    assert trees["0.1"] == trees["0.2"]


def test_a_failed_build_deploys_nothing(published, tmp_path):
    _, _, branch = published
    before = subprocess.run(["git", "-C", str(ROOT), "rev-parse", branch], capture_output=True, text=True).stdout
    broken = ROOT / ".broken-mkdocs.yml"  # beside mkdocs.yml, so that INHERIT and relative paths resolve
    broken.write_text("INHERIT: mkdocs.yml\nnav:\n  - no-such-page.md\n")
    try:
        with project_lock(), pytest.raises(subprocess.CalledProcessError):
            publish("0.3", branch=branch, config_file=broken)
    finally:
        broken.unlink()
    after = subprocess.run(["git", "-C", str(ROOT), "rev-parse", branch], capture_output=True, text=True).stdout
    assert before == after
