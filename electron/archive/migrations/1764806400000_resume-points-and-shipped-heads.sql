-- Up Migration
-- Incremental verification (docs/archive.md, "Verifying a force's year"), and the heads
-- each station signed and shipped (docs/archive.md, "An owner who edits is caught").
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

-- The head each station shipped, signed by that station's checkpoint (issue 23 item 3): in
-- the transaction that ships a checkpoint entry, the station also inserts here the seq and
-- hash that checkpoint signs, with its signature. The verifier checks the signature with
-- the enrolled key and then that the archive still holds that entry, with that hash: a
-- journal whose rows end before a head its station shipped reads "cut", not merely
-- unsealed, even after an owner deleted the tail with the triggers off.
CREATE TABLE lfr.shipped_heads (
  station_id    text NOT NULL,
  deployment_id text NOT NULL,
  seq           bigint NOT NULL CHECK (seq >= 1),
  hash          text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  signature     text NOT NULL,
  shipped_at    timestamptz NOT NULL DEFAULT now(),
  shipped_by    text NOT NULL DEFAULT current_user,
  PRIMARY KEY (station_id, deployment_id, seq)
);
CREATE TRIGGER shipped_heads_append_only BEFORE UPDATE OR DELETE ON lfr.shipped_heads FOR EACH ROW EXECUTE FUNCTION lfr.refuse_change();
CREATE TRIGGER shipped_heads_no_truncate BEFORE TRUNCATE ON lfr.shipped_heads FOR EACH STATEMENT EXECUTE FUNCTION lfr.refuse_change();
ALTER TABLE lfr.shipped_heads ENABLE ROW LEVEL SECURITY;
CREATE POLICY station_reads_own ON lfr.shipped_heads FOR SELECT TO lfr_station USING (station_id = lfr.my_station());
CREATE POLICY station_writes_own ON lfr.shipped_heads FOR INSERT TO lfr_station WITH CHECK (station_id = lfr.my_station());
CREATE POLICY others_read ON lfr.shipped_heads FOR SELECT TO lfr_reader, lfr_verifier, lfr_retention USING (true);
GRANT INSERT, SELECT ON lfr.shipped_heads TO lfr_station;
GRANT SELECT ON lfr.shipped_heads TO lfr_reader, lfr_verifier;

-- Down Migration
DROP TABLE lfr.shipped_heads;
DROP FUNCTION lfr.journal_digests(text, text, bigint);
ALTER TABLE lfr.verifications DROP COLUMN resume;
