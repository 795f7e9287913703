// The public pages of 依申请公开 on the portal, server-rendered without JavaScript (the portal's
// CSP is script-src 'none'): plain HTML forms that POST and get a page back.
//
//   GET  /disclosure/apply   the application form (a one-time form key in a hidden field)
//   POST /disclosure/apply   registers; on bad input the form again (400) with every field's
//                            reason and the values kept, nothing written; on success the
//                            申请编号 and the 查询码, shown once; the same form sent again (a
//                            reload) registers nothing and says so (409)
//   GET  /disclosure/track   application number + tracking code form
//   POST /disclosure/track   the status page: state, receipt date, answer due date (after a 补正
//                            restart, pauses and extensions; the days left while paused), the
//                            补正 asked for, the answer, and the public timeline
//
// The success page answers the POST itself rather than redirecting: the tracking code must be
// shown once and never travel in a URL. Tracking codes are only ever in POST bodies, and no page
// here may be stored (Cache-Control: private, no-store). A wrong number and a wrong tracking
// code get the same answer. Labels: templates/application_labels.json, zh-CN unless ?lang=en or
// the yw_lang cookie says English; every value is HTML-escaped by the renderer. The body is
// framed by the site's layout through `frame` (disclosure::Portal::Framed). Anonymous POSTs are
// rate-limited by the app.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "disclosure/application_service.h"
#include "platform/base/random.h"
#include "platform/http/json.h"
#include "platform/http/router.h"
#include "platform/web/form_pages.h"

namespace yuanwu::disclosure {

using web::PageFrame;

// templates/application_labels.json as compiled into the module.
std::string_view ShippedApplicationLabelsJson();

class ApplicationPortal {
 public:
  // `labels_json`: {"zh-CN": {…}, "en": {…}}.
  ApplicationPortal(ApplicationService& service, const web::Renderer& renderer, PageFrame frame,
                    Random& random,
                    std::string labels_json = std::string(ShippedApplicationLabelsJson()));

  void RegisterPages(http::Router& router);

  // The pages, public for tests.
  Result<http::Response> ApplyForm(http::Request& req);
  Result<http::Response> ApplyPost(http::Request& req);
  Result<http::Response> TrackForm(http::Request& req);
  Result<http::Response> TrackPost(http::Request& req);

 private:
  using Page = web::FormPage;
  std::string L(const Page& p, const char* key) const { return pages_.Label(p, key); }
  // "{n}个工作日" in the page's language for a count of working days.
  std::string WorkingDays(const Page& p, int64_t n) const;
  std::string PeriodLabel(const Page& p, const std::string& period) const;
  Result<http::Response> Form(http::Request& req, Page& p, const http::Pairs& values,
                              const Status& error);
  Result<http::Response> TrackFormWith(http::Request& req, Page& p, const std::string& code,
                                       bool not_found);
  Result<http::Response> StatusPage(http::Request& req, Page& p, const ApplicationTrack& view);
  std::string LocalTime(const std::string& utc) const;

  ApplicationService& service_;
  web::FormPages pages_;
  Random& random_;
};

}  // namespace yuanwu::disclosure
