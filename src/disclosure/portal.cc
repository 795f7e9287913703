#include "disclosure/portal.h"

#include <algorithm>
#include <map>

#include "disclosure/portal_store.h"
#include "platform/base/text.h"
#include "platform/base/time.h"
#include "platform/http/params.h"
#include "platform/http/problem.h"
#include "platform/http/url.h"

namespace yuanwu::disclosure {
namespace {

using http::Json;
using http::Request;
using http::Response;

constexpr int64_t kPageSize = 20;

std::vector<std::string> Paragraphs(const std::string& body) {
  std::vector<std::string> out;
  for (const std::string& line : Split(body, '\n')) {
    std::string t = Trim(line);
    if (!t.empty()) out.push_back(t);
  }
  return out;
}

std::string SizeLabel(int64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  if (bytes < 1024 * 1024) return std::to_string(bytes / 1024) + " KB";
  return std::to_string(bytes / 1024 / 1024) + "." +
         std::to_string(bytes % (1024 * 1024) * 10 / 1024 / 1024) + " MB";
}

std::string Excerpt(const std::string& text, size_t chars) {
  std::vector<std::string_view> cs = Utf8Chars(text);
  std::string out;
  for (size_t i = 0; i < cs.size() && i < chars; ++i)
    out += cs[i] == "\n" ? " " : std::string(cs[i]);
  if (cs.size() > chars) out += "…";
  return out;
}

Json Pager(const std::string& base, int64_t page, int64_t total) {
  int64_t pages = std::max<int64_t>(1, (total + kPageSize - 1) / kPageSize);
  if (pages <= 1) return false;
  std::string sep = base.find('?') == std::string::npos ? "?" : "&";
  Json p = {{"page", page}, {"pages", pages}, {"total", total}};
  p["prev"] = page > 1 ? Json(base + sep + "page=" + std::to_string(page - 1)) : Json(false);
  p["next"] = page < pages ? Json(base + sep + "page=" + std::to_string(page + 1)) : Json(false);
  return p;
}

}  // namespace

Portal::Portal(db::Database& db, const web::Renderer& renderer, auth::Guard& guard,
               auth::SessionService& sessions, ItemService& items, PriceService& prices,
               org::OrgService& org, FileStore& files, http::RateLimiter& login_limiter,
               PortalOptions options)
    : db_(db),
      renderer_(renderer),
      guard_(guard),
      sessions_(sessions),
      items_(items),
      prices_(prices),
      org_(org),
      files_(files),
      login_limiter_(login_limiter),
      options_(std::move(options)) {
  SetHospital(options_.hospital_json);
  labels_ = Json::parse(options_.labels_json, nullptr, false);
  if (labels_.is_discarded() || !labels_.is_object())
    labels_ = {{"zh-CN", Json::object()}, {"en", Json::object()}};
}

void Portal::SetHospital(const std::string& json) {
  auto site = std::make_shared<Json>(Json::parse(json, nullptr, false));
  if (site->is_discarded() || !site->is_object()) *site = Json::object();
  if (!site->contains("name")) (*site)["name"] = "医院";
  (*site)["summary"] = Excerpt(site->value("intro", ""), 160);
  std::lock_guard<std::mutex> lock(hospital_mu_);
  hospital_ = std::move(site);
}

std::string Portal::L(const Reader& r, const char* key) const {
  const Json& lang = labels_[r.english ? "en" : "zh-CN"];
  return lang.contains(key) ? lang[key].get<std::string>() : key;
}

Portal::Reader Portal::ReaderOf(const Request& req) {
  Reader r;
  r.target = req.target;
  std::string lang = req.HasQuery("lang") ? req.Query("lang") : req.Cookie("yw_lang");
  r.english = lang.starts_with("en");
  if (req.Cookie(auth::SessionService::kCookieName).empty()) return r;  // fast anonymous path
  r.principal = guard_.Optional(req);
  r.staff = r.principal && r.principal->Has("portal.staff.read");
  return r;
}

Json Portal::Base(const Reader& r, const std::string& title) const {
  std::shared_ptr<const Json> hospital;
  {
    std::lock_guard<std::mutex> lock(hospital_mu_);
    hospital = hospital_;
  }
  Json site = hospital ? *hospital : Json::object();
  Json ctx = {{"site", site},
              {"page_title", title},
              {"q", ""},
              {"t", labels_[r.english ? "en" : "zh-CN"]},
              {"self_encoded", http::PercentEncode(r.target.empty() ? "/" : r.target)}};
  if (r.principal) {
    ctx["user"] = {{"name", r.principal->name}, {"csrf", r.principal->csrf_token}};
  } else {
    ctx["user"] = false;
  }
  return ctx;
}

Result<Response> Portal::Page(const std::string& tmpl, const Json& ctx) const {
  YW_ASSIGN_OR_RETURN(std::string html, renderer_.Render(tmpl, ctx));
  return Response::Html(200, std::move(html));
}

Result<Response> Portal::Framed(const Request& req, const std::string& title,
                                const std::string& body_html) {
  Reader r = ReaderOf(req);
  Json ctx = Base(r, title);
  YW_ASSIGN_OR_RETURN(std::string head, renderer_.Render("layout_head", ctx));
  YW_ASSIGN_OR_RETURN(std::string foot, renderer_.Render("layout_foot", ctx));
  Response res = Response::Html(200, head + body_html + foot);
  res.Set("Cache-Control", "private, no-store");
  return res;
}

Response Portal::NotFoundPage(const Reader& r) const {
  Json ctx = Base(r, L(r, "not_found"));
  ctx["heading"] = L(r, "not_found");
  ctx["message"] = L(r, "not_found_message");
  Result<std::string> html = renderer_.Render("error", ctx);
  return Response::Html(404, html.ok() ? *html : "页面不存在");
}

Response Portal::Cached(const Request& req, const Reader& reader,
                        const std::function<Result<Response>()>& render) {
  bool anonymous = !reader.principal;
  uint64_t gen = generation_.load();
  // Browsers revalidate every time (no-cache) and get 304 until the next disclosure change, so
  // a withdrawn or newly published item shows at once without costing a full page each visit.
  std::string etag = "\"g" + std::to_string(gen) + (reader.english ? "-en" : "") + "\"";
  std::string key = (reader.english ? "en " : "zh ") + req.target;
  if (anonymous) {
    if (req.Header("if-none-match") == etag) {
      Response not_modified;
      not_modified.status = 304;
      not_modified.Set("ETag", etag);
      not_modified.Set("Cache-Control", "public, no-cache");
      return not_modified;
    }
    std::shared_lock<std::shared_mutex> lock(cache_mu_);
    auto it = cache_.find(key);
    if (it != cache_.end() && it->second.generation == gen) return it->second.response;
  }
  Result<Response> r = render();
  Response res;
  if (r.ok()) {
    res = std::move(r).value();
  } else if (r.status().code() == StatusCode::kNotFound) {
    res = NotFoundPage(reader);
  } else {
    Json ctx = Base(reader, L(reader, "error"));
    ctx["heading"] = L(reader, "error");
    ctx["message"] = reader.english ? r.status().message_en() : r.status().message();
    Result<std::string> html = renderer_.Render("error", ctx);
    res = Response::Html(http::HttpStatusFor(r.status().code()), html.ok() ? *html : "error");
    if (r.status().code() == StatusCode::kInternal) {
      (void)http::ProblemResponse(r.status(), false);  // logs the detail
    }
  }
  if (anonymous) {
    if (res.Get("Cache-Control").empty()) res.Set("Cache-Control", "public, no-cache");
    if (res.status == 200) res.Set("ETag", etag);
    res.Set("Vary", "Cookie");
    if (res.status == 200 || res.status == 404) {
      std::unique_lock<std::shared_mutex> lock(cache_mu_);
      if (cache_.size() > 20000) cache_.clear();  // bound memory against crawlers of odd URLs
      cache_[key] = {gen, res};
    }
  } else {
    res.Set("Cache-Control", "private, no-store");
  }
  return res;
}

namespace {

Json PubJson(const Publication& p, int64_t offset) {
  std::optional<int64_t> t = ParseTimestamp(p.published_at, 0);
  return {{"item_id", p.item_id},
          {"title", p.title},
          {"catalogue_name", p.catalogue_name},
          {"published_on", t ? LocalDate(*t, offset).ToString() : ""},
          {"excerpt", Excerpt(p.summary.empty() ? p.body : p.summary, 80)}};
}

}  // namespace

Result<Response> Portal::Home(const Reader& r) {
  Json ctx = Base(r, L(r, "home"));
  ctx["nav_home"] = true;
  return db_.Query<Response>([&](soci::session& sql) -> Result<Response> {
    Json latest = Json::array();
    for (const Publication& p : PortalStore::Latest(sql, r.staff, "", 0, 0, 12, nullptr)) {
      if (p.audience == "staff") continue;  // the home page shows public items only
      latest.push_back(PubJson(p, options_.local_offset_seconds));
    }
    ctx["latest"] = latest;
    Json top = Json::array();
    auto cat = PortalStore::Catalogue(sql, false);
    std::map<int64_t, int64_t> totals;
    for (const auto& [c, n] : cat) totals[c.parent_id == 0 ? c.id : c.parent_id] += n;
    for (const auto& [c, n] : cat) {
      if (c.parent_id == 0)
        top.push_back({{"id", c.id}, {"name", c.name}, {"count", totals[c.id]}});
    }
    ctx["top_catalogue"] = top;
    return Page("home", ctx);
  });
}

Result<Response> Portal::CatalogueIndex(const Reader& r) {
  Json ctx = Base(r, L(r, "catalogue"));
  ctx["nav_catalogue"] = true;
  ctx["heading"] = L(r, "catalogue_heading");
  return db_.Query<Response>([&](soci::session& sql) -> Result<Response> {
    auto cat = PortalStore::Catalogue(sql, r.staff);
    Json nodes = Json::array();
    for (const auto& [c, n] : cat) {
      if (c.parent_id != 0) continue;
      Json children = Json::array();
      int64_t sum = n;
      for (const auto& [k, m] : cat) {
        if (k.parent_id == c.id) {
          children.push_back({{"id", k.id}, {"name", k.name}, {"count", m}});
          sum += m;
        }
      }
      nodes.push_back({{"id", c.id},
                       {"name", c.name},
                       {"count", sum},
                       {"has_children", !children.empty()},
                       {"children", children}});
    }
    ctx["tree"] = {{"nodes", nodes}};
    return Page("catalogue", ctx);
  });
}

Result<Response> Portal::CataloguePage(const Request& req, const Reader& r) {
  YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
  YW_ASSIGN_OR_RETURN(http::Page page, http::ReadPage(req));
  return db_.Query<Response>([&](soci::session& sql) -> Result<Response> {
    auto cat = PortalStore::Catalogue(sql, r.staff);
    auto it = std::find_if(cat.begin(), cat.end(), [&](const auto& e) { return e.first.id == id; });
    if (it == cat.end()) return Status::NotFound("目录", "catalogue entry");
    const CatalogueEntry& c = it->first;
    Json ctx = Base(r, c.name);
    ctx["nav_catalogue"] = true;
    ctx["heading"] = c.name;
    std::string channels;
    for (const std::string& ch : c.channels) {
      channels += (channels.empty() ? "" : (r.english ? ", " : "、")) +
                  (r.english ? ch : std::string(ChannelLabel(ch)));
    }
    ctx["entry"] = {
        {"content", c.content},
        {"audience_label", L(r, c.audience == "staff" ? "staff_audience" : c.audience.c_str())},
        {"time_limit_days", c.time_limit_days},
        {"channels_label", channels},
        {"legal_basis", c.legal_basis}};
    Json children = Json::array();
    for (const auto& [k, m] : cat) {
      if (k.parent_id == c.id) children.push_back({{"id", k.id}, {"name", k.name}, {"count", m}});
    }
    if (!children.empty()) ctx["tree"] = {{"nodes", children}};
    int64_t total = 0;
    Json items = Json::array();
    for (const Publication& p :
         PortalStore::Latest(sql, r.staff, "", id, page.offset(), kPageSize, &total)) {
      items.push_back(PubJson(p, options_.local_offset_seconds));
    }
    ctx["items_section"] = {{"items", items}};
    ctx["pager"] = Pager("/catalogue/" + std::to_string(id), page.page, total);
    return Page("catalogue", ctx);
  });
}

Result<Response> Portal::ItemPage(const Request& req, const Reader& r) {
  YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
  return db_.Query<Response>([&](soci::session& sql) -> Result<Response> {
    std::optional<Publication> p = PortalStore::Get(sql, r.staff, id);
    if (!p) return Status::NotFound("公开信息", "item");
    Json ctx = Base(r, p->title);
    ctx["nav_catalogue"] = true;
    ctx["catalogue_id"] = p->catalogue_id;
    ctx["catalogue_name"] = p->catalogue_name;
    ctx["title"] = p->title;
    ctx["summary"] = p->summary;
    ctx["paragraphs"] = Paragraphs(p->body);
    ctx["department_name"] = p->department_name;
    ctx["audience_label"] = L(r, p->audience == "staff" ? "staff_audience" : p->audience.c_str());
    ctx["views"] = p->views;
    std::optional<int64_t> t = ParseTimestamp(p->published_at, 0);
    ctx["published_local"] = t ? FormatLocalMinute(*t, options_.local_offset_seconds) : "";
    Json atts = Json::array();
    for (const Attachment& a : p->attachments) {
      atts.push_back({{"id", a.id}, {"filename", a.filename}, {"size_label", SizeLabel(a.size)}});
    }
    ctx["has_attachments"] = !atts.empty();
    ctx["attachments"] = atts;
    Result<Response> res = Page("item", ctx);
    if (res.ok() && p->audience == "staff") res->Set("Cache-Control", "private, no-store");
    return res;
  });
}

Result<Response> Portal::AttachmentFile(const Request& req, const Reader& r) {
  YW_ASSIGN_OR_RETURN(int64_t id, http::PathId(req));
  YW_ASSIGN_OR_RETURN(
      PublicAttachment a,
      db_.Query<PublicAttachment>([&](soci::session& sql) -> Result<PublicAttachment> {
        std::optional<PublicAttachment> x = PortalStore::GetAttachment(sql, r.staff, id);
        if (!x) return Status::NotFound("附件", "attachment");
        return *x;
      }));
  YW_ASSIGN_OR_RETURN(std::string data, files_.Get(a.attachment.sha256));
  Response res =
      Response::Download(std::move(data), a.attachment.content_type, a.attachment.filename);
  // Public attachments may be cached; one fetched by signed-in staff may be staff-only.
  if (!r.principal) res.Set("Cache-Control", "public, max-age=300");
  return res;
}

Result<Response> Portal::SearchPage(const Request& req, const Reader& r) {
  std::string q = Trim(req.Query("q"));
  if (!IsCleanUtf8(q)) q.clear();
  if (Utf8Length(q) > 50) q = Excerpt(q, 50);
  Json ctx = Base(r, q.empty() ? L(r, "search") : L(r, "search_title") + q);
  ctx["q"] = q;
  if (q.empty()) {
    ctx["empty_query"] = true;
    return Page("search", ctx);
  }
  ctx["searched"] = true;
  ctx["q_encoded"] = http::PercentEncode(q);
  YW_ASSIGN_OR_RETURN(auto pubs, db_.Query<std::vector<Publication>>(
                                     [&](soci::session& sql) -> Result<std::vector<Publication>> {
                                       return PortalStore::Search(sql, r.staff, q, 50);
                                     }));
  Json items = Json::array();
  for (const Publication& p : pubs) items.push_back(PubJson(p, options_.local_offset_seconds));
  ctx["items"] = items;
  ctx["item_count"] = items.size();
  YW_ASSIGN_OR_RETURN(auto prices, prices_.List({"", q, 0, 20}));
  Json rows = Json::array();
  for (const PriceItem& p : prices.first) {
    rows.push_back({{"code", p.code},
                    {"name", p.name},
                    {"unit_label", p.spec.empty() ? p.unit : p.spec + " / " + p.unit},
                    {"price", FormatYuan(p.price_fen)},
                    {"detail", p.kind == "drug" ? p.manufacturer : p.connotation},
                    {"effective_from", p.effective_from}});
  }
  ctx["prices"] = rows;
  ctx["price_count"] = prices.second;
  ctx["more_prices"] = prices.second > 20;
  return Page("search", ctx);
}

Result<Response> Portal::PricesPage(const Request& req, const Reader& r) {
  std::string kind = req.Query("kind");
  if (kind != "service" && kind != "drug") kind.clear();
  std::string q = Trim(req.Query("q"));
  if (!IsCleanUtf8(q) || Utf8Length(q) > 50) q.clear();
  YW_ASSIGN_OR_RETURN(http::Page page, http::ReadPage(req));
  YW_ASSIGN_OR_RETURN(auto prices, prices_.List({kind, q, page.offset(), kPageSize}));
  Json ctx = Base(r, L(r, "prices"));
  ctx["nav_prices"] = true;
  ctx["kind_all"] = kind.empty();
  ctx["kind_service"] = kind == "service";
  ctx["kind_drug"] = kind == "drug";
  ctx["q"] = q;
  Json rows = Json::array();
  for (const PriceItem& p : prices.first) {
    rows.push_back(
        {{"code", p.code},
         {"name", p.name},
         {"unit_label", p.spec.empty() ? p.unit : p.spec + " / " + p.unit},
         {"price", FormatYuan(p.price_fen)},
         {"detail",
          p.kind == "drug"
              ? p.manufacturer
              : p.connotation + (p.exclusions.empty() ? "" : "（除外：" + p.exclusions + "）")},
         {"effective_from", p.effective_from}});
  }
  ctx["prices"] = rows;
  ctx["pager"] =
      Pager("/prices?kind=" + kind + "&q=" + http::PercentEncode(q), page.page, prices.second);
  return Page("prices", ctx);
}

Result<Response> Portal::HospitalPage(const Reader& r) {
  Json ctx = Base(r, L(r, "hospital"));
  ctx["nav_hospital"] = true;
  ctx["intro"] = Paragraphs(ctx["site"].value("intro", ""));
  YW_ASSIGN_OR_RETURN(auto campuses, org_.Campuses());
  Json cs = Json::array();
  for (const org::Campus& c : campuses)
    cs.push_back({{"name", c.name}, {"address", c.address}, {"phone", c.phone}});
  ctx["campuses"] = cs;
  return Page("hospital", ctx);
}

Result<Response> Portal::DepartmentsPage(const Reader& r) {
  Json ctx = Base(r, L(r, "departments"));
  ctx["nav_departments"] = true;
  YW_ASSIGN_OR_RETURN(auto campuses, org_.Campuses());
  YW_ASSIGN_OR_RETURN(auto depts, org_.Departments());
  static const char* kGroups[] = {"clinical", "medtech", "admin", "support"};
  Json cs = Json::array();
  for (const org::Campus& c : campuses) {
    Json groups = Json::array();
    for (const char* kind : kGroups) {
      Json ds = Json::array();
      for (const org::Department& d : depts) {
        if (d.campus_id == c.id && d.kind == kind && d.is_public)
          ds.push_back({{"code", d.code}, {"name", d.name}});
      }
      if (!ds.empty()) groups.push_back({{"label", L(r, kind)}, {"departments", ds}});
    }
    cs.push_back({{"name", c.name}, {"groups", groups}});
  }
  ctx["campuses"] = cs;
  return Page("departments", ctx);
}

Result<Response> Portal::DepartmentPage(const Request& req, const Reader& r) {
  std::string code = req.params.count("code") ? req.params.at("code") : "";
  YW_ASSIGN_OR_RETURN(auto depts, org_.Departments());
  auto it = std::find_if(depts.begin(), depts.end(),
                         [&](const org::Department& d) { return d.code == code && d.is_public; });
  if (it == depts.end()) return Status::NotFound("科室", "department");
  YW_ASSIGN_OR_RETURN(auto campuses, org_.Campuses());
  Json ctx = Base(r, it->name);
  ctx["nav_departments"] = true;
  ctx["name"] = it->name;
  ctx["location"] = it->location;
  ctx["phone"] = it->phone;
  ctx["intro"] = it->intro;
  for (const org::Campus& c : campuses) {
    if (c.id == it->campus_id) ctx["campus_name"] = c.name;
  }
  int64_t dept_id = it->id;
  YW_ASSIGN_OR_RETURN(auto pubs, db_.Query<std::vector<Publication>>(
                                     [&](soci::session& sql) -> Result<std::vector<Publication>> {
                                       return PortalStore::Latest(sql, r.staff, "", 0, 0, 200,
                                                                  nullptr);
                                     }));
  Json items = Json::array();
  for (const Publication& p : pubs) {
    if (p.department_id == dept_id && items.size() < 20)
      items.push_back(PubJson(p, options_.local_offset_seconds));
  }
  ctx["has_items"] = !items.empty();
  ctx["items"] = items;
  return Page("department", ctx);
}

Result<Response> Portal::StaffPage(const Request& req, const Reader& r) {
  if (!r.principal) return Response::Redirect("/login?next=%2Fstaff");
  if (!r.staff) return Status::Denied();
  YW_ASSIGN_OR_RETURN(http::Page page, http::ReadPage(req));
  Json ctx = Base(r, L(r, "staff"));
  ctx["nav_staff"] = true;
  return db_.Query<Response>([&](soci::session& sql) -> Result<Response> {
    int64_t total = 0;
    Json items = Json::array();
    for (const Publication& p :
         PortalStore::Latest(sql, true, "staff", 0, page.offset(), kPageSize, &total)) {
      items.push_back(PubJson(p, options_.local_offset_seconds));
    }
    ctx["items"] = items;
    ctx["pager"] = Pager("/staff", page.page, total);
    return Page("staff", ctx);
  });
}

Result<Response> Portal::LoginForm(const Request& req, const Reader& r, const std::string& error,
                                   int status) {
  Json ctx = Base(r, L(r, "login"));
  std::string next = req.Query("next");
  if (!next.starts_with("/") || next.starts_with("//")) next = "/staff";
  ctx["next"] = next;
  ctx["error"] = error;
  ctx["username"] = req.Query("username");
  YW_ASSIGN_OR_RETURN(Response res, Page("login", ctx));
  res.status = status;
  return res;
}

Result<Response> Portal::LoginPost(Request& req) {
  http::Pairs form = http::ParseQuery(req.body);
  auto field = [&](const char* k) {
    for (const auto& [key, v] : form) {
      if (key == k) return v;
    }
    return std::string();
  };
  req.query = {{"next", field("next")}, {"username", field("username")}};
  Reader anon = ReaderOf(req);
  anon.principal.reset();
  if (!login_limiter_.Allow(req.remote_ip)) {
    return LoginForm(req, anon,
                     anon.english ? "too many sign-in attempts, try again later"
                                  : "登录尝试过于频繁，请稍后再试",
                     429);
  }
  Result<auth::SignIn> in = sessions_.Login(field("username"), field("password"), req.remote_ip);
  if (!in.ok()) {
    return LoginForm(req, anon, anon.english ? in.status().message_en() : in.status().message(),
                     http::HttpStatusFor(in.status().code()));
  }
  std::string next = field("next");
  if (!next.starts_with("/") || next.starts_with("//")) next = "/staff";
  Response res = Response::Redirect(next);
  res.Set("Set-Cookie", sessions_.CookieHeader(in->token));
  return res;
}

Result<Response> Portal::LogoutPost(Request& req) {
  std::optional<auth::Principal> p = guard_.Optional(req);
  http::Pairs form = http::ParseQuery(req.body);
  std::string csrf;
  for (const auto& [k, v] : form) {
    if (k == "csrf") csrf = v;
  }
  if (p && csrf == p->csrf_token) {
    YW_RETURN_IF_ERROR(sessions_.Logout(req.Cookie(auth::SessionService::kCookieName)));
  }
  Response res = Response::Redirect("/");
  res.Set("Set-Cookie", sessions_.ClearCookieHeader());
  return res;
}

Result<Response> Portal::Sitemap(const Request& req) {
  std::string host(req.Header("host"));
  if (host.empty() || host.find_first_of("<>\"' ") != std::string::npos) host = "localhost";
  std::string base = "http://" + host;
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset "
      "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const char* path : {"/", "/catalogue", "/prices", "/hospital", "/departments"}) {
    xml += "<url><loc>" + base + path + "</loc></url>\n";
  }
  YW_RETURN_IF_ERROR(db_.Read([&](soci::session& sql) -> Status {
    for (const auto& [c, n] : PortalStore::Catalogue(sql, false)) {
      xml += "<url><loc>" + base + "/catalogue/" + std::to_string(c.id) + "</loc></url>\n";
    }
    int64_t total = 0;
    for (const Publication& p : PortalStore::Latest(sql, false, "", 0, 0, 50000, &total)) {
      xml += "<url><loc>" + base + "/items/" + std::to_string(p.item_id) + "</loc><lastmod>" +
             p.published_at.substr(0, 10) + "</lastmod></url>\n";
    }
    return Status::Ok();
  }));
  xml += "</urlset>\n";
  Response res;
  res.body = std::move(xml);
  res.Set("Content-Type", "application/xml; charset=utf-8");
  return res;
}

