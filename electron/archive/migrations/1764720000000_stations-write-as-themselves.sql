-- Up Migration
-- Each station writes only as itself (docs/archive.md, "Who may write what").
--
-- * lfr.stations: the enrolled stations (`npm run archive -- add-station`), each with its
--   public key and the one PostgreSQL login that may write its rows. The enrolled keys are
--   the report's trust list. A removal is a row in lfr.station_removals: the station's
--   rows stay, its login may write no more.
-- * Row-level security on every table that carries a station_id: a station login inserts
--   and reads only its own station's rows; readers, the verifier and the purge job read all.
-- * Triggers: entry_index takes seq N only after N-1 (no gap, no reuse); entries takes a row
--   only when its line is the line indexed for that seq (same seq, hash, type), its prev is
--   the hash indexed for seq-1, and the seq is not archived yet. The database cannot check a
--   hash or a signature; the verifier does.
-- * entries.data is generated from `line`, so a report's figures cannot drift from the line
--   the verifier checks (an owner who drops the expression and edits it is caught by verify).
-- * Verdicts are written by lfr_verifier only; lfr_reader reads and nothing else.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lfr_verifier') THEN CREATE ROLE lfr_verifier NOLOGIN; END IF;
END
$$;
GRANT USAGE ON SCHEMA lfr TO lfr_verifier;

CREATE TABLE lfr.stations (
  station_id  text PRIMARY KEY CHECK (station_id ~ '^[!-~]{1,128}$'),
  public_key  text NOT NULL CHECK (public_key ~ '^[A-Za-z0-9_-]{43}$'),
  login       name NOT NULL UNIQUE,
  label       text NOT NULL DEFAULT '',
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  enrolled_by text NOT NULL DEFAULT current_user
);

CREATE TABLE lfr.station_removals (
  station_id text PRIMARY KEY REFERENCES lfr.stations,
  removed_at timestamptz NOT NULL DEFAULT now(),
  removed_by text NOT NULL DEFAULT current_user
);

CREATE TRIGGER stations_append_only BEFORE UPDATE OR DELETE ON lfr.stations FOR EACH ROW EXECUTE FUNCTION lfr.refuse_change();
CREATE TRIGGER stations_no_truncate BEFORE TRUNCATE ON lfr.stations FOR EACH STATEMENT EXECUTE FUNCTION lfr.refuse_change();
CREATE TRIGGER station_removals_append_only BEFORE UPDATE OR DELETE ON lfr.station_removals FOR EACH ROW EXECUTE FUNCTION lfr.refuse_change();
CREATE TRIGGER station_removals_no_truncate BEFORE TRUNCATE ON lfr.station_removals FOR EACH STATEMENT EXECUTE FUNCTION lfr.refuse_change();

-- The station the current login writes as (NULL: none, or removed).
CREATE FUNCTION lfr.my_station() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT s.station_id FROM lfr.stations s
  WHERE s.login = current_user
    AND NOT EXISTS (SELECT 1 FROM lfr.station_removals r WHERE r.station_id = s.station_id)
$$;

-- Seq N of a journal only after N-1: no gap, no second row for a seq.
CREATE FUNCTION lfr.entry_index_in_order() RETURNS trigger LANGUAGE plpgsql VOLATILE
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE last bigint;
BEGIN
  SELECT max(seq) INTO last FROM lfr.entry_index
  WHERE station_id = NEW.station_id AND deployment_id = NEW.deployment_id;
  IF NEW.seq <> coalesce(last, 0) + 1 THEN
    RAISE EXCEPTION 'lfr archive: station % deployment % seq % refused: the archive holds up to seq %, the next must be %',
      NEW.station_id, NEW.deployment_id, NEW.seq, coalesce(last, 0), coalesce(last, 0) + 1
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER entry_index_in_order BEFORE INSERT ON lfr.entry_index FOR EACH ROW EXECUTE FUNCTION lfr.entry_index_in_order();

-- An entry row is the line indexed for its seq, chained to the one before, stored once.
CREATE FUNCTION lfr.entry_follows_chain() RETURNS trigger LANGUAGE plpgsql VOLATILE
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  j jsonb;
  indexed text;
  previous text;
