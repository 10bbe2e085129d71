"""The SQLite store, through sqlite-utils: documents, facts, organizations.

One transaction per batch: a batch is stored whole or not at all, so an
interrupted run never leaves half a document. A document whose content hash
is already stored is skipped (resume); a document whose text changed has its
facts replaced, never duplicated.

Faults end in one `StoreError` line naming the path and what to do, with the
file left as it was: a folder or a text file given as the database, another
program's SQLite file (refused before anything is written to it), a read-only
file or folder, a database locked by another program. Two writers on one
database take turns (`BEGIN IMMEDIATE`, a busy timeout) and resolve
organizations inside the transaction, so they never create one twice.
Records that could not be stored are kept in the `errors` table.
"""
from __future__ import annotations

import functools
import hashlib
import json
import operator
import os
import re
import sqlite3
import sys
import time
import unicodedata
from pathlib import Path

from .fact import FIELD_NAMES


def _sqlite_utils():
    """sqlite-utils imports pandas and numpy (0.6 s CPU of `facts`, `show`, `extract`) only to
    map their scalar types to column types, which the store never writes (it binds plain
    Python values): imported with both hidden, unless something already loaded one. A later
    `import pandas` works as usual."""
    hidden = [m for m in ("pandas", "numpy") if m not in sys.modules]
    if len(hidden) < 2:
        import sqlite_utils
        return sqlite_utils
    for m in hidden:
        sys.modules[m] = None  # `import pandas` raises ImportError while this stands
    try:
        import sqlite_utils
    finally:
        for m in hidden:
            del sys.modules[m]
    return sqlite_utils


sqlite_utils = _sqlite_utils()

FACT_COLUMNS = {
    "id": int, "doc_id": str, "start": int, "end": int, "quote": str, "sentence": str, "class": str,
    "value": float, "value_max": float, "unit": str, "per": str, "approx": str, "change": str, "base": str,
    "kind": str, "metric": str, "metric_key": str, "org": str, "org_id": int, "year": int, "period": str,
    "org_source": str, "time_source": str, "flags": str, "sentence_start": int, "sentence_end": int,
}


_DOC_INSERT = ("id", "url", "title", "date", "source", "text", "content_hash", "n_facts")
_FACT_INSERT = tuple(c for c in FACT_COLUMNS if c != "id")
_FLAGS_AT, _ORG_ID_AT, _DOC_ID_AT = (_FACT_INSERT.index(c) for c in ("flags", "org_id", "doc_id"))
# what a fact dict from `Fact.to_dict` has: all but `org_id`, which the store gives (asking for it made
# every fact take the slow path below: a third of the parent's time on an archive)
_FACT_GIVEN = tuple(c for c in _FACT_INSERT if c != "org_id")
_FACT_FIELDS = operator.itemgetter(*_FACT_GIVEN)
# A fact as `write_rows` takes it (what a worker sends, `fact_row`): the stored columns of `_FACT_GIVEN`,
# then `org_aliases` (read for `org_id`, not stored); `quote` and `sentence` are None when they are the
# document's text at the fact's offsets. A tuple with no keys and no copy of the sentence is a quarter of
# a fact dict's pickle, and the parent unpickles every fact of an archive.
_ROW_OF_FACT = operator.attrgetter(*("cls" if c == "class" else c for c in _FACT_GIVEN))
_QUOTE_AT, _SENTENCE_AT, _ORG_AT, _START_AT, _END_AT, _S0_AT, _S1_AT = (
    _FACT_GIVEN.index(c) for c in ("quote", "sentence", "org", "start", "end", "sentence_start", "sentence_end"))


@functools.lru_cache(maxsize=1024)
def _flags_text(flags: tuple) -> str:
    """A fact's flags as stored (JSON): a few lists recur on every figure of an archive."""
    return json.dumps(list(flags), ensure_ascii=False)


OUR_TABLES = {"documents", "facts", "organizations", "org_names"}
# Tables that other vnmetrics commands add (serve, conflicts, errors) or SQLite keeps for itself.
_KNOWN_EXTRA = re.compile(r"^(errors|conflicts|figures|vnmetrics_index|vnmetrics_pending|facts_fts.*|sqlite_.*)$")
BUSY_TIMEOUT = float(os.environ.get("VNMETRICS_BUSY_TIMEOUT", "30"))  # seconds a writer waits for another one


