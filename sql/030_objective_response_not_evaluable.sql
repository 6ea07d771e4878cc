-- outcomes.objective_response was false for NE (not evaluable), contradicting its definition and
-- counting unevaluable patients as non-responders in response rates. It becomes NULL for NE.
-- PostgreSQL 15 cannot change a generated column's expression, so the column is re-created; the
-- views that read it are saved (definition, comments), dropped and restored unchanged.

CREATE TEMP TABLE saved_views ON COMMIT DROP AS
SELECT c.relname, pg_get_viewdef(c.oid) AS definition, obj_description(c.oid, 'pg_class') AS description,
       array_position(ARRAY['biomarker_summary', 'screening_candidates'], c.relname::text) AS creation_order
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'tme'
WHERE c.relname IN ('biomarker_summary', 'screening_candidates');

CREATE TEMP TABLE saved_column_comments ON COMMIT DROP AS
SELECT c.relname, a.attname, col_description(c.oid, a.attnum) AS description
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'tme'
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
WHERE c.relname IN ('biomarker_summary', 'screening_candidates') AND col_description(c.oid, a.attnum) IS NOT NULL;

DROP VIEW tme.screening_candidates;
DROP VIEW tme.biomarker_summary;

ALTER TABLE tme.outcomes DROP COLUMN objective_response;
ALTER TABLE tme.outcomes ADD COLUMN objective_response boolean GENERATED ALWAYS AS (
    CASE WHEN best_response IN ('CR', 'PR') THEN true WHEN best_response IN ('SD', 'PD') THEN false END) STORED;
COMMENT ON COLUMN tme.outcomes.objective_response IS 'True for CR or PR (objective response), false for SD or PD, NULL when not evaluable.';

DO $$
DECLARE
    v record;
    c record;
BEGIN
    FOR v IN SELECT * FROM saved_views ORDER BY creation_order LOOP
        EXECUTE format('CREATE VIEW tme.%I AS %s', v.relname, v.definition);
        EXECUTE format('COMMENT ON VIEW tme.%I IS %L', v.relname, v.description);
        EXECUTE format('GRANT SELECT ON tme.%I TO tme_analyst', v.relname);
    END LOOP;
    FOR c IN SELECT * FROM saved_column_comments LOOP
        EXECUTE format('COMMENT ON COLUMN tme.%I.%I IS %L', c.relname, c.attname, c.description);
    END LOOP;
END
$$;
