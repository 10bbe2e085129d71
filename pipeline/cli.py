"""The `vnmetrics` command: a thin layer over the Python API (one command, one function)."""
from __future__ import annotations

import json
import sqlite3
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
            batch_size: int = typer.Option(1024, "--batch-size", help="Documents per batch / transaction"),
            progress: Optional[bool] = typer.Option(None, "--progress/--quiet", help="Progress bar (default: on a terminal)"),
            engine: str = typer.Option("local", "--engine", help="local (processes on this machine) or dask"),
            scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (default: a LocalCluster)"),
            shards: Optional[Path] = typer.Option(None, "--shards", help="Dask engine: folder for the Parquet shards"),
            partition_size: int = typer.Option(2000, "--partition-size", help="Dask engine: documents per partition"),
            strict: bool = typer.Option(False, "--strict", help="Exit 1 when any record is skipped (a repeated id, a"
                                        " document over its time budget), not only unreadable input"),
            time_budget: float = typer.Option(30.0, "--time-budget", help="Seconds a document may take, plus 1 s per"
                                              " 250,000 characters; past it the document is reported and skipped (0 = none)")):
    """Extract facts from articles into SQLite (--db) and/or JSONL (--jsonl), or Parquet shards (--engine dask).

    Exit status: 0 all stored, 1 some input skipped (see the summary; with --strict any skip), 2 nothing could be done."""
    if batch_size < 1:
        typer.echo(f"vnmetrics: --batch-size must be at least 1 (got {batch_size})", err=True)
        raise typer.Exit(2)
    if not any(p.exists() or p.is_symlink() for p in inputs):
        for p in inputs:
            typer.echo(f"vnmetrics: {p}: no such file or directory", err=True)
        raise typer.Exit(2)
    if engine == "dask":
        return _extract_dask(inputs, db, shards, scheduler, workers, partition_size, strict, time_budget or None)
    if engine != "local":
        typer.echo(f"vnmetrics: unknown engine {engine!r} (local or dask)", err=True)
        raise typer.Exit(2)
    from .runner import OutputClosed, OutputError, run
    from .store import StoreError

    if db is None and jsonl is None:
        db = Path("facts.db")
    try:
        stats = run(inputs, db=db, jsonl=jsonl, workers=workers or None, batch_size=batch_size, progress=progress,
                    time_budget=time_budget or None)
    except FileNotFoundError as e:
        typer.echo(f"vnmetrics: {e}", err=True)
        raise typer.Exit(2)
    except OutputClosed:
        raise typer.Exit(0)  # `--jsonl - | head`: the reader had enough
    except (StoreError, OutputError) as e:
        typer.echo(f"vnmetrics: {e}", err=True)
        raise typer.Exit(2)
    typer.echo(stats.summary(), err=True)
    if db is not None:
        import gc

        gc.freeze()   # the command ends after the index: its full collections need not walk the modules again
        try:
            _index_alone(db)
        except sqlite3.Error as e:  # the facts are stored; only the site's index is missing
            typer.echo(f"vnmetrics: {db}: the search index was not rebuilt ({e}); run `vnmetrics index --db {db}`"
                       f" when the other writer is done", err=True)
    if stats.input_errors or (strict and stats.errors):
        raise typer.Exit(1)


def _extract_dask(inputs, db, shards, scheduler, workers, partition_size, strict=False, time_budget=None):
    from .cluster import SchedulerUnreachable, run_dask

    if shards is None:
        typer.echo("vnmetrics: --engine dask writes Parquet shards: give --shards DIR", err=True)
        raise typer.Exit(2)
    try:
        stats = run_dask(inputs, shards, scheduler=scheduler, workers=workers or None,
                         partition_size=partition_size, time_budget=time_budget,
                         on_error=lambda m: typer.echo(f"vnmetrics: skipped {m}", err=True))
    except (FileNotFoundError, SchedulerUnreachable) as e:
        typer.echo(f"vnmetrics: {e}", err=True)
        raise typer.Exit(2)
    typer.echo(f"{stats.partitions} partitions ({stats.partitions_done_before} done before), {stats.documents} documents, "
               f"{stats.facts} facts, {len(stats.errors)} skipped, {stats.seconds:.1f}s -> {shards}", err=True)
    repeats = _load_into(shards, db) if db is not None else []
    if stats.input_errors or (strict and (stats.errors or repeats)):
        raise typer.Exit(1)


def _load_into(shards, db) -> list[str]:
    """Merge shards into `db` and index it; ids read again are reported. Returns those reports."""
    from .cluster import load_shards
    from .store import StoreError

    repeats: list[str] = []
    try:
        n_docs, n_facts = load_shards(shards, db, on_error=repeats.append)
    except (FileNotFoundError, StoreError) as e:
        typer.echo(f"vnmetrics: {e}", err=True)
        raise typer.Exit(2)
    for message in repeats:
        typer.echo(f"vnmetrics: skipped {message}", err=True)
    typer.echo(f"loaded {n_docs} documents, {n_facts} facts into {db}", err=True)
    _index(db)
    return repeats