Result<Response> Portal::SwitchLanguage(const Request& req) {
  std::string to = req.Query("to") == "en" ? "en" : "zh-CN";
  std::string next = req.Query("next");
  if (!next.starts_with("/") || next.starts_with("//") || next.find('\\') != std::string::npos)
    next = "/";
  // Drop an explicit ?lang= from the target so the cookie decides.
  for (const char* p : {"?lang=en", "?lang=zh-CN", "&lang=en", "&lang=zh-CN"}) {
    size_t at = next.find(p);
    if (at != std::string::npos) next.erase(at, std::string(p).size());
  }
  Response res = Response::Redirect(next);
  res.Set("Set-Cookie", "yw_lang=" + to + "; Path=/; Max-Age=31536000; SameSite=Lax");
  return res;
}

void Portal::RegisterPages(http::Router& router) {
  auto page = [this](auto fn) {
    return [this, fn](Request& req) -> Result<Response> {
      Reader r = ReaderOf(req);
      return Cached(req, r, [&] { return (this->*fn)(r); });
    };
  };
  auto page_req = [this](auto fn) {
    return [this, fn](Request& req) -> Result<Response> {
      Reader r = ReaderOf(req);
      return Cached(req, r, [&] { return (this->*fn)(req, r); });
    };
  };
  router.Add("GET", "/", page(&Portal::Home));
  router.Add("GET", "/catalogue", page(&Portal::CatalogueIndex));
  router.Add("GET", "/catalogue/{id}", page_req(&Portal::CataloguePage));
  router.Add("GET", "/items/{id}", [this](Request& req) -> Result<Response> {
    Reader r = ReaderOf(req);
    Response res = Cached(req, r, [&] { return ItemPage(req, r); });
    if (res.status == 200) items_.RecordView(http::PathId(req).ok() ? *http::PathId(req) : 0);
    return res;
  });
  router.Add("GET", "/attachments/{id}", [this](Request& req) -> Result<Response> {
    Reader r = ReaderOf(req);
    Result<Response> res = AttachmentFile(req, r);
    if (!res.ok() && res.status().code() == StatusCode::kNotFound) return NotFoundPage(r);
    return res;
  });
  router.Add("GET", "/search", page_req(&Portal::SearchPage));
  router.Add("GET", "/prices", page_req(&Portal::PricesPage));
  router.Add("GET", "/hospital", page(&Portal::HospitalPage));
  router.Add("GET", "/departments", page(&Portal::DepartmentsPage));
  router.Add("GET", "/departments/{code}", page_req(&Portal::DepartmentPage));
  router.Add("GET", "/staff", [this](Request& req) -> Result<Response> {
    Reader r = ReaderOf(req);
    Result<Response> res = StaffPage(req, r);
    if (res.ok()) res->Set("Cache-Control", "private, no-store");
    return res;
  });
  router.Add("GET", "/login", [this](Request& req) -> Result<Response> {
    return LoginForm(req, ReaderOf(req), "", 200);
  });
  router.Add("POST", "/login", [this](Request& req) { return LoginPost(req); });
  router.Add("POST", "/logout", [this](Request& req) { return LogoutPost(req); });
  router.Add("GET", "/sitemap.xml", [this](Request& req) { return Sitemap(req); });
  router.Add("GET", "/lang", [](Request& req) { return SwitchLanguage(req); });
  router.Add("GET", "/robots.txt", [](Request&) -> Result<Response> {
    return Response::Text(200,
                          "User-agent: *\nDisallow: /console/\nDisallow: /api/\nDisallow: "
                          "/staff\nSitemap: /sitemap.xml\n");
  });
}

}  // namespace yuanwu::disclosure
