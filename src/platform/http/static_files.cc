#include "platform/http/static_files.h"

#include <sodium.h>

#include <fstream>
#include <sstream>

#include "platform/base/text.h"

namespace yuanwu::http {

std::string ContentTypeFor(std::string_view name) {
  std::string n = ToLowerAscii(name);
  auto ends = [&](std::string_view ext) { return n.ends_with(ext); };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".json")) return "application/json; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".jpg") || ends(".jpeg")) return "image/jpeg";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".woff")) return "font/woff";
  if (ends(".ttf")) return "font/ttf";
  if (ends(".pdf")) return "application/pdf";
  if (ends(".txt")) return "text/plain; charset=utf-8";
  if (ends(".docx"))
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  if (ends(".xlsx")) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  if (ends(".csv")) return "text/csv; charset=utf-8";
  return "application/octet-stream";
}

const StaticFiles::Entry* StaticFiles::Load(const std::string& rel) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = cache_.find(rel);
  if (it != cache_.end()) return &it->second;
  std::ifstream in(root_ + "/" + rel, std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream ss;
  ss << in.rdbuf();
  Entry e;
  e.body = ss.str();
  unsigned char hash[crypto_generichash_BYTES_MIN];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(e.body.data()),
                     e.body.size(), nullptr, 0);
  e.etag = "\"" + HexEncode(std::string_view(reinterpret_cast<char*>(hash), sizeof hash)) + "\"";
  e.content_type = ContentTypeFor(rel);
  return &cache_.emplace(rel, std::move(e)).first->second;
}

Response StaticFiles::Serve(const Request& req, std::string rel, bool spa_fallback) {
  bool safe = rel.find("..") == std::string::npos && rel.find('\\') == std::string::npos &&
              rel.find('\0') == std::string::npos && !rel.starts_with("/");
  const Entry* e = nullptr;
  if (safe && !rel.empty()) e = Load(rel);
  bool is_index = false;
  if (e == nullptr && (rel.empty() || spa_fallback)) {
    e = Load("index.html");
    is_index = true;
  }
  if (e == nullptr) {
    return Response::Text(404, "未找到文件 / file not found");
  }
  Response r;
  if (req.Header("if-none-match") == e->etag) {
    r.status = 304;
  } else {
    r.body = e->body;
  }
  r.Set("Content-Type", e->content_type);
  r.Set("ETag", e->etag);
  r.Set("Cache-Control", !is_index && rel.starts_with("assets/")
                             ? "public, max-age=31536000, immutable"
                             : "no-cache");
  return r;
}

}  // namespace yuanwu::http
