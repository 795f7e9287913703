#include "disclosure/disclosure_json.h"

#include <algorithm>

#include "disclosure/item_rules.h"
#include "platform/base/time.h"

namespace yuanwu::disclosure {
namespace {

// Drops repeated entries, keeping the first occurrence's order.
std::vector<std::string> Distinct(std::vector<std::string> xs) {
  std::vector<std::string> out;
  for (std::string& x : xs) {
    if (std::find(out.begin(), out.end(), x) == out.end()) out.push_back(std::move(x));
  }
  return out;
}

http::Json NullOr(const std::string& s) { return s.empty() ? http::Json(nullptr) : http::Json(s); }
http::Json NullOr(int64_t v) { return v == 0 ? http::Json(nullptr) : http::Json(v); }

std::string ReadTimestamp(http::FieldReader& f, const char* key, const char* zh, const char* en,
                          int64_t offset, Validation& v) {
  std::string raw = f.String(key, zh, en, false, 40);
  if (raw.empty()) return "";
  std::optional<int64_t> t = ParseTimestamp(raw, offset);
  if (!t) {
    v.Fail(key, std::string(zh) + "格式应为 YYYY-MM-DD HH:MM 或 ISO 8601",
           std::string(en) + " must be YYYY-MM-DD HH:MM or ISO 8601");
    return "";
  }
  return FormatTimestamp(*t);
}

}  // namespace

http::Json ToJson(const CatalogueEntry& c) {
  return {{"id", c.id},
          {"parent_id", NullOr(c.parent_id)},
          {"code", c.code},
          {"name", c.name},
          {"content", c.content},
          {"audience", c.audience},
          {"channels", c.channels},
          {"department_id", NullOr(c.department_id)},
          {"time_limit_days", c.time_limit_days},
          {"legal_basis", c.legal_basis},
          {"sort", c.sort}};
}

http::Json ToJson(const Item& it, const std::string& due_on, bool overdue) {
  http::Json j = AuditJson(it);
  j["catalogue_name"] = it.catalogue_name;
  j["department_name"] = it.department_name;
  j["state_label"] = std::string(StateLabel(it.state));
  j["views"] = it.views;
  j["live"] = it.live;
  j["due_on"] = NullOr(due_on);
  j["overdue"] = overdue;
  http::Json atts = http::Json::array();
  for (const Attachment& a : it.attachments) {
    atts.push_back({{"id", a.id},
                    {"filename", a.filename},
                    {"size", a.size},
                    {"content_type", a.content_type},
                    {"url", "/attachments/" + std::to_string(a.id)}});
  }
  j["attachments"] = atts;
  return j;
}

http::Json AuditJson(const Item& it) {
  http::Json j = {{"id", it.id},
                  {"catalogue_id", it.catalogue_id},
                  {"title", it.title},
                  {"summary", it.summary},
                  {"body", it.body},
                  {"audience", it.audience},
                  {"channels", it.channels},
                  {"department_id", NullOr(it.department_id)},
                  {"state", std::string(StateName(it.state))},
                  {"version", it.version},
                  {"formed_on", it.formed_on},
                  {"publish_at", NullOr(it.publish_at)},
                  {"expire_at", NullOr(it.expire_at)},
                  {"published_at", NullOr(it.published_at)},
                  {"created_by_name", it.created_by_name},
                  {"updated_at", it.updated_at}};
  if (it.rejection) {
    j["rejection"] = {{"stage", it.rejection->stage},
                      {"by", it.rejection->by},
                      {"at", it.rejection->at},
                      {"reasons", it.rejection->reasons}};
  } else {
    j["rejection"] = nullptr;
  }
  return j;
}

http::Json ToJson(const Review& r) {
  return {{"stage", r.stage},
          {"result", r.result},
          {"result_label", std::string(ReviewResultLabel(r.result))},
          {"basis", r.basis},
          {"opinion", r.opinion},
          {"reviewer_name", r.reviewer_name},
          {"at", r.at},
          {"version", r.version}};
}

http::Json ToJson(const PriceItem& p) {
  return {{"id", p.id},
          {"kind", p.kind},
          {"code", p.code},
          {"name", p.name},
          {"unit", p.unit},
          {"spec", p.spec},
          {"price_fen", p.price_fen},
          {"category", p.category},
          {"connotation", p.connotation},
          {"exclusions", p.exclusions},
          {"note", p.note},
          {"manufacturer", p.manufacturer},
          {"effective_from", p.effective_from}};
}

CatalogueEntry CatalogueFromJson(const http::Json& j, Validation& v) {
  http::FieldReader f(j, v);
  CatalogueEntry c;
  c.parent_id = f.Int("parent_id", "上级目录", "parent entry", false).value_or(0);
  c.code = f.String("code", "目录编码", "code", true, 32);
  c.name = f.String("name", "目录名称", "name", true, 100);
  c.content = f.String("content", "公开内容", "content", false, 2000);
  c.audience = f.String("audience", "公开对象", "audience", true, 16);
  if (!c.audience.empty() && !IsAudience(c.audience)) {
    v.Fail("audience", "公开对象必须是社会、患者或职工",
           "audience must be society, patient or staff");
  }
  c.channels = Distinct(f.StringList("channels", "公开渠道", "channels"));
  for (const std::string& ch : c.channels) {
    if (!IsChannel(ch)) v.Fail("channels", "未知的公开渠道：" + ch, "unknown channel: " + ch);
  }
  c.department_id = f.Int("department_id", "责任科室", "responsible department", false).value_or(0);
  c.time_limit_days = f.Int("time_limit_days", "公开时限", "time limit", false).value_or(20);
  if (c.time_limit_days < 1 || c.time_limit_days > 365) {
    v.Fail("time_limit_days", "公开时限应在1到365个工作日之间",
           "time limit must be 1 to 365 working days");
  }
  c.legal_basis = f.String("legal_basis", "依据", "legal basis", false, 500);
  c.sort = f.Int("sort", "排序", "sort order", false).value_or(0);
  return c;
}

Item ItemFromJson(const http::Json& j, int64_t offset, Validation& v) {
  http::FieldReader f(j, v);
  Item it;
  it.catalogue_id = f.Int("catalogue_id", "所属公开目录", "catalogue entry", true).value_or(0);
  it.title = f.String("title", "标题", "title", false, 100000);
  it.summary = f.String("summary", "摘要", "summary", false, 100000);
  it.body = f.String("body", "正文", "body", false, 200000);
  it.audience = f.String("audience", "公开对象", "audience", false, 16);
  it.channels = Distinct(f.StringList("channels", "公开渠道", "channels"));
  it.department_id = f.Int("department_id", "责任科室", "department", false).value_or(0);
  it.formed_on = f.String("formed_on", "形成/变更日期", "formed_on", false, 10);
  it.publish_at = ReadTimestamp(f, "publish_at", "发布时间", "publish_at", offset, v);
  it.expire_at = ReadTimestamp(f, "expire_at", "下线时间", "expire_at", offset, v);
  return it;
}

}  // namespace yuanwu::disclosure
