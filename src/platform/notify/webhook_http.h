// One HTTP POST with libcurl, for the webhook sender. Kept apart from the sender so the rest of
// the module never sees curl, and so Boost.Beast stays the server's alone.
#pragma once

#include <string>
#include <vector>

namespace yuanwu::notify {

struct PostOptions {
  long connect_timeout_ms = 5000;
  long timeout_ms = 10000;  // the whole exchange, so a trickling gateway cannot hold the sender
};

struct PostOutcome {
  long status_code = 0;    // the HTTP status; 0 when no answer came (see error)
  std::string error;       // curl's reason when status_code is 0
  std::string body_start;  // the first KiB of the answer, for the delivery log
};

// POSTs `body` to `url` (http or https only, no redirects followed) with `headers`
// ("Name: value"). Never throws; thread-safe (one curl handle per call).
PostOutcome PostJson(const std::string& url, const std::vector<std::string>& headers,
                     const std::string& body, const PostOptions& options);

}  // namespace yuanwu::notify
