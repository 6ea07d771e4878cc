-- Provenance of ingested cohort files, which also makes re-ingest idempotent: `tme ingest` compares
-- each file's SHA-256 and parameters with the row stored here and rewrites only the kinds that changed.

CREATE TABLE tme.ingested_files (
    cohort_id   bigint NOT NULL REFERENCES tme.cohorts (cohort_id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('clinical', 'outcomes', 'mutations', 'expression', 'cnv', 'slides')),
    file_name   text NOT NULL,
    sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    row_count   bigint NOT NULL CHECK (row_count >= 0),
    parameters  jsonb NOT NULL DEFAULT '{}',
    ingested_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (cohort_id, kind)
);
COMMENT ON TABLE tme.ingested_files IS 'One row per cohort and kind of input file last ingested (tme ingest): what was read, its checksum and the parameters used.';
COMMENT ON COLUMN tme.ingested_files.cohort_id IS 'Cohort the file belongs to.';
COMMENT ON COLUMN tme.ingested_files.kind IS 'What the file holds: clinical, outcomes, mutations, expression, cnv or slides.';
COMMENT ON COLUMN tme.ingested_files.file_name IS 'File name inside the cohort folder.';
COMMENT ON COLUMN tme.ingested_files.sha256 IS 'SHA-256 of the file bytes as read (compressed bytes for .gz files).';
COMMENT ON COLUMN tme.ingested_files.row_count IS 'Data rows read from the file (MAF rows, patients, genes, slides).';
COMMENT ON COLUMN tme.ingested_files.parameters IS 'Parameters that shaped the stored values (capture size in Mb, expression scale, CNV kind), as JSON.';
COMMENT ON COLUMN tme.ingested_files.ingested_at IS 'When this version of the file was loaded.';
