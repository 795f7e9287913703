#include "platform/notify/webhook_http.h"

#include <curl/curl.h>

#include <algorithm>
#include <memory>

namespace yuanwu::notify {
namespace {

constexpr size_t kKeepBytes = 1024;

size_t KeepStart(char* data, size_t size, size_t count, void* user) {
  auto* out = static_cast<std::string*>(user);
  size_t n = size * count;
  if (out->size() < kKeepBytes) out->append(data, std::min(n, kKeepBytes - out->size()));
  return n;  // the rest is read and dropped: the answer only matters by its status
}

}  // namespace

PostOutcome PostJson(const std::string& url, const std::vector<std::string>& headers,
                     const std::string& body, const PostOptions& options) {
  PostOutcome out;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) {
    out.error = "curl_easy_init failed";
    return out;
  }
  curl_slist* list = nullptr;
  for (const std::string& h : headers) list = curl_slist_append(list, h.c_str());
  // Without this curl waits up to a second for "100 Continue" on bodies over 1 KiB.
  list = curl_slist_append(list, "Expect:");
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> list_guard(list, curl_slist_free_all);
  char error[CURL_ERROR_SIZE] = {0};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // a worker thread: no SIGALRM for DNS timeouts
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, options.connect_timeout_ms);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, options.timeout_ms);
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "yuanwu-webhook/1");
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, KeepStart);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &out.body_start);
  CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    out.error = error[0] != '\0' ? std::string(error) : std::string(curl_easy_strerror(rc));
    return out;
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out.status_code);
  return out;
}

}  // namespace yuanwu::notify
