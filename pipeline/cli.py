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
def extract(inputs: List[Path] = typer.Argument(..., help="Files or folders: .txt, .jsonl(.gz), .html, .warc(.gz)"),
            db: Optional[Path] = typer.Option(None, "--db", help="SQLite database to store into"),
            jsonl: Optional[str] = typer.Option(None, "--jsonl", help="Write facts as JSONL ('-' = stdout)"),
            workers: int = typer.Option(0, "--workers", "-w", help="Processes (0 = all cores)"),
            batch_size: int = typer.Option(64, "--batch-size", help="Documents per batch / transaction"),
            progress: Optional[bool] = typer.Option(None, "--progress/--quiet", help="Progress bar (default: on a terminal)"),
            engine: str = typer.Option("local", "--engine", help="local (processes on this machine) or dask"),
            scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (default: a LocalCluster)"),
            shards: Optional[Path] = typer.Option(None, "--shards", help="Dask engine: folder for the Parquet shards"),
            partition_size: int = typer.Option(2000, "--partition-size", help="Dask engine: documents per partition")):
    """Extract facts from articles into SQLite (--db) and/or JSONL (--jsonl), or Parquet shards (--engine dask)."""
    if engine == "dask":
        return _extract_dask(inputs, db, shards, scheduler, workers, partition_size)
    if engine != "local":
        typer.echo(f"vnmetrics: unknown engine {engine!r} (local or dask)", err=True)
        raise typer.Exit(2)
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
    if db is not None:
        _index(db)
    if stats.errors:
        raise typer.Exit(1)


def _extract_dask(inputs, db, shards, scheduler, workers, partition_size):
    from .cluster import load_shards, run_dask

    if shards is None:
        typer.echo("vnmetrics: --engine dask writes Parquet shards: give --shards DIR", err=True)
        raise typer.Exit(2)
    try:
        stats = run_dask(inputs, shards, scheduler=scheduler, workers=workers or None,
                         partition_size=partition_size, on_error=lambda m: typer.echo(f"vnmetrics: skipped {m}", err=True))
    except FileNotFoundError as e:
        typer.echo(f"vnmetrics: {e}", err=True)
        raise typer.Exit(2)
    typer.echo(f"{stats.partitions} partitions ({stats.partitions_done_before} done before), {stats.documents} documents, "
               f"{stats.facts} facts, {len(stats.errors)} unreadable, {stats.seconds:.1f}s -> {shards}", err=True)
    if db is not None:
        n_docs, n_facts = load_shards(shards, db)
        typer.echo(f"loaded {n_docs} documents, {n_facts} facts into {db}", err=True)
        _index(db)
    if stats.errors:
        raise typer.Exit(1)


@app.command()
def load(shards: Path = typer.Argument(..., help="Folder of Parquet shards written by --engine dask"),
         db: Path = typer.Option(Path("facts.db"), "--db", help="SQLite database to merge into")):
    """Merge the Parquet shards of a Dask run into SQLite (re-loading replaces, never duplicates)."""
    from .cluster import load_shards

    try:
        n_docs, n_facts = load_shards(shards, db)
    except FileNotFoundError as e:
        typer.echo(f"vnmetrics: {e}", err=True)
        raise typer.Exit(2)
    typer.echo(f"loaded {n_docs} documents, {n_facts} facts into {db}", err=True)
    _index(db)


def _index(db):
    from .site import build_index

    counts = build_index(db)
    typer.echo(f"index: {counts['facts']} facts searchable, {counts['conflicts']} conflicts", err=True)


@app.command()
def index(db: Path = typer.Option(Path("facts.db"), "--db")):
    """Build what `serve` shows: the readable facts table, diacritic-blind search, conflicts (extract and load do it too)."""
    _need_db(db)
    _index(db)


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


@app.command()
def export(db: Path = typer.Option(Path("facts.db"), "--db"),
           out: str = typer.Option(..., "--out", help="File to write ('-' = stdout for csv and jsonl)"),
           fmt: Optional[str] = typer.Option(None, "--format", help="csv, parquet or jsonl (default: from the --out suffix)"),
           org: Optional[str] = typer.Option(None, "--org", help="Organization, by any of its names"),
           year: Optional[int] = typer.Option(None, "--year"),
           metric: Optional[str] = typer.Option(None, "--metric", help="Words of the metric, or a metric key"),
           kind: Optional[str] = typer.Option(None, "--kind", help="actual, estimate or target")):
    """Write the stored facts (one row per fact, with their source) as CSV, Parquet or JSON lines."""
    from .export import export_facts

    _need_db(db)
    try:
        n = export_facts(db, out, fmt, org=org, year=year, metric=metric, kind=kind)
    except (ValueError, OSError) as e:
        typer.echo(f"vnmetrics: {e}", err=True)
        raise typer.Exit(2)
    typer.echo(f"wrote {n} facts to {out}", err=True)


