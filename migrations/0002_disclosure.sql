-- 院务公开: catalogue, items with versions and reviews, the live publications the portal
-- reads, the publication log for statistics, the search index and price lists.

CREATE TABLE disclosure_catalogue (
  id __ID__,
  parent_id BIGINT REFERENCES disclosure_catalogue(id),
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  content TEXT NOT NULL DEFAULT '',
  audience TEXT NOT NULL,
  channels TEXT NOT NULL DEFAULT '',
  department_id BIGINT REFERENCES department(id),
  time_limit_days BIGINT NOT NULL DEFAULT 20,
  legal_basis TEXT NOT NULL DEFAULT '',
  sort BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE disclosure_item (
  id __ID__,
  catalogue_id BIGINT NOT NULL REFERENCES disclosure_catalogue(id),
  title TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  audience TEXT NOT NULL,
  channels TEXT NOT NULL DEFAULT '',
  department_id BIGINT REFERENCES department(id),
  state TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  formed_on TEXT NOT NULL,
  publish_at TEXT,
  expire_at TEXT,
  published_at TEXT,
  created_by BIGINT REFERENCES app_user(id),
  created_by_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  rejection_stage TEXT,
  rejection_by TEXT,
  rejection_at TEXT,
  rejection_reasons TEXT,
  views BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX ix_item_state ON disclosure_item (state);
CREATE INDEX ix_item_catalogue ON disclosure_item (catalogue_id);

CREATE TABLE disclosure_version (
  item_id BIGINT NOT NULL REFERENCES disclosure_item(id),
  version BIGINT NOT NULL,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  body TEXT NOT NULL,
  audience TEXT NOT NULL,
  channels TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  saved_by_name TEXT NOT NULL,
  PRIMARY KEY (item_id, version)
);

CREATE TABLE disclosure_review (
  id __ID__,
  item_id BIGINT NOT NULL REFERENCES disclosure_item(id),
  version BIGINT NOT NULL,
  stage TEXT NOT NULL,
  result TEXT NOT NULL,
  basis TEXT NOT NULL DEFAULT '',
  opinion TEXT NOT NULL DEFAULT '',
  reviewer_id BIGINT REFERENCES app_user(id),
  reviewer_name TEXT NOT NULL,
  at TEXT NOT NULL
);

CREATE TABLE disclosure_event (
  id __ID__,
  item_id BIGINT NOT NULL REFERENCES disclosure_item(id),
  action TEXT NOT NULL,
  at TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_event_item ON disclosure_event (item_id);

-- What the public and staff portals read: one row per item that is live now.
CREATE TABLE disclosure_publication (
  item_id BIGINT PRIMARY KEY REFERENCES disclosure_item(id),
  version BIGINT NOT NULL,
  catalogue_id BIGINT NOT NULL REFERENCES disclosure_catalogue(id),
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  body TEXT NOT NULL,
  audience TEXT NOT NULL,
  channels TEXT NOT NULL,
  department_id BIGINT,
  published_at TEXT NOT NULL,
  expire_at TEXT
);
CREATE INDEX ix_publication_audience ON disclosure_publication (audience, published_at);

-- Every publication ever made, for the annual statistics.
CREATE TABLE disclosure_publication_log (
  id __ID__,
  item_id BIGINT NOT NULL REFERENCES disclosure_item(id),
  version BIGINT NOT NULL,
  catalogue_id BIGINT NOT NULL,
  channels TEXT NOT NULL,
  audience TEXT NOT NULL,
  published_at TEXT NOT NULL,
  ended_at TEXT,
  end_reason TEXT
);
CREATE INDEX ix_publog_published ON disclosure_publication_log (published_at);

CREATE TABLE search_token (
  doc_kind TEXT NOT NULL,
  doc_id BIGINT NOT NULL,
  token TEXT NOT NULL,
  PRIMARY KEY (doc_kind, doc_id, token)
);
CREATE INDEX ix_search_token ON search_token (token, doc_kind, doc_id);

CREATE TABLE price_item (
  id __ID__,
  kind TEXT NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  unit TEXT NOT NULL DEFAULT '',
  spec TEXT NOT NULL DEFAULT '',
  price_fen BIGINT NOT NULL,
  category TEXT NOT NULL DEFAULT '',
  connotation TEXT NOT NULL DEFAULT '',
  exclusions TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  manufacturer TEXT NOT NULL DEFAULT '',
  effective_from TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  UNIQUE (kind, code)
);
