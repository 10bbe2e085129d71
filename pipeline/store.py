"""The SQLite store, through sqlite-utils: documents, facts, organizations.

One transaction per batch: a batch is stored whole or not at all, so an
interrupted run never leaves half a document. A document whose content hash
is already stored is skipped (resume); a document whose text changed has its
facts replaced, never duplicated.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata

import sqlite_utils

FACT_COLUMNS = {
    "id": int, "doc_id": str, "start": int, "end": int, "quote": str, "sentence": str, "class": str,
    "value": float, "value_max": float, "unit": str, "per": str, "approx": str, "change": str, "base": str,
    "kind": str, "metric": str, "metric_key": str, "org": str, "org_id": int, "year": int, "period": str,
    "org_source": str, "time_source": str, "flags": str, "sentence_start": int, "sentence_end": int,
}


_DOC_INSERT = ("id", "url", "title", "date", "source", "text", "content_hash", "n_facts")
_FACT_INSERT = tuple(c for c in FACT_COLUMNS if c != "id")
_FLAGS_AT, _ORG_ID_AT, _DOC_ID_AT = (_FACT_INSERT.index(c) for c in ("flags", "org_id", "doc_id"))


def content_hash(text: str) -> str:
    return hashlib.sha1(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()


def org_key(name: str) -> str:
    """Case-, space- and punctuation-blind key of an organization name."""
    s = unicodedata.normalize("NFC", name).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", s).split())


class Store:
    def __init__(self, path):
        self.db = sqlite_utils.Database(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self._ensure_schema()
        self._org_ids = {r["key"]: r["id"] for r in self.db["org_names"].rows}
        self._merged: dict = {}

    def _ensure_schema(self):
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
        """The organization's id, created on first sight; any alias finds it.

        An alias that is the name cut short (`Bưu điện tỉnh` of `Bưu điện tỉnh
        Bắc Giang`) names no one organization, so it neither finds nor joins one.
        When an article ties names already stored as two organizations (`VPBank`
        in one article, `VPB` in another, both in a third), they become one."""
        if not name:
            return None
        # an alias in lowercase (`công ty`, `ngân hàng này`) names no one organization: it must never join two
        names = [name] + [n for n in aliases if n and n[:1].isupper() and len(org_key(n)) >= 2]
        keys = [org_key(n) for n in names]
        own = [(k, n) for k, n in zip(keys, names) if k == keys[0] or not keys[0].startswith(k + " ")]
        found = sorted({self._org_ids[k] for k, _ in own if k in self._org_ids})
        if found:
            oid = found[0]
            for other in found[1:]:
                self._merge_orgs(oid, other)
        else:
            from .provinces import province_in

            oid = self.db["organizations"].insert({"name": name, "aliases": json.dumps(list(aliases), ensure_ascii=False),
                                                   "type": name.split()[0] if name else None,
                                                   "province": province_in(name)}).last_pk
        for k, n in own:
            if k not in self._org_ids:
                self.db["org_names"].insert({"key": k, "id": oid, "name": n}, replace=True)
                self._org_ids[k] = oid
        return oid

    def _merge_orgs(self, keep: int, other: int) -> None:
        """Fold organization `other` into `keep`: its names, its aliases, its facts."""
        conn = self.db.conn
        with conn:
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
        for k, v in list(self._org_ids.items()):
            if v == other:
                self._org_ids[k] = keep
        self._merged[other] = keep

    def _current(self, oid):
        """An id handed out earlier in this batch may since have been merged into another."""
        while oid in self._merged:
            oid = self._merged[oid]
        return oid

    def write_batch(self, results) -> int:
        """Store a batch of (document, facts) in one transaction. Returns facts written.

        Plain `executemany` on the connection: per-row `Table.insert` calls cost
        more than the extraction itself on a full archive.
        """
        doc_rows, fact_rows = [], []
        last = {str(doc["id"]): i for i, (doc, _) in enumerate(results)}
        all_org_ids = [[self.org_id(f.get("org"), f.get("org_aliases") or []) for f in facts] for _, facts in results]
        for i, (doc, facts) in enumerate(results):
            doc_id = str(doc["id"])
            org_ids = all_org_ids[i]  # all names first: a later article may tie two earlier organizations
            if last[doc_id] != i:
                continue  # the same id twice in a batch: the later one replaces, as across batches
            doc_rows.append((doc_id, doc.get("url"), doc.get("title"), doc.get("date"), doc.get("source"),
                             unicodedata.normalize("NFC", doc["text"]), content_hash(doc["text"]), len(facts)))
            for f, org_id in zip(facts, org_ids):
                row = [f.get(k) for k in _FACT_INSERT]
                row[_FLAGS_AT] = json.dumps(f.get("flags") or [], ensure_ascii=False)
                row[_ORG_ID_AT] = self._current(org_id)
                row[_DOC_ID_AT] = doc_id
                fact_rows.append(row)
        conn = self.db.conn
        with conn:
            conn.executemany("delete from facts where doc_id = ?", [(r[0],) for r in doc_rows])
            conn.executemany(f"insert or replace into documents ({', '.join(_DOC_INSERT)}) "
                             f"values ({', '.join('?' * len(_DOC_INSERT))})", doc_rows)
            conn.executemany(f"insert into facts ({', '.join(f'[{c}]' for c in _FACT_INSERT)}) "
                             f"values ({', '.join('?' * len(_FACT_INSERT))})", fact_rows)
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
