"""The ``govgraph`` command: one group, with commands from the modules beside this one."""

from __future__ import annotations

import click

import govgraph
from govgraph.cli import export, lookahead, lookup, neo4j, queries, render, roster, serve, synth

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(govgraph.__version__, prog_name="govgraph")
def main() -> None:
    """Who speaks for whom in NHS England specialised commissioning.

    Query the governance graph: regions, hubs, area teams, CCGs and ICBs, Clinical
    Senates, programmes of care, Clinical Reference Groups, boards, seats and the
    people who hold them. Every query command takes --as-of and --format.
    """


COMMANDS = (
    serve.serve,
    lookup.stats,
    lookup.show,
    lookup.search,
    queries.representation,
    queries.gaps,
    queries.coverage,
    queries.line_of_sight,
    queries.members,
    queries.posts,
    queries.overload,
    queries.changes,
    lookahead.upcoming,
    lookahead.what_if,
    lookahead.recruit,
    render.render,
    roster.validate,
    export.export,
    synth.synth,
    neo4j.load,
)
for command in COMMANDS:
    main.add_command(command)
