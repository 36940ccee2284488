-- Up Migration
-- The report now computes what a journal's rows hash to itself, for every journal in one
-- query with built-in functions only (electron/archive/journal-digests.ts): the SHA-256 of
-- each row's type, a tab and its line, then the SHA-256 of those 32-byte digests in seq
-- order. The two functions below computed an older form (one string of every line) once per
-- journal, planned again over every partition at each call; they were most of the
-- report's time on the bench archive. They also belong to the archive's owner, who could
-- replace one with a function that returns the digest recorded before an edit, so the
-- report no longer calls them. Dropped, so nothing computes the old form any more.
--
-- Verdicts and resume points recorded before this migration carry the old form: they no
-- longer match, so the first report after it verifies every journal again from seq 1
-- (and records the new form). Nothing is trusted on the strength of an old digest.
DROP FUNCTION lfr.journal_digests(text, text, bigint);
DROP FUNCTION lfr.rows_sha256(text, text);

-- Down Migration
CREATE FUNCTION lfr.rows_sha256(station text, deployment text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(coalesce(string_agg(type || E'\t' || line, E'\n' ORDER BY seq), ''), 'UTF8')), 'hex')
  FROM lfr.entries WHERE station_id = station AND deployment_id = deployment
$$;
CREATE FUNCTION lfr.journal_digests(station text, deployment text, through bigint)
RETURNS TABLE (head_seq bigint, head_hash text, checkpoint_seq bigint, through_sha256 text, checkpoint_sha256 text, rows_sha256 text)
LANGUAGE sql STABLE AS $$
  WITH r AS (
    SELECT seq, hash, type || E'\t' || line AS row_text, type FROM lfr.entries
    WHERE station_id = station AND deployment_id = deployment
  ), c AS (
    SELECT coalesce(max(seq), 0) AS head, coalesce(max(seq) FILTER (WHERE type = 'checkpoint'), 0) AS cp FROM r
  )
  SELECT c.head, (SELECT hash FROM r WHERE r.seq = c.head LIMIT 1), c.cp,
    encode(sha256(convert_to(coalesce(string_agg(r.row_text, E'\n' ORDER BY r.seq) FILTER (WHERE r.seq <= through), ''), 'UTF8')), 'hex'),
    encode(sha256(convert_to(coalesce(string_agg(r.row_text, E'\n' ORDER BY r.seq) FILTER (WHERE r.seq <= c.cp), ''), 'UTF8')), 'hex'),
    encode(sha256(convert_to(coalesce(string_agg(r.row_text, E'\n' ORDER BY r.seq), ''), 'UTF8')), 'hex')
  FROM c LEFT JOIN r ON true
  GROUP BY c.head, c.cp
$$;
REVOKE ALL ON FUNCTION lfr.journal_digests(text, text, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lfr.journal_digests(text, text, bigint) TO lfr_reader, lfr_verifier;
