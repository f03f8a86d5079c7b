CREATE TABLE events (id bigint PRIMARY KEY, payload text NOT NULL);
CREATE VIEW event_payloads AS SELECT id, payload FROM events;
CREATE MATERIALIZED VIEW payload_lengths AS SELECT id, length(payload) AS n FROM event_payloads;
