"""The README's commands and snippet work exactly as printed."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from hearsay import paths

README = (paths.ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_load_dataset_snippet_runs_as_printed(tmp_path):
    [snippet] = [block for block in re.findall(r"```python\n(.*?)```", README, re.S) if "load_dataset" in block]
    env = {**os.environ, "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    result = subprocess.run([sys.executable, "-c", snippet], cwd=paths.ROOT, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    first = result.stdout.splitlines()[0]
    assert re.fullmatch(r"[a-z_]+-\d{4}-\d{2}-\d{2}-[a-z0-9-]+ \d+ spans", first), first
    assert "->" in result.stdout.splitlines()[1]


def test_readme_names_the_two_commands_and_ci_calls_the_test_one():
    assert "scripts/reproduce" in README and "scripts/test" in README
    ci = (paths.ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/test" in ci
    for script in ("setup", "reproduce", "test"):
        assert os.access(paths.ROOT / "scripts" / script, os.X_OK), script
