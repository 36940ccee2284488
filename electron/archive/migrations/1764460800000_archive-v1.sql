-- Up Migration
-- The evidence archive, version 1 (docs/archive.md explains every table and role).
-- Append-only by construction: stations may only INSERT (and read back what they need to
-- resume); triggers refuse UPDATE, DELETE and TRUNCATE for everyone, except the retention
-- purge of image bytes by lfr_retention, which honours legal holds and leaves a record.

-- Group roles (NOLOGIN). A force creates one LOGIN role per station IN ROLE lfr_station,
-- one per auditor or supervisor IN ROLE lfr_reader, and one purge job IN ROLE lfr_retention.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lfr_station') THEN CREATE ROLE lfr_station NOLOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lfr_reader') THEN CREATE ROLE lfr_reader NOLOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lfr_retention') THEN CREATE ROLE lfr_retention NOLOGIN; END IF;
END
$$;

CREATE SCHEMA lfr;
REVOKE ALL ON SCHEMA lfr FROM PUBLIC;
GRANT USAGE ON SCHEMA lfr TO lfr_station, lfr_reader, lfr_retention;

-- One row per station journal (written when its seq 1 arrives).
CREATE TABLE lfr.journals (
  station_id    text NOT NULL,
  deployment_id text NOT NULL,
  public_key    text NOT NULL,
  training      boolean NOT NULL DEFAULT false,
  opened_at     timestamptz NOT NULL,
  archived_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (station_id, deployment_id)
);

-- The unique (station, deployment, seq) -> hash map. Not partitioned, so that one seq can
-- exist once whatever its `at` says: the shipper inserts here first (ON CONFLICT DO NOTHING)
-- and compares hashes on conflict; another hash for a stored seq is an alarm, never a write.
CREATE TABLE lfr.entry_index (
  station_id    text NOT NULL,
  deployment_id text NOT NULL,
  seq           bigint NOT NULL CHECK (seq >= 1),
  hash          text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (station_id, deployment_id, seq)
);

-- Every journal entry: the exact line the station wrote (what a verifier checks) and its
-- parsed parts (what reports query). Partitioned by month of `at`.
CREATE TABLE lfr.entries (
  station_id    text NOT NULL,
  deployment_id text NOT NULL,
  seq           bigint NOT NULL,
  at            timestamptz NOT NULL,
  type          text NOT NULL,
  actor_id      text,
  hash          text NOT NULL,
  data          jsonb NOT NULL,
  line          text NOT NULL,
  archived_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (station_id, deployment_id, seq, at)
) PARTITION BY RANGE (at);
CREATE TABLE lfr.entries_default PARTITION OF lfr.entries DEFAULT;
CREATE INDEX entries_deployment_type ON lfr.entries (deployment_id, type);

-- Image bytes, content-addressed. `bytes` becomes NULL only by the retention purge.
CREATE TABLE lfr.images (
  sha256      text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size        integer NOT NULL CHECK (size >= 0),
  bytes       bytea,
  archived_at timestamptz NOT NULL DEFAULT now(),
  purged_at   timestamptz,
  CHECK (bytes IS NULL OR (length(bytes) = size AND encode(sha256(bytes), 'hex') = sha256))
);

-- Which journal entry names which image (for legal holds, retention and verification).
CREATE TABLE lfr.image_refs (
  sha256        text NOT NULL,
  station_id    text NOT NULL,
  deployment_id text NOT NULL,
  seq           bigint NOT NULL,
  PRIMARY KEY (station_id, deployment_id, seq, sha256)
);
CREATE INDEX image_refs_sha256 ON lfr.image_refs (sha256);

-- A purge of image bytes leaves this record (written by the purge trigger itself).
CREATE TABLE lfr.image_purges (
  sha256    text NOT NULL,
  purged_at timestamptz NOT NULL DEFAULT now(),
  purged_by text NOT NULL DEFAULT current_user,
  PRIMARY KEY (sha256, purged_at)
);

-- Same seq, another hash: what the shipper offered and what the archive holds.
CREATE TABLE lfr.conflicts (
  id            bigserial PRIMARY KEY,
  station_id    text NOT NULL,
  deployment_id text NOT NULL,
  seq           bigint NOT NULL,
  archived_hash text NOT NULL,
  offered_hash  text NOT NULL,
  detected_at   timestamptz NOT NULL DEFAULT now(),
  detected_by   text NOT NULL DEFAULT current_user
);

-- Verdicts of the shared verifier over a journal's first through_seq entries, so a report
-- over a thousand deployments re-verifies only what grew since (docs/archive.md: `--reverify`).
CREATE TABLE lfr.verifications (
  id            bigserial PRIMARY KEY,
  station_id    text NOT NULL,
  deployment_id text NOT NULL,
  through_seq   bigint NOT NULL,
  through_hash  text,
  verdict       text NOT NULL CHECK (verdict IN ('verified', 'unsealed', 'untrusted-key', 'tampered')),
  detail        text NOT NULL,
  -- 'journal-own-key' (no trust file), or the SHA-256 of the trust list the verifier held.
  trust         text NOT NULL DEFAULT 'journal-own-key',
  verified_at   timestamptz NOT NULL DEFAULT now(),
  verified_by   text NOT NULL DEFAULT current_user
);
CREATE INDEX verifications_journal ON lfr.verifications (station_id, deployment_id, id DESC);

