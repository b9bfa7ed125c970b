"""Every way a build can go wrong, done for real on a copy of the project.

Each test copies a project that has already been built once (sources, run and site caches,
site), breaks it, runs ``python -m tools`` in it, and checks the message
and that nothing good was lost: ``site/`` and the cache hold the same bytes as
before a failed build.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.project import run_tool, tool_command, tree_hashes
from tools.sandbox import copy_project, environment

CACHE = Path(".cache/runs")
BOOM = 'raise RuntimeError("boom")\n'


@pytest.fixture(scope="module")
def template(tmp_path_factory, records, built_site) -> Path:
    """A copy of the project with a warm cache and a good site/ (the session's build)."""
    project = copy_project(tmp_path_factory.mktemp("template") / "project", with_cache=True, with_site_caches=True)
    shutil.copytree(built_site, project / "site")
    return project


@pytest.fixture
def project(template, tmp_path) -> Path:
    """A fresh copy of the template, for one test to break."""
    return Path(shutil.copytree(template, tmp_path / "project", symlinks=True))


def _state(project: Path) -> dict[str, dict[str, str]]:
    """What a failed build must leave as it was: every byte of site/ and of the cache."""
    cache = {name: digest for name, digest in tree_hashes(project / CACHE).items() if name != "workers.log"}
    return {"site": tree_hashes(project / "site"), "cache": cache}


def _output(result: subprocess.CompletedProcess) -> str:
    return result.stdout + result.stderr


def _append(path: Path, text: str) -> int:
    """Append ``text`` to a file; return the line number where it starts."""
    lines = path.read_text().count("\n")
    with path.open("a") as file:
        file.write(text)
    return lines + 1


def test_a_raising_snippet_fails_the_build_naming_file_line_and_pages(project):
    before = _state(project)
    line = _append(project / "snippets/warmup.py", BOOM)
    result = run_tool(project, "build")
    output = _output(result)
    assert result.returncode == 1, output
    assert f"snippets/warmup.py:{line}: error: RuntimeError: boom" in output
    for page in ("docs/warmup.md", "docs/warmup.ja.md", "docs/warmup.pt-BR.md"):
        assert page in output
    assert "site/ and the cache are as they were" in output
    assert _state(project) == before
    assert not list(project.glob(".site-staging-*")) and not list((project / CACHE).glob(".*"))


def test_a_hanging_snippet_is_killed_at_the_timeout(project):
    (project / "snippets/hangs.py").write_text("import time\n\ntime.sleep(600)\n")
    before = _state(project)
    started = time.monotonic()
    result = run_tool(project, "build", "--timeout", "5")
    elapsed = time.monotonic() - started
    assert result.returncode == 1
    assert "snippets/hangs.py: timeout: still running after 5 s; killed" in _output(result)
    assert elapsed < 600  # the build did not wait for the snippet's 600 s
    assert _state(project) == before


def _break_references(project: Path) -> tuple[int, int]:
    """A plot marker of an unknown snippet in docs/index.md, an include of an unknown section in
    docs/warmup.md, and docs/cosine_decay.ja.md gone; returns the two lines."""
    marker_line = _append(project / "docs/index.md", "\n<!-- lr-plot: no_such_snippet -->\n") + 1
    warmup = project / "docs/warmup.md"
    warmup.write_text(warmup.read_text().replace('warmup.py:builtin"', 'warmup.py:no_such_section"', 1))
    section_line = next(n for n, text in enumerate(warmup.read_text().splitlines(), 1) if "no_such_section" in text)
    (project / "docs/cosine_decay.ja.md").unlink()
    return marker_line, section_line


def test_bad_references_stop_a_strict_build_and_are_named_by_file_and_line(project):
    before = _state(project)
    marker_line, section_line = _break_references(project)
    result = run_tool(project, "build")
    output = _output(result)
    assert result.returncode == 1, output
    assert f"docs/index.md:{marker_line}: unknown snippet 'no_such_snippet'" in output
    assert f"docs/warmup.md:{section_line}: snippet 'warmup' has no section 'no_such_section'" in output
    assert "docs/cosine_decay.ja.md is missing" in output
    assert _state(project) == before


def test_a_number_the_run_no_longer_prints_stops_a_strict_build(project):
    """A page quotes ``{{ gone }}`` from a line its run does not print: the build names the page and line."""
    before = _state(project)
    page = project / "docs/warmup.md"
    text = page.read_text()
    end = text.index("\n---\n", 4)
    page.write_text(text[:end] + "\nnumbers:\n  gone: {output: '^never printed (\\d+)'}" + text[end:])
    line = _append(page, "\nThe run printed {{ gone }}.\n") + 1
    result = run_tool(project, "build")
    output = re.sub(r"\s+", " ", _output(result))
    assert result.returncode == 1, output
    assert f"docs/warmup.md:{line}: {{{{ gone }}}}: the run of 'warmup' printed no line matching" in output
    assert _state(project) == before


def test_a_broken_link_or_anchor_stops_a_strict_build(project):
    before = _state(project)
    line = _append(project / "docs/index.md", "\n[gone](no_such_page.md) and [nowhere](warmup.md#no-such-anchor)\n") + 1
    result = run_tool(project, "build")
    output = _output(result)
    assert result.returncode == 1, output
    assert f"docs/index.md:{line}: Doc file 'index.md' contains a link 'no_such_page.md', but the target" in output
    assert f"docs/index.md:{line}: Doc file 'index.md' contains a link 'warmup.md#no-such-anchor'" in output
    assert "does not contain an anchor '#no-such-anchor'" in output
    assert "the last good site/ is unchanged" in output
    assert _state(project) == before


def test_without_strict_each_problem_is_a_warning_and_shows_in_its_page(project):
    """What ``serve`` does (it is not strict): build, warn, and show the error where it is."""
    _break_references(project)
    _append(project / "docs/index.md", "\n[gone](no_such_page.md)\n")
    _append(project / "snippets/momentum.py", BOOM)
    # a page with front matter: the marker is named by its line in the file, front matter included
    marker_line = _append(project / "docs/warmup.ja.md", "\n<!-- lr-output: warmup ^no such line -->\n") + 1
    result = run_tool(project, "build", "--no-strict")
    output = re.sub(r"\s+", " ", _output(result))
    assert result.returncode == 0, output
    for warning in ("unknown snippet 'no_such_snippet'", "has no section 'no_such_section'",
                    "docs/cosine_decay.ja.md is missing", "'no_such_page.md', but the target is not found",
                    "snippets/momentum.py",
                    f"docs/warmup.ja.md:{marker_line}: the run of 'warmup' printed no line matching '^no such line'"):
        assert warning in output
    site = project / "site"
    assert "unknown snippet" in (site / "index.html").read_text()
    assert "no_such_section" in (site / "warmup/index.html").read_text()  # the include line says why
    momentum = (site / "momentum/index.html").read_text()
    assert 'class="admonition failure lr-error"' in momentum and "RuntimeError: boom" in momentum
    assert (site / "ja/cosine_decay/index.html").is_file()  # mkdocs-static-i18n falls back to English


def _ctrl_c_as_in_a_terminal() -> None:
    """In the started build: SIGINT raises KeyboardInterrupt, as when a terminal starts it, even
    when this test runs in the background of a non-interactive shell (which ignores SIGINT,
    and the ignoring is inherited)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _interrupt_when(project: Path, reached: Path, *arguments: str) -> subprocess.CompletedProcess:
    """Start ``python -m tools ARGUMENTS``; press Ctrl-C (SIGINT to its process group) as soon as
    the file ``reached`` exists, which the build writes when it is in the phase to interrupt."""
    process = subprocess.Popen(tool_command(*arguments), cwd=project, env=environment(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                               preexec_fn=_ctrl_c_as_in_a_terminal)
    while not reached.exists():
        assert process.poll() is None, "the build ended before reaching the phase: " + process.communicate()[1][-3000:]
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=300)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


# Put into the copy to hold a build in a phase, after saying so in a file: a snippet that is
# training, or an MkDocs hook that runs once the first language's pages are written.
HOLD = "import pathlib\nimport time\n\npathlib.Path({reached!r}).touch()\ntime.sleep(600)\n"


@pytest.mark.parametrize("phase", ["snippets", "site"])
def test_ctrl_c_leaves_no_half_written_site_or_cache_entry(project, tmp_path, phase):
    reached = tmp_path / "reached"
    hold = HOLD.format(reached=str(reached))
    if phase == "snippets":  # a snippet that is still running when Ctrl-C comes
        _append(project / "snippets/warmup.py", "\n" + hold)
    else:  # MkDocs has written the English site into its staging directory and builds on
        (project / "hold.py").write_text("def on_post_build(config):\n" + "".join(
            f"    {line}\n" for line in hold.splitlines() if line))
        _append(project / "mkdocs.yml", "\nhooks:\n  - hold.py\n")
    before = _state(project)
    result = _interrupt_when(project, reached, "build")
    assert result.returncode == 130, result.stderr[-3000:]
    assert "interrupted; site/ and the cache are as they were" in result.stderr
    assert _state(project) == before
    assert not list(project.glob(".site-*")) and not list((project / CACHE).glob(".*"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, condition, timeout: float = 900) -> str:
    """Fetch ``url`` until ``condition(html)`` holds; return that HTML."""
    deadline, html = time.monotonic() + timeout, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                html = response.read().decode()
            if condition(html):
                return html
        except OSError:
            pass
        time.sleep(1)
    raise AssertionError(f"{url} never got there; last page:\n{html[:2000]}")


def test_serve_shows_a_broken_snippet_in_its_page_and_recovers(project, tmp_path):
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")  # a file, not a pipe: a full pipe would block the server
    process = subprocess.Popen(tool_command("serve", "--dev-addr", f"127.0.0.1:{port}"), cwd=project,
                               env=environment(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/warmup/"
    snippet = project / "snippets/warmup.py"
    good = snippet.read_text()
    try:
        _wait_for(url, lambda html: 'class="lr-plot"' in html)
        line = _append(snippet, BOOM)
        broken = _wait_for(url, lambda html: "lr-error" in html)
        assert f"snippets/warmup.py:{line}: error: RuntimeError: boom" in broken
        assert process.poll() is None  # the server is still running
        snippet.write_text(good)
        fixed = _wait_for(url, lambda html: "lr-error" not in html)
        assert 'class="lr-plot"' in fixed and "warmup.svg" in fixed
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()
