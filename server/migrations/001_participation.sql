-- Public participation: suggestions, moderators, their sessions and an audit log.
-- Same SQL on PGlite (embedded) and PostgreSQL.

CREATE TABLE suggestions (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  receipt       text NOT NULL UNIQUE,
  category      text NOT NULL CHECK (category IN ('support', 'concern', 'question', 'idea')),
  body          text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 2000),
  lon           double precision CHECK (lon BETWEEN -180 AND 180),
  lat           double precision CHECK (lat BETWEEN -90 AND 90),
  exact         boolean NOT NULL DEFAULT false,
  element_id    text CHECK (char_length(element_id) <= 100),
  contact       text CHECK (char_length(contact) <= 200),
  lang          text NOT NULL DEFAULT 'zh' CHECK (lang IN ('zh', 'en')),
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'rejected')),
  reject_reason text CHECK (char_length(reject_reason) <= 1000),
  reply         text CHECK (char_length(reply) <= 2000),
  replied_at    timestamptz,
  device_hash   text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((lon IS NULL) = (lat IS NULL)),
  CHECK (lon IS NOT NULL OR element_id IS NOT NULL)
);
CREATE INDEX suggestions_status_created ON suggestions (status, created_at);
CREATE INDEX suggestions_element ON suggestions (element_id) WHERE element_id IS NOT NULL;

CREATE TABLE moderators (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name          text NOT NULL UNIQUE CHECK (char_length(name) BETWEEN 1 AND 64),
  password_hash text NOT NULL,
  disabled      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Only a hash of the session token is stored: a copy of the database does not yield live sessions.
CREATE TABLE sessions (
  token_hash   text PRIMARY KEY,
  moderator_id bigint NOT NULL REFERENCES moderators (id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE audit_log (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  moderator_id  bigint REFERENCES moderators (id) ON DELETE SET NULL,
  moderator     text NOT NULL,
  action        text NOT NULL,
  suggestion_id bigint REFERENCES suggestions (id) ON DELETE SET NULL,
  detail        text
);
CREATE INDEX audit_log_at ON audit_log (at);

-- Server-wide secrets (the device-hash salt), shared by every app server on one database.
CREATE TABLE settings (
  key   text PRIMARY KEY,
  value text NOT NULL
);
