"""The `vnmetrics` command: a thin layer over the Python API (one command, one function)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Sourced facts from Vietnamese news figures.")


@app.command()
def extract(inputs: List[Path] = typer.Argument(..., help="Files or folders: .txt, .jsonl, .jsonl.gz"),
            db: Optional[Path] = typer.Option(None, "--db", help="SQLite database to store into"),
            jsonl: Optional[str] = typer.Option(None, "--jsonl", help="Write facts as JSONL ('-' = stdout)"),
            workers: int = typer.Option(0, "--workers", "-w", help="Processes (0 = all cores)"),
            batch_size: int = typer.Option(64, "--batch-size", help="Documents per batch / transaction"),
            progress: Optional[bool] = typer.Option(None, "--progress/--quiet", help="Progress bar (default: on a terminal)")):
    """Extract facts from articles into SQLite (--db) and/or JSONL (--jsonl)."""
    from .runner import run

    if db is None and jsonl is None:
        db = Path("facts.db")
    try:
        stats = run(inputs, db=db, jsonl=jsonl, workers=workers or None, batch_size=batch_size, progress=progress)
    except FileNotFoundError as e:
        typer.echo(f"vnmetrics: {e}", err=True)
        raise typer.Exit(2)
    typer.echo(f"{stats.documents} documents, {stats.facts} facts, {stats.skipped} already stored, "
               f"{stats.errors} unreadable, {stats.seconds:.1f}s", err=True)
    if stats.errors:
        raise typer.Exit(1)


@app.command()
def facts(db: Path = typer.Option(Path("facts.db"), "--db"),
          org: Optional[str] = typer.Option(None, "--org", help="Organization, by any of its names"),
          year: Optional[int] = typer.Option(None, "--year"),
          metric: Optional[str] = typer.Option(None, "--metric", help="Words of the metric, or a metric key"),
          limit: int = typer.Option(200, "--limit"),
          as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table")):
    """Show stored facts as a table (org, year, metric, value with unit, quote)."""
    from .store import Store
    from .display import facts_table

    _need_db(db)
    rows = Store(db).facts(org=org, year=year, metric=metric, limit=limit)
    if as_json:
        for r in rows:
            typer.echo(json.dumps(r, ensure_ascii=False))
        return
    facts_table(rows)


def _need_db(db: Path):
    if not db.exists():
        typer.echo(f"vnmetrics: {db}: no such database (run `vnmetrics extract ... --db {db}` first)", err=True)
        raise typer.Exit(2)


def main():
    app()


if __name__ == "__main__":
    main()
