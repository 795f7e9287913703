#include "complaints/complaint_stats.h"

#include <cmath>
#include <set>

namespace yuanwu::complaints {
namespace {

using http::Json;

// `part` / `whole` in percent with one decimal, rounded half away from zero. 1000·part is exact
// in a double and the quotient is correctly rounded, so a true half stays a half.
double Tenths(int64_t part, int64_t whole) {
  return std::round(1000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 10.0;
}

Figure Make(const Bucket& b, std::string name, std::string name_en) {
  Figure f;
  f.key = b.key;
  f.name = std::move(name);
  f.name_en = std::move(name_en);
  f.counts = b;
  f.reply_rate = Percent(b.answered, b.received);
  f.on_time_rate = Percent(b.on_time, b.with_deadline);
  f.prev_reply_rate = Percent(b.prev_answered, b.prev_received);
  f.received_change = Change(b.received, b.prev_received);
  f.answered_change = Change(b.answered, b.prev_answered);
  return f;
}

// Every code of the list in its order (zero when no complaint had it), then codes the data no
// longer lists (a renamed category keeps its old complaints visible).
std::vector<Figure> ByCode(const std::vector<Bucket>& rows, const std::vector<Code>& list) {
  std::vector<Figure> out;
  std::set<std::string> listed;
  for (const Code& c : list) {
    Bucket b;
    b.key = c.code;
    for (const Bucket& r : rows) {
      if (r.key == c.code) b = r;
    }
    out.push_back(Make(b, c.name, c.name_en));
    listed.insert(c.code);
  }
  for (const Bucket& r : rows) {
    if (!listed.count(r.key)) out.push_back(Make(r, r.key, r.key));
  }
  return out;
}

Json Opt(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json FigureJson(const Figure& f) {
  return {{"key", f.key},
          {"name", f.name},
          {"name_en", f.name_en},
          {"received", f.counts.received},
          {"answered", f.counts.answered},
          {"reply_rate", Opt(f.reply_rate)},
          {"with_deadline", f.counts.with_deadline},
          {"on_time", f.counts.on_time},
          {"on_time_rate", Opt(f.on_time_rate)},
          {"previous",
           {{"received", f.counts.prev_received},
            {"answered", f.counts.prev_answered},
            {"reply_rate", Opt(f.prev_reply_rate)}}},
          {"received_change", Opt(f.received_change)},
          {"answered_change", Opt(f.answered_change)}};
}

Json List(const std::vector<Figure>& figures) {
  Json a = Json::array();
  for (const Figure& f : figures) a.push_back(FigureJson(f));
  return a;
}

}  // namespace

std::optional<double> Percent(int64_t part, int64_t whole) {
  if (whole <= 0) return std::nullopt;
  return Tenths(part, whole);
}

std::optional<double> Change(int64_t now, int64_t before) {
  if (before <= 0) return std::nullopt;
  return Tenths(now - before, before);
}

Stats Summarize(const StatsRows& rows, const Codes& codes, int year, int from_month, int to_month) {
  Stats s;
  s.year = year;
  s.from_month = from_month;
  s.to_month = to_month;
  s.total = Make(rows.total, "合计", "Total");
  s.by_channel = ByCode(rows.by_channel, codes.channels);
  s.by_category = ByCode(rows.by_category, codes.categories);
  for (const Bucket& b : rows.by_department) {
    s.by_department.push_back(
        Make(b, b.key.empty() ? "未指明科室" : b.name, b.key.empty() ? "No department" : b.name));
  }
  for (int m = from_month; m <= to_month; ++m) {
    Bucket b;
    b.key = (m < 10 ? "0" : "") + std::to_string(m);
    for (const Bucket& r : rows.by_month) {
      if (r.key == b.key) b = r;
    }
    s.by_month.push_back(Make(b, std::to_string(m) + "月", b.key));
  }
  return s;
}

Json StatsJson(const Stats& s) {
  return {{"year", s.year},
          {"from_month", s.from_month},
          {"to_month", s.to_month},
          {"previous_year", s.year - 1},
          {"total", FigureJson(s.total)},
          {"by_channel", List(s.by_channel)},
          {"by_category", List(s.by_category)},
          {"by_department", List(s.by_department)},
          {"by_month", List(s.by_month)}};
}

}  // namespace yuanwu::complaints
