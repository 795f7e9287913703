// What the portal's server-rendered public forms share (the complaint form, the 依申请公开
// form, their tracking pages): the visitor's language and the page's labels, field errors as the
// templates show them, and a response framed by the site's layout that no browser or proxy
// stores — these pages hold personal data and tracking codes.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/result.h"
#include "platform/base/status.h"
#include "platform/http/json.h"
#include "platform/http/message.h"
#include "platform/http/url.h"
#include "platform/web/renderer.h"

namespace yuanwu::web {

// Wraps a rendered body in the site's layout (the portal's header and footer).
using PageFrame = std::function<Result<http::Response>(http::Request&, const std::string& title,
                                                       const std::string& body_html)>;

// One page being built: its language and the template's context.
struct FormPage {
  bool english = false;
  // t: the labels in the page's language; lang_suffix: "?lang=en" when the language came from
  // the URL, for the page's own links and form actions, so a POST answers in that language.
  http::Json ctx;
};

class FormPages {
 public:
  // `labels_json`: {"zh-CN": {…}, "en": {…}}; a malformed file leaves the labels empty, and
  // the pages then show the keys rather than fail.
  FormPages(const Renderer& renderer, PageFrame frame, std::string_view labels_json);

  // English when ?lang= or else the yw_lang cookie starts with "en"; zh-CN otherwise.
  FormPage Start(const http::Request& req) const;
  // The label `key` in the page's language; the key itself when missing.
  std::string Label(const FormPage& p, const char* key) const;
  // Renders `tmpl` with p.ctx into the frame, titled by the label `title_key`, with `status`
  // and Cache-Control: private, no-store.
  Result<http::Response> Show(http::Request& req, const FormPage& p, const std::string& tmpl,
                              const char* title_key, int status) const;

 private:
  const Renderer& renderer_;
  PageFrame frame_;
  http::Json labels_;
};

// Sets ctx.errors ([{field, reason}] — a status without field errors gives one entry with
// field ""), ctx.has_errors and ctx.err ({field: its first reason}) from `error`.
void SetFormErrors(FormPage& p, const Status& error);

// The value of field `key` of a urlencoded form; "" when absent.
std::string FormField(const http::Pairs& form, std::string_view key);

// Text the tracking forms accept as a number or a tracking code: short, clean UTF-8, one line.
// Anything else cannot match and is answered as "not found" without a lookup.
bool PlausibleCode(const std::string& s);

// The options of a <select>: [{code, name, selected}], for any list of {code, name, name_en}.
template <typename CodeList>
http::Json SelectOptions(const CodeList& list, const std::string& selected, bool english) {
  http::Json a = http::Json::array();
  for (const auto& c : list) {
    a.push_back({{"code", c.code},
                 {"name", english ? c.name_en : c.name},
                 {"selected", c.code == selected}});
  }
  return a;
}

}  // namespace yuanwu::web
