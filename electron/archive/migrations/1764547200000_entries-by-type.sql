-- Up Migration
-- Reports read entries by type across deployments (every `tally`, every `deployment` record);
-- the first index, (deployment_id, type), serves one deployment at a time.
CREATE INDEX entries_type_deployment ON lfr.entries (type, deployment_id);

-- Down Migration
DROP INDEX lfr.entries_type_deployment;
