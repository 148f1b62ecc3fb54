"""Static check of the expand/contract rule (docs/deployment.md) on the PostgreSQL migrations.

During a rolling upgrade the previous release keeps running on the migrated schema, so a migration
may only EXPAND it. These statements are contract steps and break the previous release unless it no
longer uses what they remove or tighten:

  DROP TABLE / VIEW / FUNCTION, ALTER TABLE … DROP COLUMN, … RENAME (a table, a column), ALTER COLUMN …
  TYPE, ALTER COLUMN … SET NOT NULL, ADD COLUMN … NOT NULL without a DEFAULT (the previous release's
  INSERTs do not name the column)

A contract step is allowed only with a comment right above it (in the same file) that starts with
`-- contract:` and says which release stopped using the thing, e.g.
`-- contract: bookings.legacy_note unread and unwritten since 0011 (expand) was released`.

  python3 migrations_check.py DIR...     # exit 1 and one line per violation
  python3 migrations_check.py --self-test
"""
import pathlib
import re
import sys

CONTRACT = [
    (r"\bDROP\s+(TABLE|VIEW|MATERIALIZED\s+VIEW|FUNCTION|PROCEDURE|TYPE|SCHEMA)\b", "drops a {0}"),
    (r"\bDROP\s+COLUMN\b", "drops a column"),
    (r"\bRENAME\s+(COLUMN\s+)?\w+\s+TO\b|\bRENAME\s+TO\b", "renames"),
    (r"\bALTER\s+COLUMN\s+\w+\s+(SET\s+DATA\s+)?TYPE\b", "changes a column's type"),
    (r"\bALTER\s+COLUMN\s+\w+\s+SET\s+NOT\s+NULL\b", "makes a column NOT NULL"),
]
ADD_COLUMN = re.compile(r"\bADD\s+(COLUMN\s+)?(IF\s+NOT\s+EXISTS\s+)?(?!CONSTRAINT\b)\w+\s+[^,;]*", re.I | re.S)


def statements(sql):
    """(statement text without comments, the comment lines right above it, line number)."""
    out, buf, comments, pending, start = [], [], [], [], None
    for no, line in enumerate(sql.splitlines(), 1):
        code, _, comment = line.partition("--")
        if not buf and not code.strip():
            if comment.strip():
                pending.append(comment.strip())
            elif not line.strip():
                pending = []
            continue
        if not buf:
            start, comments, pending = no, pending, []
        buf.append(code)
        # Dollar-quoted bodies (DO $$ … $$, functions) end at the `;` after the closing quote.
        text = "\n".join(buf)
        if code.rstrip().endswith(";") and text.count("$$") % 2 == 0:
            out.append((text, comments, start))
            buf = []
    return out


def violations(name, sql):
    found = []
    for stmt, comments, line in statements(sql):
        body = re.sub(r"\$\$.*?\$\$", "$$", stmt, flags=re.S)  # function bodies are not DDL
        allowed = any(c.lower().startswith("contract:") for c in comments)
        why = [w.format(m.group(1).lower() if m.groups() and m.group(1) else "") for p, w in CONTRACT
               for m in [re.search(p, body, re.I)] if m]
        for m in ADD_COLUMN.finditer(body):
            col = m.group(0)
            if (re.search(r"\bNOT\s+NULL\b", col, re.I) and not re.search(r"\bDEFAULT\b", col, re.I)
                    and re.search(r"\bALTER\s+TABLE\b", body, re.I)):
                why.append("adds a NOT NULL column without a DEFAULT")
        if why and not allowed:
            found.append(f"{name}:{line}: {', '.join(why)} without a `-- contract:` comment: {' '.join(body.split())[:120]}")
    return found


def self_test():
    bad = {
        "ALTER TABLE bookmeatoz.bookings DROP COLUMN notes;": "drops a column",
        "ALTER TABLE bookmeatoz.bookings RENAME COLUMN notes TO note;": "renames",
        "ALTER TABLE bookmeatoz.bookings RENAME TO appointments;": "renames",
        "ALTER TABLE bookmeatoz.bookings ALTER COLUMN price_cents TYPE numeric;": "type",
        "ALTER TABLE bookmeatoz.bookings ALTER COLUMN email SET NOT NULL;": "NOT NULL",
        "ALTER TABLE bookmeatoz.bookings ADD COLUMN channel text NOT NULL;": "without a DEFAULT",
        "DROP TABLE bookmeatoz.old_things;": "drops a table",
    }
    good = [
        "ALTER TABLE bookmeatoz.bookings ADD COLUMN channel text NOT NULL DEFAULT 'web';",
        "ALTER TABLE bookmeatoz.bookings ADD COLUMN expires_at timestamptz;",
        "ALTER TABLE bookmeatoz.bookings DROP CONSTRAINT c;\nALTER TABLE bookmeatoz.bookings ADD CONSTRAINT c CHECK (x > 0);",
        "-- contract: notes unread since 0011 was released\nALTER TABLE bookmeatoz.bookings DROP COLUMN notes;",
        "CREATE FUNCTION f() RETURNS void AS $$ BEGIN DROP TABLE t; END $$ LANGUAGE plpgsql;",
        "CREATE TABLE t (a int NOT NULL, b text NOT NULL);",
    ]
    problems = [s for s, w in bad.items() if not any(w in v for v in violations("bad", s))]
    problems += [s for s in good if violations("good", s)]
    for p in problems:
        print("self-test: wrong verdict on:", p)
    print(f"self-test: {len(bad)} contract steps caught, {len(good)} expand steps accepted" if not problems else "self-test failed")
    return not problems


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(0 if self_test() else 1)
    all_found, n = [], 0
    for d in sys.argv[1:]:
        for f in sorted(pathlib.Path(d).glob("*.sql")):
            n += 1
            all_found += violations(f.name, f.read_text())
    for v in all_found:
        print(v)
    print(f"{n} migrations, {len(all_found)} contract steps without a `-- contract:` comment")
    sys.exit(1 if all_found else 0)
