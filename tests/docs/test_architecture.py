"""The layers of ARCHITECTURE.md hold: no layer imports one above it, only the UI uses
Streamlit, only the store speaks SQL, and no module reaches into another's private names.

The import contracts live in ``pyproject.toml`` (``[tool.importlinter]``) and are checked by
``lint-imports`` (import-linter); one test proves the check catches an upward import by
planting one in a copy of the package.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "journeymap"
LINT = Path(sys.executable).with_name("lint-imports")

#: imports of private names across modules not yet removed; each names (importing module,
#: imported module, name). Empty: an entry added here is a debt to pay.
KNOWN_PRIVATE_IMPORTS: set[tuple[str, str, str]] = set()


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(root))
    return subprocess.run([str(LINT), "--no-cache", "--config", str(root / "pyproject.toml")],
                          cwd=root, env=env, capture_output=True, text=True, timeout=300)


def test_every_import_contract_of_the_architecture_is_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


def test_the_layer_check_fails_when_the_domain_imports_the_store(tmp_path):
    shutil.copytree(PACKAGE, tmp_path / "journeymap",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    rules = tmp_path / "journeymap" / "domain" / "rules.py"
    rules.write_text(rules.read_text() + "\nfrom journeymap.store import schema  # noqa\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "journeymap.domain.rules -> journeymap.store.schema" in result.stdout


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _private_imports(path: Path, root: Path = ROOT):
    """(importer, imported module, name) for every ``from M import _name`` where M is another
    module of journeymap (``root``: the folder holding the package)."""
    me = _module_name(path, root)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = package.split(".")
            base = base[:len(base) - node.level + 1]
            target = ".".join(base + ([node.module] if node.module else []))
        else:
            target = node.module or ""
        if not target.startswith("journeymap") or target == me:
            continue
        for alias in node.names:
            if alias.name.startswith("_") and not alias.name.startswith("__"):
                yield me, target, alias.name


def test_no_module_imports_a_private_name_of_another():
    found = {hit for path in PACKAGE.rglob("*.py") for hit in _private_imports(path)}
    new = sorted(found - KNOWN_PRIVATE_IMPORTS)
    assert not new, "private names imported across modules: " + ", ".join(
        f"{a} imports {c} from {b}" for a, b, c in new)
    gone = sorted(KNOWN_PRIVATE_IMPORTS - found)
    assert not gone, f"no longer imported, take them off KNOWN_PRIVATE_IMPORTS: {gone}"


def test_the_private_name_check_sees_a_relative_import_of_a_private_function(tmp_path):
    pkg = tmp_path / "journeymap" / "services"
    pkg.mkdir(parents=True)
    bad = pkg / "batch.py"
    bad.write_text("from .ratings import _perspective as choose\n")
    hits = list(_private_imports(bad, tmp_path))
    assert hits == [("journeymap.services.batch", "journeymap.services.ratings", "_perspective")]
