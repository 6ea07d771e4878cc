-- Roles: tme_writer for the pipeline, tme_analyst for people running SQL (views only).
-- Roles are cluster-wide and other databases on the same server may have created them already
-- (concurrently, during parallel test runs), hence the guarded creation.
DO $$
BEGIN
    BEGIN
        CREATE ROLE tme_writer NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
    BEGIN
        CREATE ROLE tme_analyst NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
END
$$;

GRANT USAGE ON SCHEMA tme TO tme_writer, tme_analyst;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA tme TO tme_writer;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA tme TO tme_writer;
REVOKE ALL ON ALL TABLES IN SCHEMA tme FROM tme_analyst;
GRANT SELECT ON tme.biomarker_summary, tme.tme_by_slide, tme.screening_candidates TO tme_analyst;
-- Tables and views created by later migrations get the writer grant automatically; each
-- analyst view is granted explicitly in its migration.
ALTER DEFAULT PRIVILEGES IN SCHEMA tme GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tme_writer;
ALTER DEFAULT PRIVILEGES IN SCHEMA tme GRANT USAGE, SELECT ON SEQUENCES TO tme_writer;
