#include "platform/notify/webhook_settings.h"

#include <spdlog/spdlog.h>

#include <cctype>
#include <nlohmann/json.hpp>

#include "platform/audit/audit_log.h"
#include "platform/base/text.h"
#include "platform/db/row.h"

namespace yuanwu::notify {
namespace {

using Json = nlohmann::ordered_json;

Status UrlError(const char* zh, const char* en) { return Status::Invalid("url", zh, en); }

bool IsHostChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_';
}

// "host", "host:port" or "[v6]:port" of an authority without userinfo.
Status ValidateHostPort(std::string_view authority) {
  std::string_view host = authority;
  std::string_view port;
  bool has_port = false;
  if (authority.starts_with('[')) {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      return UrlError("网址的 IPv6 地址缺少 ]", "the URL's IPv6 address lacks ']'");
    }
    host = authority.substr(1, close - 1);
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (!rest.starts_with(':'))
        return UrlError("网址的端口格式不正确", "the URL's port is malformed");
      has_port = true;
      port = rest.substr(1);
    }
    for (char c : host) {
      if (!(std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.')) {
        return UrlError("网址的 IPv6 地址格式不正确", "the URL's IPv6 address is malformed");
      }
    }
  } else {
    size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
      has_port = true;
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
    }
    for (char c : host) {
      if (!IsHostChar(c)) {
        return UrlError("网址的主机名含有不允许的字符",
                        "the URL's host contains invalid characters");
      }
    }
  }
  if (host.empty()) return UrlError("网址缺少主机名", "the URL has no host");
  if (has_port && port.empty()) return UrlError("网址的端口不能为空", "the URL's port is empty");
  if (has_port) {
    if (port.size() > 5)
      return UrlError("网址的端口应为 1–65535", "the URL's port must be 1–65535");
    int value = 0;
    for (char c : port) {
      if (c < '0' || c > '9') {
        return UrlError("网址的端口应为 1–65535", "the URL's port must be 1–65535");
      }
      value = value * 10 + (c - '0');
    }
    if (value < 1 || value > 65535) {
      return UrlError("网址的端口应为 1–65535", "the URL's port must be 1–65535");
    }
  }
  return Status::Ok();
}

Status ValidateSecret(const std::string& secret) {
  for (char c : secret) {
    // Printable ASCII without spaces: gateways in any language read it the same way.
    if (c < 0x21 || c > 0x7e) {
      return Status::Invalid("secret", "签名密钥只能包含英文字母、数字和符号（不含空格）",
                             "the secret may contain only ASCII letters, digits and symbols "
                             "(no spaces)");
    }
  }
  if (secret.size() < kMinSecretChars || secret.size() > kMaxSecretChars) {
    return Status::Invalid("secret",
                           "签名密钥长度应为 " + std::to_string(kMinSecretChars) + "–" +
                               std::to_string(kMaxSecretChars) + " 个字符",
                           "the secret must be " + std::to_string(kMinSecretChars) + " to " +
                               std::to_string(kMaxSecretChars) + " characters long");
  }
  return Status::Ok();
}

// What the audit trail may know about the settings: everything but the secret.
Json AuditView(const WebhookSettings& s) {
  return {{"url", s.url}, {"enabled", s.enabled}, {"has_secret", !s.secret.empty()}};
}

WebhookSettings Parse(const std::string& text) {
  WebhookSettings s;
  Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    spdlog::warn("setting 'webhook' is not a JSON object; the webhook is treated as disabled");
    return s;
  }
  if (j.contains("url") && j["url"].is_string()) s.url = j["url"].get<std::string>();
  if (j.contains("secret") && j["secret"].is_string()) s.secret = j["secret"].get<std::string>();
  if (j.contains("enabled") && j["enabled"].is_boolean()) s.enabled = j["enabled"].get<bool>();
  return s;
}

}  // namespace

Result<WebhookSettings> LoadWebhookSettings(soci::session& sql) {
  WebhookSettings s;
  std::string key = kWebhookSettingKey;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT value FROM setting WHERE key = :k", soci::use(key));
  for (const soci::row& r : rows) s = Parse(db::Text(r, 0));
  return s;
}

Status ValidateWebhookUrl(std::string_view url) {
  if (url.size() > kMaxUrlChars) {
    return UrlError("网址不能超过 2000 个字符", "the URL must be at most 2000 characters");
  }
  for (char c : url) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) {
      return UrlError("网址不能含有空格、控制字符或中文（中文域名请填写 punycode 形式）",
                      "the URL may not contain spaces, control or non-ASCII characters (write "
                      "an internationalised domain in punycode)");
    }
  }
  std::string lower = ToLowerAscii(url);
  size_t start = 0;
  if (lower.starts_with("https://")) {
    start = 8;
  } else if (lower.starts_with("http://")) {
    start = 7;
  } else {
    return UrlError("网址须以 http:// 或 https:// 开头",
                    "the URL must start with http:// or https://");
  }
  std::string_view rest = url.substr(start);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.find('@') != std::string_view::npos) {
    return UrlError("网址不能包含用户名或密码（网址会记入审计日志），请改用签名密钥",
                    "the URL may not contain a user name or password (it is recorded in the "
                    "audit trail); use the signing secret");
  }
  return ValidateHostPort(authority);
}

Result<WebhookSettings> SaveWebhookSettings(db::Database& db, const Clock& clock,
                                            const auth::Actor& actor, const WebhookUpdate& u) {
  Validation v;
  if (!u.url.empty()) {
    Status s = ValidateWebhookUrl(u.url);
    if (!s.ok()) v.Fail("url", s.fields()[0].reason, s.fields()[0].reason_en);
  } else if (u.enabled) {
    v.Fail("url", "启用 Webhook 须填写网址", "a URL is required to enable the webhook");
  }
  bool new_secret = u.secret.has_value() && !u.secret->empty();
  if (new_secret) {
    Status s = ValidateSecret(*u.secret);
    if (!s.ok()) v.Fail("secret", s.fields()[0].reason, s.fields()[0].reason_en);
  }
  YW_RETURN_IF_ERROR(v.ToStatus());

  WebhookSettings saved;
  YW_RETURN_IF_ERROR(db.Transact([&](soci::session& sql) -> Status {
    YW_ASSIGN_OR_RETURN(WebhookSettings before, LoadWebhookSettings(sql));
    saved = {u.url, new_secret ? *u.secret : before.secret, u.enabled};
    if (saved.enabled && saved.secret.empty()) {
      return Status::Invalid("secret", "启用 Webhook 须设置签名密钥",
                             "a signing secret is required to enable the webhook");
    }
    Json stored = {{"url", saved.url}, {"secret", saved.secret}, {"enabled", saved.enabled}};
    std::string key = kWebhookSettingKey;
    std::string value = stored.dump();
    sql << "DELETE FROM setting WHERE key = :k", soci::use(key);
    sql << "INSERT INTO setting (key, value) VALUES (:k, :v)", soci::use(key), soci::use(value);
    Json after = AuditView(saved);
    after["secret_changed"] = new_secret;
    return audit::Append(
        sql, db.dialect(), clock, actor,
        {"settings.webhook", "setting", key, AuditView(before).dump(), after.dump()});
  }));
  return saved;
}

}  // namespace yuanwu::notify