@functools.lru_cache(maxsize=65536)
def _own_names(name: str, aliases: tuple) -> tuple:
    """(key, name) of the names that find the organization: its name and the aliases that are not its name cut
    short. The same name and aliases recur on every figure of an article, and across articles: read once."""
    # an alias in lowercase (`công ty`, `ngân hàng này`) names no one organization: it must never join two
    names = [name] + [n for n in aliases if n and n[:1].isupper() and len(org_key(n)) >= 2]
    keys = [org_key(n) for n in names]
    return tuple((k, n) for k, n in zip(keys, names) if k == keys[0] or not keys[0].startswith(k + " "))


# Documents whose facts changed since the site's index was built: filled by these triggers (any writer, any
# version of vnmetrics, the sqlite3 shell too), so `site.build_index` redoes only their rows. The site creates
# them; `write_rows` sets them aside while a batch's facts go in (`_set_aside_triggers`).
PENDING = "vnmetrics_pending"
PENDING_TRIGGERS = {
    "vnmetrics_pending_fact_in": f"after insert on facts begin insert or ignore into {PENDING} values (new.doc_id); end",
    "vnmetrics_pending_fact_out": f"after delete on facts begin insert or ignore into {PENDING} values (old.doc_id); end",
    "vnmetrics_pending_fact_set": f"after update on facts begin insert or ignore into {PENDING} values (old.doc_id);"
                                  f" insert or ignore into {PENDING} values (new.doc_id); end",
    "vnmetrics_pending_doc": f"after insert on documents begin insert or ignore into {PENDING} values (new.id); end",
    "vnmetrics_pending_org": f"after update of name on organizations begin insert or ignore into {PENDING} "
                             f"select doc_id from facts where org_id = new.id; end",
}
# each as `sqlite_master` keeps it (`create trigger if not exists X ...` is stored as `CREATE TRIGGER X ...`)
_PENDING_SQL = {name: f"CREATE TRIGGER {name} {body}" for name, body in PENDING_TRIGGERS.items()}


def _set_aside_triggers(conn) -> list[str]:
    """Inside a write transaction, after a batch's documents were inserted: drop the site's triggers when
    they are all there as the site writes them; returns the statements that create them again, in their
    order (the same rows of `sqlite_master` when they are its last ones)."""
    rows = conn.execute("select name, sql from sqlite_master where type = 'trigger' and name like 'vnmetrics_pending_%'"
                        " order by rowid").fetchall()
    if dict(rows) != _PENDING_SQL:
        return []
    for name, _ in rows:
        conn.execute(f"drop trigger [{name}]")
    return [sql for _, sql in rows]


class StoreError(Exception):
    """A database that cannot be used, said in one line: the path and what to do."""


def content_hash(text: str) -> str:
    return normalized_hash(text)[1]


def normalized_hash(text: str) -> tuple[str, str]:
    """The text in NFC (as stored) and its content hash: a run normalizes each text once."""
    nfc = unicodedata.normalize("NFC", text)
    return nfc, hashlib.sha1(nfc.encode("utf-8")).hexdigest()


def fact_row(f, text: str) -> tuple:
    """A `Fact` of the document whose NFC text is `text`, as `Store.write_rows` takes it."""
    row = list(_ROW_OF_FACT(f))
    if row[_QUOTE_AT] == text[f.start:f.end]:
        row[_QUOTE_AT] = None
    if row[_SENTENCE_AT] == text[f.sentence_start:f.sentence_end]:
        row[_SENTENCE_AT] = None
    row.append(f.org_aliases)
    return tuple(row)


def row_of(f: dict) -> tuple:
    """A fact dict (`Fact.to_dict`, a shard's row) as `Store.write_rows` takes it."""
    try:
        row = _FACT_FIELDS(f)
    except KeyError:   # facts from elsewhere (shards) may lack a field
        row = tuple(f.get(k) for k in _FACT_GIVEN)
    return (*row, f.get("org_aliases") or [])


