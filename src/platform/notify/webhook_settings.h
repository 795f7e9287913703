// The webhook's settings: where the outbox is POSTed and the secret its signature uses. Stored
// as the `setting` row with key "webhook", JSON {"url", "secret", "enabled"}; the secret is
// write-only in the API (it is only ever reported as has_secret) and never enters the audit
// trail.
//
// Example:
//   Result<WebhookSettings> s = SaveWebhookSettings(db, clock, actor,
//                                                   {"https://gw.example.cn/yw", "s3cret…", true});
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <string_view>

#include "platform/auth/principal.h"
#include "platform/base/clock.h"
#include "platform/base/result.h"
#include "platform/db/database.h"

namespace yuanwu::notify {

inline constexpr const char* kWebhookSettingKey = "webhook";
// A shorter secret is guessable; the gateway stores it, so length costs nobody anything.
inline constexpr size_t kMinSecretChars = 16;
inline constexpr size_t kMaxSecretChars = 200;
inline constexpr size_t kMaxUrlChars = 2000;

struct WebhookSettings {
  std::string url;
  std::string secret;
  bool enabled = false;

  // Whether Enqueue writes outbox rows and the sender delivers them.
  bool Active() const { return enabled && !url.empty() && !secret.empty(); }
};

// The stored settings, or defaults (disabled) when none were saved. A stored value that is not
// the expected JSON reads as disabled (and is logged): notifications must not fail because of it.
Result<WebhookSettings> LoadWebhookSettings(soci::session& sql);

// OK for an absolute http:// or https:// URL with a host, no credentials and no spaces;
// otherwise Invalid on field "url" saying which of these is wrong.
Status ValidateWebhookUrl(std::string_view url);

struct WebhookUpdate {
  std::string url;
  std::optional<std::string> secret;  // nullopt (or "") keeps the stored secret
  bool enabled = false;
};

// Validates `u` (URL as above, may be empty only when disabled; secret kMinSecretChars to
// kMaxSecretChars characters; enabling needs a URL and a secret, new or stored) and stores it,
// with an audit entry "settings.webhook" whose before/after carry url, enabled and has_secret
// (and secret_changed), never the secret. Returns the stored settings.
Result<WebhookSettings> SaveWebhookSettings(db::Database& db, const Clock& clock,
                                            const auth::Actor& actor, const WebhookUpdate& u);

}  // namespace yuanwu::notify
