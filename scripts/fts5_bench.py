#!/usr/bin/env python3
"""Indexes title+body of a JSON Lines corpus with SQLite FTS5 (unicode61 tokenizer) and
prints one JSON object: articles, text bytes (UTF-8 of title+body), seconds, MB/s and the
database size. The baseline `dongne-bench ingest` compares dongne's ingest with.

Usage: fts5_bench.py CORPUS.jsonl DATABASE
"""

import json
import os
import sqlite3
import sys
import time


def main() -> None:
    corpus, database = sys.argv[1], sys.argv[2]
    rows = []
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            record = json.loads(line)
            rows.append((record.get("title") or "", record.get("body") or ""))
    text_bytes = sum(len(t.encode()) + len(b.encode()) for t, b in rows)
    if os.path.exists(database):
        os.remove(database)
    start = time.perf_counter()
    db = sqlite3.connect(database)
    db.execute("CREATE VIRTUAL TABLE articles USING fts5(title, body, tokenize='unicode61')")
    db.executemany("INSERT INTO articles(title, body) VALUES (?, ?)", rows)
    db.commit()
    db.close()
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "articles": len(rows),
                "text_bytes": text_bytes,
                "seconds": seconds,
                "mb_per_s": text_bytes / 1e6 / seconds,
                "database_bytes": os.path.getsize(database),
            }
        )
    )


if __name__ == "__main__":
    main()
