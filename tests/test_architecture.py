"""Every app of the project has its place in the layers that `lint-imports` (in `make check`) enforces."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

from django.apps import apps
from django.conf import settings

PYPROJECT = Path(settings.BASE_DIR) / "pyproject.toml"


def project_apps() -> set[str]:
    base = Path(settings.BASE_DIR).resolve()
    return {config.name for config in apps.get_app_configs() if Path(config.path).resolve().parent == base}


def test_every_project_app_sits_in_a_layer_of_the_import_contract():
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    layered = {
        name.strip("() ")
        for contract in config["contracts"]
        if contract["type"] == "layers"
        for layer in contract["layers"]
        for name in re.split(r"[|:]", layer)
    }
    missing_root = project_apps() - set(config["root_packages"])
    missing_layer = project_apps() - layered
    assert not missing_root, f"add {sorted(missing_root)} to root_packages in pyproject.toml [tool.importlinter]"
    assert not missing_layer, f"put {sorted(missing_layer)} into a layer in pyproject.toml [tool.importlinter]"
    assert {"geography", "demo"} <= project_apps()


def imports_inside_functions_without_a_reason(path: Path, base: Path) -> list[str]:
    """Runs of import statements inside a function with no comment on them or on the line before them."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    found = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            for body in (getattr(node, "body", None), getattr(node, "orelse", None)):
                if not isinstance(body, list):
                    continue
                run: list[ast.stmt] = []
                for statement in [*body, None]:
                    if isinstance(statement, ast.Import | ast.ImportFrom):
                        run.append(statement)
                        continue
                    if run:
                        first, last = run[0].lineno, run[-1].end_lineno or run[-1].lineno
                        if not any("#" in line for line in lines[max(first - 2, 0) : last]):
                            found.append(f"{path.relative_to(base)}:{first}: {lines[first - 1].strip()}")
                    run = []
    return found


def test_imports_inside_functions_say_why():
    """Issue 9: imports sit at the top of a module, except where a framework needs them inside a function
    (AppConfig.ready(), a page's get_context(), a benchmark after django.setup(), an import cycle), each with a
    one-line reason on it or on the line before it."""
    base = Path(settings.BASE_DIR).resolve()
    files = [
        path
        for path in sorted(base.glob("**/*.py"))
        if not {".venv", "migrations", "node_modules", "data"} & set(path.relative_to(base).parts)
    ]
    unexplained = [problem for path in files for problem in imports_inside_functions_without_a_reason(path, base)]
    assert not unexplained, "imports inside functions without a one-line reason:\n" + "\n".join(unexplained)
