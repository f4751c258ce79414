"""Every app of the project has its place in the layers that `lint-imports` (in `make check`) enforces."""

from __future__ import annotations

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
