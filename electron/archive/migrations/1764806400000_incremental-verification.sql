-- Up Migration
-- Incremental verification (docs/archive.md, "Verifying a force's year").
--
-- * lfr.verifications.resume: where the verifier may pick a journal up next time: the last
--   checkpoint entry it verified (its seq and hash), the SHA-256 of the rows up to it (as
--   lfr.rows_sha256 computes it, over seq 1..resume seq), and the verifier's state there
--   (the chain checker's and the images seen). A later run checks those rows still hash to
--   that digest, in PostgreSQL, and hashes and verifies only the lines after it. Written,
--   like every verdict, by lfr_verifier alone (no station or reader can insert here), and
--   never changed (the append-only trigger).
-- * lfr.journal_digests: in one scan of a journal's rows, its head (seq, hash), its last checkpoint row,
--   and the digests of the rows through a given seq, through that checkpoint and in full.

ALTER TABLE lfr.verifications ADD COLUMN resume jsonb;

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

-- Down Migration
DROP FUNCTION lfr.journal_digests(text, text, bigint);
ALTER TABLE lfr.verifications DROP COLUMN resume;
