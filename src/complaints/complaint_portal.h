// The public complaint pages (投诉 on the portal), server-rendered without JavaScript (the
// portal's CSP is script-src 'none'): plain HTML forms that POST and get a page back.
//
//   GET  /complaints/new    the form
//   POST /complaints        creates; on error the form again (400) with every field's reason
//                           and the values kept; on success the 编号 and the 查询码, shown once
//   GET  /complaints/track  code + tracking code form
//   POST /complaints/track  the status page: state, dates, deadline, the public timeline, the
//                           reply, and the rating form when replied and not yet rated
//   POST /complaints/rate   records the rating and shows the status page again
//
// Tracking codes never travel in a URL (only in POST bodies) and no page with one is cached
// (Cache-Control: no-store). A wrong code and a wrong tracking code get the same answer.
// The body is rendered from templates/complaint_*.mustache (labels in data/portal_labels.json,
// zh-CN unless ?lang=en or the yw_lang cookie says English) and framed by the site's layout
// through `frame`. Anonymous POSTs are rate-limited by the app.
#pragma once

#include <functional>
#include <string>

#include "complaints/complaint_service.h"
#include "platform/http/json.h"
#include "platform/http/router.h"
#include "platform/web/form_pages.h"

namespace yuanwu::complaints {

using web::PageFrame;

class ComplaintPortal {
 public:
  // `labels_json`: {"zh-CN": {…}, "en": {…}}; ShippedPortalLabelsJson() by default.
  ComplaintPortal(ComplaintService& service, org::OrgService& org, const web::Renderer& renderer,
                  PageFrame frame,
                  std::string labels_json = std::string(ShippedPortalLabelsJson()));

  void RegisterPages(http::Router& router);

  // The pages, public for tests.
  Result<http::Response> NewForm(http::Request& req);
  Result<http::Response> Submit(http::Request& req);
  Result<http::Response> TrackForm(http::Request& req);
  Result<http::Response> TrackPost(http::Request& req);
  Result<http::Response> RatePost(http::Request& req);

 private:
  using Page = web::FormPage;
  std::string L(const Page& p, const char* key) const { return pages_.Label(p, key); }
  Result<http::Response> Form(http::Request& req, Page& p, const http::Pairs& values,
                              const Status& error);
  Result<http::Response> TrackFormWith(http::Request& req, Page& p, const std::string& code,
                                       bool not_found);
  Result<http::Response> StatusPage(http::Request& req, Page& p, const TrackView& view,
                                    const std::string& code, const std::string& tracking,
                                    const std::string& message, const Status& rating_error);
  Result<http::Json> DepartmentOptions(const std::string& selected) const;
  std::string LocalTime(const std::string& utc) const;

  ComplaintService& service_;
  org::OrgService& org_;
  web::FormPages pages_;
};

}  // namespace yuanwu::complaints
