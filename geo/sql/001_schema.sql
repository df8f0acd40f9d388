-- 1: the schema (events with revisions, imported layers, views for desktop GIS)
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE TABLE collections (
    name text PRIMARY KEY,
    members json NOT NULL DEFAULT '{}',
    layout text NOT NULL CHECK (layout IN ('lines', 'single')),
    imported_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE features (
    layer text NOT NULL REFERENCES collections(name),
    position integer NOT NULL,
    id text NOT NULL,
    feature json NOT NULL,
    properties jsonb GENERATED ALWAYS AS ((feature -> 'properties')::jsonb) STORED,
    geom geometry(Geometry, 4326) GENERATED ALWAYS AS
        (ST_SetSRID(ST_GeomFromGeoJSON((feature -> 'geometry')::text), 4326)) STORED,
    PRIMARY KEY (layer, id),
    UNIQUE (layer, position)
);
CREATE TABLE revisions (
    rev bigserial PRIMARY KEY,
    event_id text NOT NULL,
    version integer NOT NULL CHECK (version >= 1),
    feature json,
    record json,
    author text NOT NULL CHECK (author <> ''),
    reason text NOT NULL CHECK (reason <> ''),
    made_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (event_id, version)
);
CREATE INDEX revisions_made_at ON revisions (made_at);
CREATE TABLE events (
    id text PRIMARY KEY,
    version integer NOT NULL,
    rev bigint NOT NULL REFERENCES revisions(rev),
    feature json NOT NULL,
    record json,
    properties jsonb GENERATED ALWAYS AS ((feature -> 'properties')::jsonb) STORED,
    kind text GENERATED ALWAYS AS ((feature -> 'properties' ->> 'kind')) STORED,
    name text GENERATED ALWAYS AS ((feature -> 'properties' ->> 'name')) STORED,
    start text GENERATED ALWAYS AS ((feature -> 'properties' ->> 'start')) STORED,
    geom geometry(Geometry, 4326) GENERATED ALWAYS AS
        (ST_SetSRID(ST_GeomFromGeoJSON((feature -> 'geometry')::text), 4326)) STORED
);
CREATE INDEX events_geom ON events USING gist (geom);
CREATE VIEW event_sources AS
    SELECT e.id AS event_id, s.ordinality AS n, s.value ->> 'publisher' AS publisher,
           s.value ->> 'title' AS title, s.value ->> 'date' AS date,
           s.value ->> 'url' AS url
    FROM events e, jsonb_array_elements(e.properties -> 'sources') WITH ORDINALITY s;
CREATE VIEW event_accounts AS
    SELECT e.id AS event_id, a.ordinality AS n, a.value AS account
    FROM events e,
         jsonb_array_elements(coalesce(e.properties -> 'accounts', '[]'::jsonb))
             WITH ORDINALITY a;
CREATE VIEW zones AS
    SELECT id, properties ->> 'name' AS name, properties ->> 'zone_type' AS zone_type,
           properties ->> 'valid_from' AS valid_from, properties ->> 'valid_to' AS valid_to,
           properties, geom
    FROM features WHERE layer = 'zones.geojson';
CREATE VIEW regions AS
    SELECT id, properties ->> 'name' AS name, geom
    FROM features WHERE layer = 'regions.geojson';
