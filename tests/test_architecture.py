"""The core is pure: nothing under recension/ imports Pelican (the plugins are the adapters)."""

import ast

from conftest import ROOT


def test_core_imports_nothing_of_pelican():
    for path in sorted((ROOT / "recension").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] != "pelican", f"{path.relative_to(ROOT)} imports {name}"


def test_plugins_are_thin():
    for path in sorted((ROOT / "plugins").rglob("*.py")):
        assert len(path.read_text("utf-8").splitlines()) < 200, f"{path} holds logic that belongs in the core"
