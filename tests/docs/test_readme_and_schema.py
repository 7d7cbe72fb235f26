"""The README tells the truth: its two commands, the CLI verbs, the shipped JSON Schema."""

import json
import re
from pathlib import Path

import jsonschema

from journeymap.cli import COMMANDS
from journeymap.interchange import native

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def bash_blocks():
    return re.findall(r"```bash\n(.*?)\n```", README, flags=re.S)


def test_the_readme_opens_with_the_install_and_start_command_then_the_test_command():
    first, second = bash_blocks()[:2]
    assert first == "pip install -e . && journeymap demo"
    assert "pytest" in second and "[test]" in second


def test_ci_runs_exactly_the_readme_test_command():
    assert bash_blocks()[1] in (ROOT / ".ci" / "run").read_text()


def test_every_command_line_verb_is_documented_in_the_readme():
    for verb in COMMANDS:
        assert f"`journeymap {verb}" in README, verb


def test_an_exported_journey_satisfies_the_shipped_json_schema(small_journey):
    schema = json.loads(native.SCHEMA_PATH.read_text())
    jsonschema.validate(native.to_document(small_journey()), schema)


def test_the_readme_minimal_file_imports():
    block = re.search(r"```json\n(.*?)\n```", README, flags=re.S).group(1)
    journey = native.loads(block)
    assert journey.title == "Fix my broadband" and journey.pain_points[0].votes == 3
