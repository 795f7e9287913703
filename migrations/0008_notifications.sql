-- Notifications (src/platform/notify): the console inbox (站内消息) and the webhook outbox an
-- SMS / 企业微信 / 钉钉 gateway consumes. Both are written by notify::Enqueue inside the
-- transaction of the change that caused them. The webhook's settings are the `setting` row
-- with key 'webhook' (JSON {url, secret, enabled}).

-- One row per recipient; read_at is NULL until the recipient opens it or marks all read.
CREATE TABLE notification (
  id __ID__,
  user_id BIGINT NOT NULL REFERENCES app_user(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  entity TEXT NOT NULL DEFAULT '',
  entity_id TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  read_at TEXT
);
-- The inbox page (newest first) and the unread badge, both per user.
CREATE INDEX ix_notification_user ON notification (user_id, id);
CREATE INDEX ix_notification_unread ON notification (user_id, read_at);

-- The outbox: body_json is exactly the bytes POSTed (and signed). status is pending until a
-- 2xx answer (delivered) or the last retry failed (failed); next_attempt_at is when the sender
-- may try next (ISO UTC text, compared as text).
CREATE TABLE webhook_delivery (
  id __ID__,
  kind TEXT NOT NULL,
  body_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  last_status_code BIGINT,
  last_error TEXT NOT NULL DEFAULT '',
  delivered_at TEXT
);
CREATE INDEX ix_webhook_delivery_due ON webhook_delivery (status, next_attempt_at);
