-- Unit boundaries for the dashboard's map (docs/maps.md): one GeoJSON geometry (Polygon or MultiPolygon, longitude
-- and latitude) per unit, loaded from a TopoJSON or GeoJSON file by `dxmon maps load` or an administrator's upload,
-- with the source the file credits. A unit's boundary goes with the unit.

CREATE TABLE unit_boundary (
  unit_id    bigint PRIMARY KEY REFERENCES unit (id) ON DELETE CASCADE,
  geometry   jsonb NOT NULL CHECK (geometry ->> 'type' IN ('Polygon', 'MultiPolygon')),
  source     text NOT NULL,
  loaded_at  timestamptz NOT NULL DEFAULT now(),
  loaded_by  text
);

-- A map is dashboard data: loading boundaries raises the data version (migration 0015).
CREATE TRIGGER unit_boundary_version_insert AFTER INSERT ON unit_boundary REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_note();
CREATE TRIGGER unit_boundary_version_update AFTER UPDATE ON unit_boundary REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_note();
CREATE TRIGGER unit_boundary_version_delete AFTER DELETE ON unit_boundary REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_note();
CREATE TRIGGER unit_boundary_version_truncate AFTER TRUNCATE ON unit_boundary
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_note_truncate();
