"""The ``govgraph`` command: one group, with commands from the modules beside this one.

The group imports a command's module only when that command runs (or shows its own
help): ``govgraph --help`` lists every command from ``COMMANDS`` without importing any of
them, and ``govgraph gaps`` never imports the web service, Excel or Neo4j machinery.
"""

from __future__ import annotations

import importlib

import click

from govgraph import __version__

__all__ = ["COMMANDS", "LazyGroup", "main"]

#: Each command's name -> (``module:function``, its one-line help as ``govgraph --help``
#: shows it; a test keeps it equal to the command's own).
COMMANDS: dict[str, tuple[str, str]] = {
    "serve": ("serve:serve",
              "Serve the pages (at /) and the REST API (under /api, documented at /docs) until interrupted."),
    "stats": ("lookup:stats", "Count what exists on a day (today by default), by kind and edge type."),
    "show": ("lookup:show", "Show one node (e.g. crg:CFS) with its relations and citations."),
    "search": ("lookup:search", "Find nodes whose name or id contains TEXT."),
    "representation": ("queries:representation",
                       "Check SUBJECT (a CRG or board id) against every rule that applies to it."),
    "gaps": ("queries:gaps", "Every failing rule and subject, what is missing, and the citation; then every verdict "
             "not assessed, with its reason."),
    "coverage": ("queries:coverage", "A matrix of CRGs (or boards) by area: filled/seats speaking for each area."),
    "line-of-sight": ("queries:line_of_sight",
                      "The chain of accountable posts from START (a post or person) up to the Deputy Medical "
                      "Director (seed 003 para 95), and where it breaks."),
    "members": ("queries:members", "The seats of ORG (a CRG, board or other body) and who fills each."),
    "posts": ("queries:posts", "The seats PERSON holds."),
    "overload": ("queries:overload", "People holding at least --min-seats seats at once."),
    "changes": ("queries:changes", "What changed between FROM and TO (YYYY-MM-DD): people, seats, bodies, rules."),
    "upcoming": ("lookahead:upcoming",
                 ("Seats whose holder leaves, or reaches a term limit, within DAYS after --as-of, and the rules "
                  "that fail on that day because of it.")),
    "what-if": ("lookahead:what_if",
                ("The rules that fail if a person leaves every seat on a day, and the other bodies that lose a "
                 "member through the seats they fill ex officio.")),
    "recruit": ("lookahead:recruit",
                ("Vacant seats ranked by how many failing rules filling each would fix: the appointment that "
                 "closes most gaps first.")),
    "render": ("render:render", "Draw a diagram or report page as one HTML file that needs no network."),
    "validate": ("roster:validate",
                 "Check rosters (CSV folders, .xlsx workbooks, Popolo .json files) against the built-in dataset "
                 "without keeping them."),
    "template": ("roster:template",
                 "Write the roster template: an Excel workbook with instructions, a sheet per roster table (an "
                 "example row to delete, drop-downs), and the built-in dataset's ids."),
    "export": ("export:export",
               "Write the graph (the built-in dataset with the example roster, or --data rosters) in a format "
               "other tools read."),
    "synth": ("synth:synth", "Write a synthetic roster (CSV folder) that loads on top of the built-in dataset."),
    "load": ("neo4j:load",
             "Load the graph (the built-in dataset with the example roster, or --data rosters) into Neo4j."),
    "person": ("writes:person", "People in a roster folder."),
    "seat": ("writes:seat", "Holdings of seats in a roster folder."),
}  # fmt: skip


class LazyGroup(click.Group):
    """A group whose commands are imported when first needed (click's "lazy loading" pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, function = COMMANDS[cmd_name][0].split(":")
        command = getattr(importlib.import_module(f"govgraph.cli.{module}"), function)
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list, from ``COMMANDS``: importing every command to read its help
        would cost the start-up time lazy loading saves."""
        with formatter.section("Commands"):
            formatter.write_dl([(name, help) for name, (_, help) in COMMANDS.items()])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="govgraph")
def main() -> None:
    """Who speaks for whom in NHS England specialised commissioning.

    Query the governance graph: regions, hubs, area teams, CCGs and ICBs, Clinical
    Senates, programmes of care, Clinical Reference Groups, boards, seats and the
    people who hold them. Every query command takes --as-of and --format.
    """