@app.command()
def verify(claim: str = typer.Argument(..., help="A sentence with figures, e.g. \"Bưu điện tỉnh Bắc Giang năm 2023 nộp ngân sách 12,7 tỷ đồng\""),
           db: Path = typer.Option(Path("facts.db"), "--db"),
           year: Optional[int] = typer.Option(None, "--year", help="Year, when the claim does not say"),
           org: Optional[str] = typer.Option(None, "--org", help="Organization, when the claim does not say"),
           as_json: bool = typer.Option(False, "--json", help="JSON for machines")):
    """Check a claim against the archive: supported, compatible, contradicted or not found, with sources.

    Only figures of the same organization (any name the archive knows), metric, period (quarter, half,
    9 months, year), denominator and reading (level or change) are compared. `compatible`: agrees only
    through a hedge (hơn, gần, khoảng). Exit status: 0 supported, 1 contradicted, 3 not found (or no
    figure in the claim), 4 compatible, 2 usage error."""
    from .verify import EXIT_STATUS, overall, verify as check

    _need_db(db)
    verdicts = check(claim, db, year=year, org=org)
    word = overall(verdicts)
    if as_json:
        typer.echo(json.dumps({"claim": claim, "verdict": word, "figures": [v.to_dict() for v in verdicts]},
                              ensure_ascii=False, indent=1))
    else:
        from .display import verdicts_report

        verdicts_report(claim, verdicts, word)
    raise typer.Exit(EXIT_STATUS[word])


@app.command()
def conflicts(db: Path = typer.Option(Path("facts.db"), "--db"),
              as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table"),
              save: bool = typer.Option(True, "--save/--no-save", help="Also store them in the `conflicts` table")):
    """Where the archive disagrees with itself: across articles, and arithmetic within one."""
    from .conflicts import find_conflicts, save_conflicts

    _need_db(db)
    found = find_conflicts(db)
    if save:
        save_conflicts(db, found)
    if as_json:
        for c in found:
            typer.echo(json.dumps(c.to_dict(), ensure_ascii=False))
        return
    from .display import conflicts_table

    conflicts_table(found)


@app.command()
def show(doc_id: str = typer.Argument(..., help="Document id (see `vnmetrics facts`)"),
         db: Path = typer.Option(Path("facts.db"), "--db"),
         html_out: Path = typer.Option(..., "--html", help="Write the page here")):
    """Render an article with every fact highlighted (displaCy), labelled with value, organization and year."""
    from .sourceview import document_page

    _need_db(db)
    page = document_page(db, doc_id)
    if page is None:
        typer.echo(f"vnmetrics: {db}: no document {doc_id!r}", err=True)
        raise typer.Exit(2)
    html_out.write_text(page, encoding="utf-8")
    typer.echo(f"wrote {html_out}", err=True)


@app.command()
def serve(db: Path = typer.Option(Path("facts.db"), "--db"),
          host: str = typer.Option("127.0.0.1", "--host"),
          port: int = typer.Option(8001, "--port"),
          writable: bool = typer.Option(False, "--writable", help="Open the database writable (default: read-only)")):
    """Browse the facts in Datasette: facets, search over sentences, canned queries, source views, charts.

    Never writes into the database: the search index and conflicts come from `extract`/`load`/`index`."""
    from .site import IndexMissing, serve as run_site

    _need_db(db)
    try:
        run_site(db, host=host, port=port, writable=writable)
    except IndexMissing as e:
        typer.echo(f"vnmetrics: {db}: the site's index is missing or stale ({e}); build it with "
                   f"`vnmetrics index --db {db}`", err=True)
        raise typer.Exit(2)


def _need_db(db: Path):
    if not db.exists():
        typer.echo(f"vnmetrics: {db}: no such database (run `vnmetrics extract ... --db {db}` first)", err=True)
        raise typer.Exit(2)


def main():
    app()


if __name__ == "__main__":
    main()
