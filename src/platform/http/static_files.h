// Serves a directory of built assets (the console) from memory with ETag and cache headers.
// Files under "assets/" carry content hashes in their names (Vite) and are cached for a year;
// everything else must revalidate. Paths are confined to the directory.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "platform/http/message.h"

namespace yuanwu::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}
  // `rel` is the path below the root ("assets/index-ab12.js"); empty means index.html.
  // Unknown paths fall back to index.html when `spa_fallback` (client-side routing).
  Response Serve(const Request& req, std::string rel, bool spa_fallback);

 private:
  struct Entry {
    std::string body;
    std::string etag;
    std::string content_type;
  };
  const Entry* Load(const std::string& rel);

  std::string root_;
  std::mutex mu_;
  std::map<std::string, Entry> cache_;
};

std::string ContentTypeFor(std::string_view filename);

}  // namespace yuanwu::http