@app.command()
def load(shards: Path = typer.Argument(..., help="Folder of Parquet shards written by --engine dask"),
         db: Path = typer.Option(Path("facts.db"), "--db", help="SQLite database to merge into")):
    """Merge the Parquet shards of a Dask run into SQLite (re-loading replaces, never duplicates)."""
    _load_into(shards, db)


def _index_alone(db):
    """`_index`, one process at a time: two `extract` runs on one database would
    otherwise rebuild its index tables over each other. An flock on the database's
    folder (SQLite's own locks, fcntl locks on the file, are left alone)."""
    import fcntl
    import os

    fd = os.open(Path(db).resolve().parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        _index(db)
    finally:
        os.close(fd)


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
    store = Store(db)
    rows = store.facts(org=org, year=year, metric=metric, limit=limit)
    if org and not rows and store.find_org(org) is None:
        near = store.orgs_containing(org)[:5]
        hint = ""
        if near:
            names = [r["name"] for r in store.db.query(
                f"select name from organizations where id in ({', '.join('?' * len(near))})", near)]
            hint = f"; names containing it: {', '.join(names)}"
        typer.echo(f"vnmetrics: no organization named {org!r} in {db}{hint}", err=True)
    if as_json:
        for r in rows:
            r = dict(r)
            if isinstance(r.get("flags"), str):  # stored as JSON text: give the list, as `extract --jsonl` does
                try:
                    r["flags"] = json.loads(r["flags"])
                except ValueError:
                    pass
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
              save: bool = typer.Option(True, "--save/--no-save", help="Also store them in the `conflicts` table"),
              everything: bool = typer.Option(False, "--all", help=(
                  "Also the doubtful tier, ranked below the sure one, each with its doubts: a metric matched by "
                  "words, a period not written in the figure's sentence, a target or estimate (a revision), "
                  "a hedged (hơn, gần, khoảng) or round (42.000 tỷ) figure"))):
    """Where the archive disagrees with itself: across articles, and arithmetic within one.

    By default only the sure tier: the same organization named in each figure's own sentence, the same
    known metric key, the period written in each figure's sentence, two results (kind actual), the same
    unit and denominator, both levels, exact figures (no hedge, not round), values whose intervals do
    not meet, from sentences not quoted twice; each row once, surest first, with `why` and `matched`
    (the fields that matched and where each was read)."""
    from .conflicts import find_conflicts, save_conflicts

    _need_db(db)
    found = find_conflicts(db, everything=everything)
    if save:
        save_conflicts(db, found)
    if as_json:
        for c in found:
            row = c.to_dict()
            if row.get("matched"):  # stored as JSON text in the table; here an object, not a string to decode again
                row["matched"] = json.loads(row["matched"])
            typer.echo(json.dumps(row, ensure_ascii=False))
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
    try:
        html_out.write_text(page, encoding="utf-8")
    except OSError as e:
        typer.echo(f"vnmetrics: cannot write {html_out} ({e.strerror or e}); does its folder exist?", err=True)
        raise typer.Exit(2)
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


# `verify`'s options as `_plain_verify` reads them (the command's own signature is the reference)
_VERIFY_OPTIONS = {"--db": ("db", Path), "--year": ("year", int), "--org": ("org", str)}


def _plain_verify(argv: list[str]) -> Optional[dict]:
    """The arguments of `verify CLAIM [--db P] [--year N] [--org O] [--json]` written plainly, else None.

    Typer builds a pydantic validator for every option it parses: a quarter of a second of the one
    second a journalist waits for `verify`. A plain call is read here instead; `--help`, a repeated or
    unknown option, a bad year or anything else returns None and goes through Typer, which answers it."""
    if argv[:1] != ["verify"]:
        return None
    args = {"claim": None, "db": Path("facts.db"), "year": None, "org": None, "as_json": False}
    given, rest = set(), iter(argv[1:])
    for a in rest:
        name, eq, value = a.partition("=")
        if a == "--json" or name in _VERIFY_OPTIONS:
            if name in given:
                return None
            given.add(name)
            if a == "--json":
                args["as_json"] = True
                continue
            value = value if eq else next(rest, None)
            if value is None:
                return None
            key, kind = _VERIFY_OPTIONS[name]
            try:
                args[key] = kind(value)
            except ValueError:
                return None
        elif a.startswith("-") or args["claim"] is not None:
            return None
        else:
            args["claim"] = a
    return args if args["claim"] is not None else None


def main():
    args = _plain_verify(sys.argv[1:])
    if args is None:
        app()
        return
    try:
        verify(**args)
    except typer.Exit as e:
        sys.exit(e.exit_code)


if __name__ == "__main__":
    main()
