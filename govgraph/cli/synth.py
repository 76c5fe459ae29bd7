"""``govgraph synth``: write a deterministic synthetic roster for benchmarks and load tests."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import click
from rich.console import Console
from rich.progress import track

from govgraph.loaders.synthetic import RosterChunk, synthesise, write_roster


@click.command()
@click.option("--scale", type=click.IntRange(min=1), required=True,
              help="1 fills the built-in dataset's seats; each step adds a copy of the committee structure and "
              "its people (500 gives about a million memberships).")  # fmt: skip
@click.option(
    "--seed", type=int, required=True, help="Seeds the random choices: the same options always write the same files."
)
@click.option("--gap-rate", type=click.FloatRange(0.0, 1.0), default=0.05, show_default=True,
              help="The share of seats left vacant.")  # fmt: skip
@click.option("-o", "--output", "output", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="The folder to write people.csv, organisations.csv, posts.csv and memberships.csv to "
              "(created if needed).")  # fmt: skip
def synth(scale: int, seed: int, gap_rate: float, output: Path) -> None:
    """Write a synthetic roster (CSV folder) that loads on top of the built-in dataset.

    Every name in it is made up. Load it with --data DIR on any query command.
    """
    chunks: Iterable[RosterChunk] = synthesise(scale, seed, gap_rate)
    if sys.stderr.isatty():
        # One step per copy; a bar only on a terminal, so that logs of scripts stay clean.
        chunks = track(chunks, total=scale, description="Writing roster", console=Console(stderr=True), transient=True)
    counts = write_roster(chunks, output)
    summary = ", ".join(f"{count} {name}" for name, count in counts.items())
    click.echo(f"wrote {output}: {summary}")
