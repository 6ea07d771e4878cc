-- Per-tile feature vectors for the fusion model's slide encoder (bags of tiles), written by
-- `tme quantify` beside the per-tile counts. The names of the vector's components are stored
-- once per slide, so a model can check it reads the features it was trained on.

CREATE TABLE tme.tile_features (
    slide_pk bigint  NOT NULL,
    level    integer NOT NULL,
    x_px     integer NOT NULL,
    y_px     integer NOT NULL,
    features real[]  NOT NULL CHECK (cardinality(features) > 0),
    PRIMARY KEY (slide_pk, level, x_px, y_px),
    FOREIGN KEY (slide_pk, level, x_px, y_px) REFERENCES tme.tiles (slide_pk, level, x_px, y_px) ON DELETE CASCADE
);
COMMENT ON TABLE tme.tile_features IS 'Feature vector of each quantified tile (TME features in physical units: densities per mm2, nuclear morphology in um and um2, stain optical densities), the input of the fusion model''s attention over tiles.';
COMMENT ON COLUMN tme.tile_features.features IS 'Feature values, in the order named by tme.slide_tme.tile_feature_names of the same slide.';

ALTER TABLE tme.slide_tme ADD COLUMN tile_feature_names text[];
COMMENT ON COLUMN tme.slide_tme.tile_feature_names IS 'Names (with units) of the components of tme.tile_features.features for this slide.';