_DICT_KEYS = tuple(n for n in FIELD_NAMES if n != "cls") + ("class",)   # (the order of `Fact.to_dict`)
_DICT_OF_ROW = [(_FACT_GIVEN + ("org_aliases",)).index(k) for k in _DICT_KEYS if k != "url"]


def fact_dict(row: tuple, text: str, url) -> dict:
    """The `Fact.to_dict` of a `fact_row` (the JSONL output), keys in the same order."""
    row = _whole(row, text)
    d = {k: row[i] for k, i in zip(_DICT_KEYS[:-2], _DICT_OF_ROW)}
    d["url"], d["class"] = url, row[_DICT_OF_ROW[-1]]
    return d


def _whole(row: tuple, text: str) -> tuple:
    """`row` with the quote and sentence a worker left out cut from the text again."""
    if row[_QUOTE_AT] is not None and row[_SENTENCE_AT] is not None:
        return row
    row = list(row)
    if row[_QUOTE_AT] is None:
        row[_QUOTE_AT] = text[row[_START_AT]:row[_END_AT]]
    if row[_SENTENCE_AT] is None:
        row[_SENTENCE_AT] = text[row[_S0_AT]:row[_S1_AT]]
    return tuple(row)


@functools.lru_cache(maxsize=65536)   # an archive names the same organizations again and again
def org_key(name: str) -> str:
    """Case-, space- and punctuation-blind key of an organization name."""
    s = unicodedata.normalize("NFC", name).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", s).split())


def check_writable(path) -> None:
    """Refuse, before touching it, a database path that cannot be ours or cannot be written."""
    p = Path(path)
    if p.is_dir():
        raise StoreError(f"{p}: is a folder, not a database file; give a file path such as {p / 'facts.db'}")
    folder = p.parent if str(p.parent) else Path(".")
    if not folder.is_dir():
        raise StoreError(f"{p}: the folder {folder} does not exist; create it first")
    if p.exists():
        if not p.is_file():
            raise StoreError(f"{p}: is not a regular file; give a database file path")
        try:
            with open(p, "rb") as fh:
                head = fh.read(16)
        except OSError as e:
            raise StoreError(f"{p}: cannot read ({e.strerror}); check its permissions") from None
        if head and head != b"SQLite format 3\x00":
            raise StoreError(f"{p}: is not an SQLite database (not touched); give a new file name for --db")
        if head:
            foreign = _foreign_tables(p)
            if foreign:
                raise StoreError(f"{p}: is another program's SQLite database (tables: {', '.join(foreign[:6])});"
                                 f" not touched; give a new file name for --db")
        if not os.access(p, os.W_OK):
            raise StoreError(f"{p}: the database is read-only; make it writable (chmod u+w) or give another --db")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(f"{p}: the folder {folder} is read-only (SQLite writes its journal beside the database);"
                         f" give a --db in a writable folder")


