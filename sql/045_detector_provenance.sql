-- Which nucleus detector produced a slide's cells, with the model and the SHA-256 of its weights, so that
-- every metric can be traced to the exact segmenter (the classical detector or a learned model such as
-- InstanSeg brightfield_nuclei). Rows quantified before this migration were all made by the classical detector.

ALTER TABLE tme.slide_tme
    ADD COLUMN detector text NOT NULL DEFAULT 'classical' CHECK (detector <> ''),
    ADD COLUMN detector_model text,
    ADD COLUMN detector_weights_sha256 text CHECK (detector_weights_sha256 ~ '^[0-9a-f]{64}$');

COMMENT ON COLUMN tme.slide_tme.detector IS 'Nucleus detector of the run: classical (colour deconvolution + watershed) or instanseg (learned, InstanSeg brightfield_nuclei run natively).';
COMMENT ON COLUMN tme.slide_tme.detector_model IS 'Model name and version of a learned detector (e.g. brightfield_nuclei 0.1.1); NULL for the classical detector.';
COMMENT ON COLUMN tme.slide_tme.detector_weights_sha256 IS 'SHA-256 (hex) of the learned detector''s weights file; NULL for the classical detector.';
