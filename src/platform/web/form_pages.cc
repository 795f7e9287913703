#include "platform/web/form_pages.h"

#include "platform/base/text.h"

namespace yuanwu::web {

using http::Json;

FormPages::FormPages(const Renderer& renderer, PageFrame frame, std::string_view labels_json)
    : renderer_(renderer), frame_(std::move(frame)) {
  labels_ = Json::parse(labels_json, nullptr, false);
  if (labels_.is_discarded() || !labels_.is_object()) {
    labels_ = {{"zh-CN", Json::object()}, {"en", Json::object()}};
  }
}

FormPage FormPages::Start(const http::Request& req) const {
  FormPage p;
  std::string lang = req.HasQuery("lang") ? req.Query("lang") : req.Cookie("yw_lang");
  p.english = lang.starts_with("en");
  p.ctx = {{"t", labels_[p.english ? "en" : "zh-CN"]},
           {"lang_suffix", p.english && req.HasQuery("lang") ? "?lang=en" : ""}};
  return p;
}

std::string FormPages::Label(const FormPage& p, const char* key) const {
  const Json& lang = labels_[p.english ? "en" : "zh-CN"];
  return lang.contains(key) && lang[key].is_string() ? lang[key].get<std::string>() : key;
}

Result<http::Response> FormPages::Show(http::Request& req, const FormPage& p,
                                       const std::string& tmpl, const char* title_key,
                                       int status) const {
  YW_ASSIGN_OR_RETURN(std::string body, renderer_.Render(tmpl, p.ctx));
  YW_ASSIGN_OR_RETURN(http::Response res, frame_(req, Label(p, title_key), body));
  res.status = status;
  res.Set("Cache-Control", "private, no-store");
  return res;
}

void SetFormErrors(FormPage& p, const Status& error) {
  Json errors = Json::array();
  Json err = Json::object();
  for (const FieldError& f : error.fields()) {
    std::string reason = p.english ? f.reason_en : f.reason;
    errors.push_back({{"field", f.field}, {"reason", reason}});
    if (!err.contains(f.field)) err[f.field] = reason;
  }
  if (!error.ok() && error.fields().empty()) {
    errors.push_back({{"field", ""}, {"reason", p.english ? error.message_en() : error.message()}});
  }
  p.ctx["has_errors"] = !errors.empty();
  p.ctx["errors"] = std::move(errors);
  p.ctx["err"] = std::move(err);
}

std::string FormField(const http::Pairs& form, std::string_view key) {
  for (const auto& [k, v] : form) {
    if (k == key) return v;
  }
  return {};
}

bool PlausibleCode(const std::string& s) {
  return !s.empty() && s.size() <= 64 && IsCleanUtf8(s) && s.find('\n') == std::string::npos;
}

}  // namespace yuanwu::web