def _foreign_tables(p: Path) -> list[str]:
    """Tables of an existing SQLite file that no vnmetrics database has, read without writing."""
    try:
        con = sqlite3.connect(f"file:{p}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
        try:
            names = [r[0] for r in con.execute("select name from sqlite_master where type in ('table', 'view')")]
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        raise StoreError(f"{p}: cannot be read as SQLite ({e}); give a new file name for --db") from None
    tables = set(names)
    if not tables or OUR_TABLES <= tables:
        return []
    return sorted(n for n in names if n not in OUR_TABLES and n != "facts_by_org_year" and not _KNOWN_EXTRA.match(n))\
        or sorted(OUR_TABLES - tables)


def describe(e: Exception, path) -> StoreError:
    """One line for an SQLite failure while writing."""
    msg = str(e)
    if "locked" in msg or "busy" in msg:
        return StoreError(f"{path}: the database is locked by another program (waited {BUSY_TIMEOUT:.0f} s);"
                          f" wait for it to finish, or use another --db")
    if "readonly" in msg or "read-only" in msg:
        return StoreError(f"{path}: the database is read-only; make it and its folder writable, or give another --db")
    if "disk" in msg and "full" in msg or "SQLITE_FULL" in msg:
        return StoreError(f"{path}: the disk is full; free space and run again (stored batches are kept)")
    if "not a database" in msg or "malformed" in msg:
        return StoreError(f"{path}: is not a usable SQLite database ({msg}); give a new file name for --db")
    return StoreError(f"{path}: cannot write the database ({msg})")


class Store:
    def __init__(self, path, write: bool = False, busy_timeout: float = BUSY_TIMEOUT):
        """`write=True` checks the path first (see `check_writable`) and turns SQLite failures into `StoreError`."""
        self.path = path
        if write:
            check_writable(path)
        deadline = time.monotonic() + busy_timeout
        while True:
            try:
                self._open(path, busy_timeout)
                break
            except sqlite3.OperationalError as e:
                # another writer is creating the schema or switching to WAL: some of these
                # steps answer "busy" at once instead of waiting, so wait here
                transient = any(w in str(e) for w in ("locked", "busy", "already exists"))
                if transient and time.monotonic() < deadline:
                    time.sleep(0.1)
                    continue
                if not write:
                    raise
                raise describe(e, path) from None
            except sqlite3.Error as e:
                if not write:
                    raise
                raise describe(e, path) from None

    def _open(self, path, busy_timeout):
        self.db = sqlite_utils.Database(sqlite3.connect(str(path), timeout=busy_timeout))
        self.db.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        # 64 MB of page cache (SQLite's default: 2 MB): a batch's transaction (its facts, their six indexes, the
        # site's rows) is written to the WAL once, not spilled to it and read back as the cache overflows
        self.db.execute("PRAGMA cache_size=-65536")
        self._ensure_schema()
        self._org_ids = {r["key"]: r["id"] for r in self.db["org_names"].rows}
        self._merged: dict = {}
        # called with the connection inside each batch's transaction, after its rows (the site's index
        # following a run: `site.index_batch`), so a stored batch is an indexed batch; False: no more
        self.after_batch = None

    def _ensure_schema(self):
        """Create what is missing in one transaction: a second writer opening the same new file waits for the
        lock and then sees the whole schema, never half of it (which `check_writable` would take for another
        program's database)."""
        db = self.db
        if OUR_TABLES | {"errors"} <= set(db.table_names()) and "facts_by_org_year" in db.view_names():
            return
        db.execute("BEGIN IMMEDIATE")
        try:
            self._create_missing()
        except BaseException:
            db.conn.rollback()
            raise
        db.conn.commit()

    def _create_missing(self):
        db = self.db
        if "documents" not in db.table_names():
            db["documents"].create({"id": str, "url": str, "title": str, "date": str, "source": str,
                                    "text": str, "content_hash": str, "n_facts": int}, pk="id")
        if "organizations" not in db.table_names():
            db["organizations"].create({"id": int, "name": str, "aliases": str, "type": str,
                                        "province": str}, pk="id")
        if "org_names" not in db.table_names():
            db["org_names"].create({"key": str, "id": int, "name": str}, pk="key",
                                   foreign_keys=[("id", "organizations", "id")])
        if "facts" not in db.table_names():
            db["facts"].create(FACT_COLUMNS, pk="id", foreign_keys=[("doc_id", "documents", "id"),
                                                                   ("org_id", "organizations", "id")])
            for cols in (["doc_id"], ["org"], ["org_id"], ["year"], ["metric"], ["metric_key"]):
                db["facts"].create_index(cols, if_not_exists=True)
        if "errors" not in db.table_names():
            db["errors"].create({"id": int, "file": str, "line": str, "doc_id": str, "kind": str, "reason": str,
                                 "at": str}, pk="id")
        if "facts_by_org_year" not in db.view_names():
            db.create_view("facts_by_org_year", """
                select coalesce(o.name, f.org) as org, f.year, coalesce(f.metric_key, f.metric) as metric,
                       f.kind, f.unit, f.per, count(*) as n_facts, min(f.value) as min_value,
                       max(f.value) as max_value, group_concat(distinct f.doc_id) as documents
                from facts f left join organizations o on o.id = f.org_id
                group by 1, 2, 3, 4, 5, 6""")

    def checkpoint(self) -> None:
        """Move the write-ahead log into the database file, so read-only (immutable) readers see everything."""
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def known_hashes(self) -> dict:
        return {r["id"]: r["content_hash"] for r in self.db.query("select id, content_hash from documents")}

    def org_id(self, name: str | None, aliases=()) -> int | None:
        """The organization's id, created on first sight; any alias finds it."""
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            pending: dict = {}
            oid = self._org_id_in(conn, name, aliases, pending)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        self._org_ids.update(pending)
        return oid

    def _org_id_in(self, conn, name: str | None, aliases, pending: dict) -> int | None:
        """`org_id` inside the caller's write transaction; new keys go to `pending` until it commits.

        Keys not known to this process are looked up in the database first: another
        writer may have created the organization since this store was opened.
        An alias that is the name cut short (`Bưu điện tỉnh` of `Bưu điện tỉnh
        Bắc Giang`) names no one organization, so it neither finds nor joins one.
        When an article ties names already stored as two organizations (`VPBank`
        in one article, `VPB` in another, both in a third), they become one."""
        if not name:
            return None
        own = _own_names(name, tuple(aliases))
        ids = self._org_ids
        oid = ids.get(own[0][0])
        if oid is not None and all(ids.get(k) == oid and k not in pending for k, _ in own):
            return oid   # every name already stored as this one organization: nothing to write
        for k, _ in own:
            if k not in self._org_ids and k not in pending:
                row = conn.execute("select id from org_names where key = ?", (k,)).fetchone()
                if row:
                    pending[k] = row[0]
        known = lambda k: pending.get(k, self._org_ids.get(k))  # noqa: E731
        found = sorted({known(k) for k, _ in own if known(k) is not None})
        if found:
            oid = found[0]
            for other in found[1:]:
                self._merge_orgs(conn, oid, other, pending)
        else:
            from .provinces import province_in

            oid = conn.execute("insert into organizations (name, aliases, type, province) values (?, ?, ?, ?)",
                               (name, json.dumps(list(aliases), ensure_ascii=False),
                                name.split()[0] if name else None, province_in(name))).lastrowid
        for k, n in own:
            if known(k) is None:
                conn.execute("insert or replace into org_names (key, id, name) values (?, ?, ?)", (k, oid, n))
                pending[k] = oid
        return oid

    def _merge_orgs(self, conn, keep: int, other: int, pending: dict) -> None:
        """Fold organization `other` into `keep` (inside the caller's transaction): names, aliases, facts."""
        conn.execute("update facts set org_id = ? where org_id = ?", (keep, other))
        conn.execute("update org_names set id = ? where id = ?", (keep, other))
        rows = {r[0]: (r[1], r[2]) for r in conn.execute(
            "select id, name, aliases from organizations where id in (?, ?)", (keep, other))}
        if other in rows and keep in rows:
            merged = sorted(set(json.loads(rows[keep][1] or "[]")) | set(json.loads(rows[other][1] or "[]"))
                            | {rows[other][0]} - {rows[keep][0]})
            conn.execute("update organizations set aliases = ? where id = ?",
                         (json.dumps(merged, ensure_ascii=False), keep))
        conn.execute("delete from organizations where id = ?", (other,))
        for ids in (self._org_ids, pending):
            for k, v in list(ids.items()):
                if v == other:
                    ids[k] = keep
        self._merged[other] = keep

    def _current(self, oid):
        """An id handed out earlier in this batch may since have been merged into another."""
        while oid in self._merged:
            oid = self._merged[oid]
        return oid

    def write_errors(self, rows) -> None:
        """Records that could not be stored: (file, line, doc_id, kind, reason)."""
        if not rows:
            return
        at = time.strftime("%Y-%m-%dT%H:%M:%S")
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany("insert into errors (file, line, doc_id, kind, reason, at) values (?, ?, ?, ?, ?, ?)",
                             [(*r, at) for r in rows])
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def write_batch(self, results) -> int:
        """Store a batch of (document, fact dicts) in one transaction. Returns facts written."""
        return self.write_rows([(doc, [row_of(f) for f in facts]) for doc, facts in results])

    def write_rows(self, results) -> int:
        """Store a batch of (document, facts as `fact_row`s) in one transaction. Returns facts written.

        Plain `executemany` on the connection: per-row `Table.insert` calls cost
        more than the extraction itself on a full archive.
        """
        conn = self.db.conn
        pending: dict = {}
        conn.execute("BEGIN IMMEDIATE")  # take the write lock first: a second writer waits, never deadlocks
        try:
            doc_rows, fact_rows = [], []
            last = {str(doc["id"]): i for i, (doc, _) in enumerate(results)}
            # all names first: a later article may tie two earlier organizations
            all_org_ids = [[self._org_id_in(conn, f[_ORG_AT], f[-1], pending) for f in facts]
                           for _, facts in results]
            for i, (doc, facts) in enumerate(results):
                doc_id = str(doc["id"])
                org_ids = all_org_ids[i]
                if last[doc_id] != i:
                    continue  # the same id twice in a batch: the later one replaces, as across batches
                # `_nfc`, `_hash`: the runner's, computed when it read the document
                text = doc.get("_nfc") or unicodedata.normalize("NFC", doc["text"])
                doc_rows.append((doc_id, doc.get("url"), doc.get("title"), doc.get("date"), doc.get("source"),
                                 text, doc.get("_hash") or content_hash(doc["text"]), len(facts)))
                for f, org_id in zip(facts, org_ids):
                    row = list(_whole(f, text)[:-1])
                    row.insert(_ORG_ID_AT, self._current(org_id))
                    flags = row[_FLAGS_AT]
                    row[_FLAGS_AT] = _flags_text(tuple(flags)) if flags else "[]"
                    row[_DOC_ID_AT] = doc_id
                    fact_rows.append(row)
            conn.executemany("delete from facts where doc_id = ?", [(r[0],) for r in doc_rows])
            conn.executemany(f"insert or replace into documents ({', '.join(_DOC_INSERT)}) "
                             f"values ({', '.join('?' * len(_DOC_INSERT))})", doc_rows)
            # the site's triggers (`PENDING_TRIGGERS`) are set aside while the facts go in: the documents' trigger
            # has just listed every document of the batch as pending, so the facts' one (a program run for each
            # fact: more than half the cost of storing them) would add nothing; they are put back as they were
            triggers = _set_aside_triggers(conn)
            conn.executemany(f"insert into facts ({', '.join(f'[{c}]' for c in _FACT_INSERT)}) "
                             f"values ({', '.join('?' * len(_FACT_INSERT))})", fact_rows)
            for sql in triggers:
                conn.execute(sql)
            if self.after_batch and self.after_batch(conn) is False:
                self.after_batch = None
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        self._org_ids.update(pending)
        return len(fact_rows)

    def find_org(self, name: str) -> int | None:
        """The id of the organization going by `name` (any alias, any case or punctuation)."""
        return self._org_ids.get(org_key(name))

    def orgs_containing(self, name: str) -> list[int]:
        """Organizations one of whose names contains `name` or is contained in it."""
        key = org_key(name)
        return sorted({oid for k, oid in self._org_ids.items() if len(k) > 3 and (key in k or k in key)})

    def facts(self, org=None, year=None, metric=None, limit=None):
        """Stored facts; `org` matches any alias of the organization."""
        where, params = [], []
        if org:
            oid = self.find_org(org)
            if oid is not None:
                where.append("(f.org_id = ?)")
                params.append(oid)
            else:
                where.append("f.org like ?")
                params.append(f"%{org}%")
        if year:
            where.append("f.year = ?")
            params.append(int(year))
        if metric:
            where.append("(f.metric like ? or f.metric_key = ?)")
            params += [f"%{metric}%", metric]
        sql = ("select f.*, d.title, d.url, d.date from facts f join documents d on d.id = f.doc_id"
               + (" where " + " and ".join(where) if where else "") + " order by f.doc_id, f.start")
        if limit:
            sql += f" limit {int(limit)}"
        return list(self.db.query(sql, params))
