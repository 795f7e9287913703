#include "indicators/generator_sheet.h"

#include <charconv>

namespace yuanwu::indicators::gen {
namespace {

std::string Range(double lo, double hi) {
  auto f = [](double x) {
    std::string s = std::to_string(x);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  };
  return f(lo) + "–" + f(hi);
}

}  // namespace

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    out.emplace_back(s.substr(start, p == std::string_view::npos ? s.size() - start : p - start));
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

const std::string* FindFile(const std::map<std::string, std::string>& files,
                            std::string_view name) {
  const std::string* content = nullptr;
  for (const auto& [path, text] : files)
    if (BaseName(path) == name) content = &text;
  return content;
}

Result<Sheet> Sheet::Open(const std::map<std::string, std::string>& files, const std::string& name,
                          const std::vector<std::string>& columns) {
  const std::string* content = FindFile(files, name);
  if (content == nullptr)
    return Status::Invalid("files", "缺少演示数据文件 " + name, "missing demo data file " + name);
  Result<tabular::Table> t = tabular::ParseCsv(*content);
  if (!t.ok())
    return Status::Invalid("files", name + "：" + t.status().message(),
                           name + ": " + t.status().message_en());
  for (const std::string& c : columns)
    if (t->Column(c) < 0)
      return Status::Invalid("files", name + " 缺少列 " + c, name + " lacks column " + c);
  return Sheet(name, std::move(t).value());
}

std::string Sheet::Text(size_t row, std::string_view column) const {
  int c = t_.Column(column);
  const std::vector<std::string>& cells = t_.rows[row].cells;
  return c >= 0 && static_cast<size_t>(c) < cells.size() ? cells[c] : std::string();
}

Result<double> Sheet::Number(size_t row, std::string_view column, double lo, double hi,
                             double empty) const {
  std::string s = Text(row, column);
  if (s.empty() && !std::isnan(empty)) return empty;
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < lo || v > hi)
    return Error(row, column, "不是 " + Range(lo, hi) + " 之间的数",
                 "is not a number in " + Range(lo, hi));
  return v;
}

Status Sheet::Error(size_t row, std::string_view column, const std::string& zh,
                    const std::string& en) const {
  std::string line = std::to_string(t_.rows[row].line);
  std::string col(column);
  return Status::Invalid(
      "files", name_ + " 第" + line + "行 " + col + "「" + Text(row, column) + "」" + zh,
      name_ + " line " + line + " " + col + " '" + Text(row, column) + "' " + en);
}

}  // namespace yuanwu::indicators::gen
