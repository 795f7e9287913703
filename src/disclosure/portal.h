// Portal: the server-rendered public site (社会/患者) and the staff area (职工), in Chinese,
// working without JavaScript. Reads go through PortalStore (live publications only, filtered by
// audience in SQL). Anonymous pages are cached in memory until the next disclosure change, so
// a published item page costs a map lookup; signed-in pages are never cached or stored by
// browsers.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "disclosure/item_service.h"
#include "disclosure/price_service.h"
#include "org/org_service.h"
#include "platform/auth/guard.h"
#include "platform/base/file_store.h"
#include "platform/http/json.h"
#include "platform/http/rate_limiter.h"
#include "platform/http/router.h"
#include "platform/web/renderer.h"

namespace yuanwu::disclosure {

struct PortalOptions {
  int64_t local_offset_seconds = 8 * 3600;
  std::string hospital_json;  // the hospital profile (setting "hospital")
  std::string labels_json;    // templates/portal_labels.json: {"zh-CN": {…}, "en": {…}}
};

class Portal {
 public:
  Portal(db::Database& db, const web::Renderer& renderer, auth::Guard& guard,
         auth::SessionService& sessions, ItemService& items, PriceService& prices,
         org::OrgService& org, FileStore& files, http::RateLimiter& login_limiter,
         PortalOptions options);

  void RegisterPages(http::Router& router);
  // Drops every cached page; called on any disclosure or organisation change.
  void Invalidate() { generation_.fetch_add(1); }
  // Thread-safe: pages being rendered keep the profile they started with.
  void SetHospital(const std::string& json);
  // A page of another module (依申请公开, 投诉) in the site's layout: `body_html`, already
  // rendered and escaped by that module, between the header and footer for the request's reader.
  // Never cached: such pages carry forms and personal data.
  Result<http::Response> Framed(const http::Request& req, const std::string& title,
                                const std::string& body_html);

 private:
  struct Reader {
    std::optional<auth::Principal> principal;
    bool staff = false;    // may read 职工 items
    bool english = false;  // ?lang=en or the yw_lang cookie; Chinese otherwise
    std::string target;    // the request target, for the language switch link
  };
  // A label in the reader's language (templates/portal_labels.json).
  std::string L(const Reader& r, const char* key) const;
  Reader ReaderOf(const http::Request& req);
  http::Json Base(const Reader& r, const std::string& title) const;
  Result<http::Response> Page(const std::string& tmpl, const http::Json& ctx) const;
  // Serves from the cache for anonymous readers, or renders with `render` and stores.
  http::Response Cached(const http::Request& req, const Reader& reader,
                        const std::function<Result<http::Response>()>& render);

  Result<http::Response> Home(const Reader& r);
  Result<http::Response> CatalogueIndex(const Reader& r);
  Result<http::Response> CataloguePage(const http::Request& req, const Reader& r);
  Result<http::Response> ItemPage(const http::Request& req, const Reader& r);
  Result<http::Response> AttachmentFile(const http::Request& req, const Reader& r);
  Result<http::Response> SearchPage(const http::Request& req, const Reader& r);
  Result<http::Response> PricesPage(const http::Request& req, const Reader& r);
  Result<http::Response> HospitalPage(const Reader& r);
  Result<http::Response> DepartmentsPage(const Reader& r);
  Result<http::Response> DepartmentPage(const http::Request& req, const Reader& r);
  Result<http::Response> StaffPage(const http::Request& req, const Reader& r);
  Result<http::Response> LoginForm(const http::Request& req, const Reader& r,
                                   const std::string& error, int status);
  Result<http::Response> LoginPost(http::Request& req);
  Result<http::Response> LogoutPost(http::Request& req);
  Result<http::Response> Sitemap(const http::Request& req);
  static Result<http::Response> SwitchLanguage(const http::Request& req);
  http::Response NotFoundPage(const Reader& r) const;

  db::Database& db_;
  const web::Renderer& renderer_;
  auth::Guard& guard_;
  auth::SessionService& sessions_;
  ItemService& items_;
  PriceService& prices_;
  org::OrgService& org_;
  FileStore& files_;
  http::RateLimiter& login_limiter_;
  PortalOptions options_;
  http::Json labels_;
  mutable std::mutex hospital_mu_;
  std::shared_ptr<const http::Json> hospital_;  // GUARDED_BY(hospital_mu_)

  std::atomic<uint64_t> generation_{1};
  std::shared_mutex cache_mu_;
  struct CacheEntry {
    uint64_t generation;
    http::Response response;
  };
  std::unordered_map<std::string, CacheEntry> cache_;
};

}  // namespace yuanwu::disclosure