BEGIN
  BEGIN
    j := NEW.line::jsonb;
  EXCEPTION WHEN others THEN
    RAISE EXCEPTION 'lfr archive: the line of seq % is not JSON', NEW.seq USING ERRCODE = 'check_violation';
  END;
  IF jsonb_typeof(j) <> 'object' OR j->>'seq' IS DISTINCT FROM NEW.seq::text OR j->>'hash' IS DISTINCT FROM NEW.hash
     OR j->>'type' IS DISTINCT FROM NEW.type OR j->'actor'->>'id' IS DISTINCT FROM NEW.actor_id THEN
    RAISE EXCEPTION 'lfr archive: seq % refused: its columns are not what its line says', NEW.seq
      USING ERRCODE = 'check_violation';
  END IF;
  SELECT hash INTO indexed FROM lfr.entry_index
  WHERE station_id = NEW.station_id AND deployment_id = NEW.deployment_id AND seq = NEW.seq;
  IF indexed IS DISTINCT FROM NEW.hash THEN
    RAISE EXCEPTION 'lfr archive: seq % refused: entry_index holds % for it', NEW.seq, coalesce(indexed, 'nothing')
      USING ERRCODE = 'check_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM lfr.entries WHERE station_id = NEW.station_id AND deployment_id = NEW.deployment_id AND seq = NEW.seq) THEN
    RAISE EXCEPTION 'lfr archive: seq % of station % deployment % is archived already', NEW.seq, NEW.station_id, NEW.deployment_id
      USING ERRCODE = 'unique_violation';
  END IF;
  IF NEW.seq = 1 THEN
    previous := repeat('0', 64);
  ELSE
    SELECT hash INTO previous FROM lfr.entry_index
    WHERE station_id = NEW.station_id AND deployment_id = NEW.deployment_id AND seq = NEW.seq - 1;
  END IF;
  IF j->>'prev' IS DISTINCT FROM previous THEN
    RAISE EXCEPTION 'lfr archive: seq % refused: its prev is not the hash of seq %', NEW.seq, NEW.seq - 1
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER entries_follow_chain BEFORE INSERT ON lfr.entries FOR EACH ROW EXECUTE FUNCTION lfr.entry_follows_chain();

-- The parsed data is the line's, never a second copy.
ALTER TABLE lfr.entries DROP COLUMN data;
ALTER TABLE lfr.entries ADD COLUMN data jsonb GENERATED ALWAYS AS ((line::jsonb)->'data') STORED;

-- A time a journal line gives, or NULL when it is not one (a report never fails on a bad line).
CREATE FUNCTION lfr.instant_or_null(value text) RETURNS timestamptz LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN value::timestamptz;
EXCEPTION WHEN others THEN
  RETURN NULL;
END
$$;

-- Row-level security: a station sees and writes its own rows; everyone else reads.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['journals', 'entry_index', 'entries', 'image_refs', 'conflicts'] LOOP
    EXECUTE format('ALTER TABLE lfr.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY station_reads_own ON lfr.%I FOR SELECT TO lfr_station USING (station_id = lfr.my_station())', t);
    EXECUTE format('CREATE POLICY station_writes_own ON lfr.%I FOR INSERT TO lfr_station WITH CHECK (station_id = lfr.my_station())', t);
    EXECUTE format('CREATE POLICY others_read ON lfr.%I FOR SELECT TO lfr_reader, lfr_verifier, lfr_retention USING (true)', t);
  END LOOP;
END
$$;

-- A recorded verdict names the rows it covered (SHA-256 over each row's type and line in
-- seq order), so a later report reuses it only while the rows are still those rows, even
-- after an owner switched the triggers off.
ALTER TABLE lfr.verifications ADD COLUMN rows_sha256 text;

CREATE FUNCTION lfr.rows_sha256(station text, deployment text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(coalesce(string_agg(type || E'\t' || line, E'\n' ORDER BY seq), ''), 'UTF8')), 'hex')
  FROM lfr.entries WHERE station_id = station AND deployment_id = deployment
$$;

-- Readers read, and that is all; verdicts are the verifier's.
REVOKE ALL ON ALL TABLES IN SCHEMA lfr FROM lfr_reader;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA lfr FROM lfr_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA lfr TO lfr_reader, lfr_verifier;
GRANT INSERT ON lfr.verifications TO lfr_verifier;
GRANT USAGE ON SEQUENCE lfr.verifications_id_seq TO lfr_verifier;
GRANT SELECT ON lfr.stations, lfr.station_removals TO lfr_station, lfr_retention;
ALTER DEFAULT PRIVILEGES IN SCHEMA lfr GRANT SELECT ON TABLES TO lfr_reader, lfr_verifier;

-- Down Migration
REVOKE SELECT ON lfr.stations, lfr.station_removals FROM lfr_station, lfr_retention;
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['journals', 'entry_index', 'entries', 'image_refs', 'conflicts'] LOOP
    EXECUTE format('DROP POLICY station_reads_own ON lfr.%I', t);
    EXECUTE format('DROP POLICY station_writes_own ON lfr.%I', t);
    EXECUTE format('DROP POLICY others_read ON lfr.%I', t);
    EXECUTE format('ALTER TABLE lfr.%I DISABLE ROW LEVEL SECURITY', t);
  END LOOP;
END
$$;
ALTER TABLE lfr.entries DROP COLUMN data;
ALTER TABLE lfr.entries ADD COLUMN data jsonb;
UPDATE lfr.entries SET data = (line::jsonb)->'data';
DROP TRIGGER entries_follow_chain ON lfr.entries;
DROP TRIGGER entry_index_in_order ON lfr.entry_index;
DROP FUNCTION lfr.entry_follows_chain();
DROP FUNCTION lfr.entry_index_in_order();
DROP FUNCTION lfr.my_station();
DROP FUNCTION lfr.rows_sha256(text, text);
ALTER TABLE lfr.verifications DROP COLUMN rows_sha256;
DROP FUNCTION lfr.instant_or_null(text);
DROP TABLE lfr.station_removals;
DROP TABLE lfr.stations;
GRANT INSERT ON lfr.verifications TO lfr_reader;
GRANT USAGE ON SEQUENCE lfr.verifications_id_seq TO lfr_reader;
