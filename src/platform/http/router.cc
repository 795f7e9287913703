#include "platform/http/router.h"

#include "platform/http/problem.h"

namespace yuanwu::http {

std::vector<std::string_view> PathSegments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < path.size()) {
    size_t slash = path.find('/', pos);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > pos) out.push_back(path.substr(pos, slash - pos));
    pos = slash + 1;
  }
  return out;
}

void Router::Add(std::string method, std::string pattern, Handler handler) {
  Route r;
  r.method = std::move(method);
  for (std::string_view s : PathSegments(pattern)) r.segments.emplace_back(s);
  r.pattern = std::move(pattern);
  r.handler = std::move(handler);
  routes_.push_back(std::move(r));
}

bool Router::Match(const Route& route, const std::vector<std::string_view>& segments,
                   std::map<std::string, std::string>* params) {
  size_t n = route.segments.size();
  for (size_t i = 0; i < n; ++i) {
    const std::string& pat = route.segments[i];
    bool is_param = pat.size() > 2 && pat.front() == '{' && pat.back() == '}';
    if (is_param && pat[pat.size() - 2] == '*' && i + 1 == n) {
      std::string rest;
      for (size_t k = i; k < segments.size(); ++k) {
        if (!rest.empty()) rest += '/';
        rest += segments[k];
      }
      (*params)[pat.substr(1, pat.size() - 3)] = rest;
      return true;
    }
    if (i >= segments.size()) return false;
    if (is_param) {
      (*params)[pat.substr(1, pat.size() - 2)] = std::string(segments[i]);
    } else if (pat != segments[i]) {
      return false;
    }
  }
  return segments.size() == n;
}

namespace {

// True when `a` is more specific than `b`: at the first segment where one is a literal and the
// other a parameter, the literal wins ("/complaints/queues" over "/complaints/{id}"), so routes
// need no careful registration order.
bool MoreSpecific(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    bool a_param = a[i].starts_with('{');
    bool b_param = b[i].starts_with('{');
    if (a_param != b_param) return !a_param;
  }
  return false;
}

}  // namespace

Response Router::Dispatch(Request& req) const {
  std::vector<std::string_view> segments = PathSegments(req.path);
  std::string allow;
  const Route* best = nullptr;
  std::map<std::string, std::string> best_params;
  for (const Route& route : routes_) {
    std::map<std::string, std::string> params;
    if (!Match(route, segments, &params)) continue;
    bool same = route.method == req.method || (req.method == "HEAD" && route.method == "GET");
    if (!same) {
      if (allow.find(route.method) == std::string::npos) {
        if (!allow.empty()) allow += ", ";
        allow += route.method;
      }
      continue;
    }
    if (best == nullptr || MoreSpecific(route.segments, best->segments)) {
      best = &route;
      best_params = std::move(params);
    }
  }
  if (best != nullptr) {
    req.params = std::move(best_params);
    Result<Response> r = best->handler(req);
    if (!r.ok()) return ProblemResponse(r.status(), req.PrefersEnglish());
    return std::move(r).value();
  }
  if (!allow.empty()) {
    Response r = ProblemResponse(
        Status(StatusCode::kFailedPrecondition, "不支持的请求方法", "method not allowed"),
        req.PrefersEnglish());
    r.status = 405;
    r.Set("Allow", allow);
    return r;
  }
  return ProblemResponse(Status::NotFound("页面", "page"), req.PrefersEnglish());
}

std::vector<Router::RouteInfo> Router::Routes() const {
  std::vector<RouteInfo> out;
  for (const Route& r : routes_) out.push_back({r.method, r.pattern});
  return out;
}

}  // namespace yuanwu::http
