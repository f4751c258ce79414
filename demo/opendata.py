"""The open dataset's first version, so /aabne-data/ offers files to download right after ``make run`` (the
nightly task writes the next ones). Called by ``seed_demo`` (demo.offers.EXTENSION_MODULES) after the offers;
does nothing when a version exists already."""

from __future__ import annotations

from typing import TextIO

from opendata.dataset import export_open_dataset, published_versions


def seed_demo_data(*, seed: int, stdout: TextIO | None = None) -> None:
    if published_versions():
        return
    version = export_open_dataset()
    if stdout is not None:
        stdout.write(f"Open data: today's dataset written ({version.day}).")
