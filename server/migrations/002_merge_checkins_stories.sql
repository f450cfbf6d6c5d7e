-- Merging duplicate suggestions, kiosk check-ins and visitors' stories. Same SQL on PGlite and PostgreSQL.

-- A merged suggestion points at the one it duplicates; its receipt names that one.
ALTER TABLE suggestions ADD COLUMN merged_into bigint REFERENCES suggestions (id) ON DELETE SET NULL;
ALTER TABLE suggestions DROP CONSTRAINT suggestions_status_check;
ALTER TABLE suggestions ADD CONSTRAINT suggestions_status_check CHECK (status IN ('pending', 'published', 'rejected', 'merged'));
ALTER TABLE suggestions ADD CONSTRAINT suggestions_merged_check CHECK ((status = 'merged') = (merged_into IS NOT NULL));

-- "我在这里打卡": one row per check-in. client_id is made by the browser's outbox, so a resend after a lost
-- answer is recognised and not counted twice.
CREATE TABLE checkins (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  client_id   text NOT NULL UNIQUE CHECK (char_length(client_id) BETWEEN 8 AND 64),
  place       text NOT NULL CHECK (char_length(place) BETWEEN 3 AND 160),
  lon         double precision CHECK (lon BETWEEN -180 AND 180),
  lat         double precision CHECK (lat BETWEEN -90 AND 90),
  client_at   timestamptz,
  device_hash text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((lon IS NULL) = (lat IS NULL))
);
CREATE INDEX checkins_place ON checkins (place);

-- "分享我的故事": short texts tied to a place, moderated like suggestions.
CREATE TABLE stories (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  receipt       text NOT NULL UNIQUE,
  client_id     text NOT NULL UNIQUE CHECK (char_length(client_id) BETWEEN 8 AND 64),
  place         text NOT NULL CHECK (char_length(place) BETWEEN 3 AND 160),
  body          text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 500),
  lon           double precision CHECK (lon BETWEEN -180 AND 180),
  lat           double precision CHECK (lat BETWEEN -90 AND 90),
  lang          text NOT NULL DEFAULT 'zh' CHECK (lang IN ('zh', 'en')),
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'rejected')),
  reject_reason text CHECK (char_length(reject_reason) <= 1000),
  client_at     timestamptz,
  device_hash   text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((lon IS NULL) = (lat IS NULL))
);
CREATE INDEX stories_status ON stories (status, id);
CREATE INDEX stories_place ON stories (place) WHERE status = 'published';

ALTER TABLE audit_log ADD COLUMN story_id bigint REFERENCES stories (id) ON DELETE SET NULL