-- Nothing is ever changed or removed ...
CREATE FUNCTION lfr.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'lfr archive is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['journals', 'entry_index', 'entries', 'image_refs', 'image_purges', 'conflicts', 'verifications'] LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON lfr.%I FOR EACH ROW EXECUTE FUNCTION lfr.refuse_change()', t || '_append_only', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON lfr.%I FOR EACH STATEMENT EXECUTE FUNCTION lfr.refuse_change()', t || '_no_truncate', t);
  END LOOP;
END
$$;
CREATE TRIGGER images_no_delete BEFORE DELETE ON lfr.images FOR EACH ROW EXECUTE FUNCTION lfr.refuse_change();
CREATE TRIGGER images_no_truncate BEFORE TRUNCATE ON lfr.images FOR EACH STATEMENT EXECUTE FUNCTION lfr.refuse_change();

-- ... except the retention purge of image bytes: by lfr_retention only, bytes to NULL and
-- nothing else, never for an image named by a deployment under legal hold.
CREATE FUNCTION lfr.is_under_legal_hold(image text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1
    FROM (SELECT DISTINCT station_id, deployment_id FROM lfr.image_refs WHERE sha256 = image) r
    CROSS JOIN LATERAL (
      SELECT (e.data->>'active')::boolean AS active
      FROM lfr.entries e
      WHERE e.station_id = r.station_id AND e.deployment_id = r.deployment_id AND e.type = 'legal-hold'
      ORDER BY e.seq DESC LIMIT 1
    ) h
    WHERE h.active
  )
$$;

CREATE FUNCTION lfr.guard_image_purge() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A superuser "has" every role; the purge is the purge job's alone, so it must be a member
  -- in its own right.
  IF NOT EXISTS (
    SELECT 1 FROM pg_auth_members m
    JOIN pg_roles g ON g.oid = m.roleid AND g.rolname = 'lfr_retention'
    JOIN pg_roles u ON u.oid = m.member AND u.rolname = current_user
  ) THEN
    RAISE EXCEPTION 'lfr archive is append-only: only lfr_retention may purge image bytes'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.sha256 IS DISTINCT FROM OLD.sha256 OR NEW.size IS DISTINCT FROM OLD.size
     OR NEW.archived_at IS DISTINCT FROM OLD.archived_at OR NEW.bytes IS NOT NULL OR OLD.bytes IS NULL THEN
    RAISE EXCEPTION 'lfr archive: a purge sets the bytes of a stored image to NULL and changes nothing else'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF lfr.is_under_legal_hold(OLD.sha256) THEN
    RAISE EXCEPTION 'lfr archive: image % is named by a deployment under legal hold', OLD.sha256
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  NEW.purged_at := now();
  INSERT INTO lfr.image_purges (sha256, purged_at) VALUES (OLD.sha256, NEW.purged_at);
  RETURN NEW;
END
$$;
CREATE TRIGGER images_purge_only BEFORE UPDATE ON lfr.images FOR EACH ROW EXECUTE FUNCTION lfr.guard_image_purge();

-- Monthly partitions, created ahead by the owner (`npm run archive -- migrate` calls this);
-- rows for a month without one land in entries_default and are never refused.
CREATE FUNCTION lfr.ensure_month_partitions(first_month date, months integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  m date := date_trunc('month', first_month)::date;
  made integer := 0;
  name text;
BEGIN
  FOR i IN 1..months LOOP
    name := 'entries_' || to_char(m, 'YYYY_MM');
    IF to_regclass('lfr.' || name) IS NULL
       AND NOT EXISTS (SELECT 1 FROM lfr.entries_default WHERE at >= m AND at < (m + interval '1 month')) THEN
      EXECUTE format('CREATE TABLE lfr.%I PARTITION OF lfr.entries FOR VALUES FROM (%L) TO (%L)',
                     name, m, (m + interval '1 month')::date);
      made := made + 1;
    END IF;
    m := (m + interval '1 month')::date;
  END LOOP;
  RETURN made;
END
$$;
REVOKE ALL ON FUNCTION lfr.ensure_month_partitions(date, integer) FROM PUBLIC;

-- Stations: insert, and read back only what resuming and the hash comparison need.
GRANT INSERT ON lfr.journals, lfr.entry_index, lfr.entries, lfr.images, lfr.image_refs, lfr.conflicts TO lfr_station;
GRANT SELECT ON lfr.entry_index TO lfr_station;
GRANT SELECT (station_id, deployment_id) ON lfr.journals TO lfr_station;
GRANT SELECT (sha256) ON lfr.images TO lfr_station;
GRANT SELECT (station_id, deployment_id, seq, sha256) ON lfr.image_refs TO lfr_station;
GRANT SELECT (station_id, deployment_id, seq, at) ON lfr.entries TO lfr_station;
GRANT USAGE ON SEQUENCE lfr.conflicts_id_seq TO lfr_station;
-- Readers (supervisors, auditors, the report): everything, and they may record verdicts.
GRANT SELECT ON ALL TABLES IN SCHEMA lfr TO lfr_reader;
GRANT INSERT ON lfr.verifications TO lfr_reader;
GRANT USAGE ON SEQUENCE lfr.verifications_id_seq TO lfr_reader;
-- The purge job.
GRANT SELECT ON lfr.images, lfr.image_refs, lfr.entries, lfr.image_purges TO lfr_retention;
GRANT UPDATE (bytes) ON lfr.images TO lfr_retention;
GRANT INSERT ON lfr.image_purges TO lfr_retention;

-- Down Migration
DROP SCHEMA lfr CASCADE;
