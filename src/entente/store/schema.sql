-- entente store schema (DuckDB). One row per thing; every mention, quote and
-- event row points back to its document and character offsets (evidence).
CREATE TABLE IF NOT EXISTS documents (
    doc_id         VARCHAR PRIMARY KEY,
    content_hash   VARCHAR NOT NULL UNIQUE,
    title          VARCHAR,
    url            VARCHAR,
    source         VARCHAR,
    published      VARCHAR,          -- ISO at its own precision
    published_from VARCHAR,
    origin         VARCHAR,
    kind           VARCHAR,
    text           VARCHAR NOT NULL,
    ingested_at    TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS mentions (
    doc_id   VARCHAR NOT NULL,
    kind     VARCHAR NOT NULL,      -- country | actor | place | money | date
    text     VARCHAR,
    start    INTEGER,
    "end"    INTEGER,
    name     VARCHAR,
    country  VARCHAR,
    role     VARCHAR,
    lat      DOUBLE,
    lon      DOUBLE,
    value    VARCHAR,              -- date value, place kind, money currency ...
    amount   DOUBLE,               -- money in USD
    detail   VARCHAR               -- JSON with the rest of the record
);
CREATE TABLE IF NOT EXISTS quotes (
    doc_id          VARCHAR NOT NULL,
    speaker         VARCHAR,
    speaker_country VARCHAR,
    speaker_role    VARCHAR,
    text            VARCHAR NOT NULL,
    start           INTEGER,
    "end"           INTEGER,
    cue             VARCHAR,
    countries       VARCHAR[]      -- countries named inside the quote
);
CREATE TABLE IF NOT EXISTS events (
    event_id         VARCHAR PRIMARY KEY,
    doc_id           VARCHAR,          -- NULL for imported dataset rows
    dataset          VARCHAR NOT NULL, -- entente | gdelt1 | gdelt2 | icews | polecat | plover
    source           VARCHAR NOT NULL,
    target           VARCHAR NOT NULL,
    source_actor     VARCHAR,
    target_actor     VARCHAR,
    cameo            VARCHAR,
    root             VARCHAR,
    plover           VARCHAR,
    mode             VARCHAR,
    context          VARCHAR,
    goldstein        DOUBLE,
    quad_class       INTEGER,
    date             VARCHAR,          -- ISO at its own precision
    day              DATE,             -- first day of that period, for ordering and windows
    date_granularity VARCHAR,
    date_basis       VARCHAR,
    place            VARCHAR,
    lat              DOUBLE,
    lon              DOUBLE,
    amount_usd       DOUBLE,
    trigger          VARCHAR,
    modality         VARCHAR,
    is_symmetric     BOOLEAN,
    confidence       DOUBLE,
    about            VARCHAR[],
    evidence         VARCHAR,          -- the first evidence sentence
    evidence_start   INTEGER,
    evidence_end     INTEGER,
    reports          INTEGER DEFAULT 1,-- articles (or dataset mentions) reporting it
    url              VARCHAR,
    source_file      VARCHAR,          -- imported rows: file and line they came from
    source_line      BIGINT,
    cluster_id       VARCHAR,          -- cross-document merge: reports of one real event
    merged           BOOLEAN DEFAULT FALSE, -- a further report of the event named by cluster_id
    sentence_countries VARCHAR,        -- ISO3 codes (space-separated) of the actors and places in its
                                       -- evidence sentences ('' none; not a list: lists update slowly)
    document_countries VARCHAR,        -- ISO3 codes (space-separated) its document names
    cluster_sentence_countries VARCHAR, -- on an event with further reports: the two lists over all of
    cluster_document_countries VARCHAR, -- its reports (NULL otherwise); set by the cross-document merge
    source_code      VARCHAR,          -- actor codes: country + sector ("RUSGOV") or a dictionary's code
    target_code      VARCHAR,
    rule             VARCHAR           -- what coded it: "rules:<line>" or "dictionary:<line>"
);
-- Stores written before these columns existed get them here (and
-- store.connect derives their values: see store.derive_columns).
ALTER TABLE events ADD COLUMN IF NOT EXISTS merged BOOLEAN DEFAULT FALSE;
ALTER TABLE events ADD COLUMN IF NOT EXISTS sentence_countries VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS document_countries VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS cluster_sentence_countries VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS cluster_document_countries VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS source_code VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS target_code VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS rule VARCHAR;
CREATE TABLE IF NOT EXISTS evidence (
    event_id VARCHAR NOT NULL,
    doc_id   VARCHAR NOT NULL,
    text     VARCHAR NOT NULL,
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS rejects (
    path     VARCHAR NOT NULL,
    line     BIGINT,
    code     VARCHAR NOT NULL,
    reason   VARCHAR NOT NULL,
    seen_at  TIMESTAMP DEFAULT current_timestamp
);
-- The word index (entente.store.words): each distinct lower-cased word of a document's title and text,
-- and of an event's evidence, so whole-word search reads the index, not every text.
CREATE TABLE IF NOT EXISTS document_terms (
    term   VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS event_terms (
    term     VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL
);
-- The schema's version history (entente.store.MIGRATIONS): one row per version reached.
CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER NOT NULL,
    note       VARCHAR,
    applied_at TIMESTAMP DEFAULT current_timestamp
);
-- Analyst corrections: a person says an event is miscoded. The event row is never changed or deleted;
-- reads go through events_corrected (below), which applies the latest correction of each kind.
CREATE TABLE IF NOT EXISTS corrections (
    correction_id VARCHAR PRIMARY KEY,
    event_id      VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,   -- type | direction | date | duplicate | not_event
    cameo         VARCHAR,            -- type: the right CAMEO code, with its PLOVER type and weights
    plover        VARCHAR,
    goldstein     DOUBLE,
    quad_class    INTEGER,
    date          VARCHAR,            -- date: the right date (ISO at any precision) and its first day
    day           DATE,
    duplicate_of  VARCHAR,            -- duplicate: the event it repeats
    note          VARCHAR,
    who           VARCHAR NOT NULL,
    made_at       TIMESTAMP DEFAULT current_timestamp,
    withdrawn     BOOLEAN DEFAULT FALSE
);
-- Two branches so that filters on the events' columns reach the table scan: the events no correction
-- touches, as they are, and the few corrected ones.
CREATE OR REPLACE VIEW events_corrected AS
WITH latest AS (
    SELECT * FROM corrections WHERE NOT withdrawn
    QUALIFY row_number() OVER (PARTITION BY event_id, kind ORDER BY made_at DESC, correction_id DESC) = 1
), fix AS (
    SELECT event_id,
           max(cameo) FILTER (kind = 'type') AS cameo, max(plover) FILTER (kind = 'type') AS plover,
           max(goldstein) FILTER (kind = 'type') AS goldstein, max(quad_class) FILTER (kind = 'type') AS quad_class,
           max(date) FILTER (kind = 'date') AS date, max(day) FILTER (kind = 'date') AS day,
           bool_or(kind = 'direction') AS flip, bool_or(kind IN ('duplicate', 'not_event')) AS dropped,
           count(*) AS applied
    FROM latest GROUP BY event_id
)
SELECT e.*, 0 AS corrections FROM events e
WHERE e.event_id NOT IN (SELECT event_id FROM corrections WHERE NOT withdrawn)
UNION ALL
SELECT e.* REPLACE (
           CASE WHEN f.flip THEN e.target ELSE e.source END AS source,
           CASE WHEN f.flip THEN e.source ELSE e.target END AS target,
           CASE WHEN f.flip THEN e.target_actor ELSE e.source_actor END AS source_actor,
           CASE WHEN f.flip THEN e.source_actor ELSE e.target_actor END AS target_actor,
           coalesce(f.cameo, e.cameo) AS cameo, coalesce(substr(f.cameo, 1, 2), e.root) AS root,
           coalesce(f.plover, e.plover) AS plover, coalesce(f.goldstein, e.goldstein) AS goldstein,
           coalesce(f.quad_class, e.quad_class) AS quad_class, coalesce(f.date, e.date) AS date,
           coalesce(f.day, e.day) AS day),
       f.applied AS corrections
FROM events e JOIN fix f USING (event_id)
WHERE NOT f.dropped;
