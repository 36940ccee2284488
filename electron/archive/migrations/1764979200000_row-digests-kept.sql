-- Up Migration
-- Each row's digest (the SHA-256 of its type, a tab and its line: electron/archive/
-- journal-digests.ts) kept by PostgreSQL as it stores the row, so the transparency report
-- reads 32 bytes a row instead of hashing every line of the archive again at each run.
-- With a year's archive verified up to recorded checkpoints, that hashing was most of what
-- a report still did (docs/archive.md, "Measured").
--
-- A stored generated column, not a value a station sends or a trigger writes: PostgreSQL
-- computes it from the row on every INSERT and UPDATE, triggers on or off, so an edit of a
-- line changes its digest. Built-in functions only (the owner could replace an lfr.*
-- function with one that returns the old digest). decode(..., 'escape') of the text with
-- every backslash doubled is its bytes in the database's encoding: in a UTF8 archive,
-- exactly convert_to(..., 'UTF8'), which PostgreSQL will not use here (it is only STABLE).
-- The report uses the column only while the catalog says every partition still generates
-- it with this expression (journal-digests.ts `rowDigestsKept`), and otherwise hashes the
-- lines itself with the same expression, so the digests are the same either way.
--
-- Adding it rewrites every partition once (minutes on a year's archive, under a lock that
-- holds shipping back; run it between deployments).
ALTER TABLE lfr.entries ADD COLUMN row_sha256 bytea
  GENERATED ALWAYS AS (sha256(decode(replace(type || E'\t' || line, '\', '\\'), 'escape'))) STORED;

-- Down Migration
ALTER TABLE lfr.entries DROP COLUMN row_sha256;
