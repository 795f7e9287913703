#include "indicators/figure.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

namespace yuanwu::indicators {
namespace {

using Json = nlohmann::ordered_json;

constexpr double kMaxScaled = 9e15;  // below 2^53, so the double → integer step is exact

Status Bad(const std::string& code, const std::string& key, const std::string& zh,
           const std::string& en) {
  return Status::Invalid("figures", "填报项目「" + code + "」的 " + key + "：" + zh,
                         "figure " + code + ", " + key + ": " + en);
}

bool IsCode(const std::string& s) {
  if (s.empty() || s.size() > 32) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

Result<FigureDef> ParseOne(const Json& j) {
  if (!j.is_object())
    return Status::Invalid("figures", "填报项目须为 JSON 对象", "each figure must be an object");
  FigureDef f;
  f.code = j.contains("code") && j["code"].is_string() ? j["code"].get<std::string>() : "";
  if (!IsCode(f.code))
    return Bad(f.code.empty() ? "?" : f.code, "code", "代码须为小写字母、数字或下划线（1–32 位）",
               "the code must be 1–32 lower-case letters, digits or underscores");
  auto text = [&](const char* key, std::string* out, bool required) -> Status {
    if (!j.contains(key)) {
      if (required) return Bad(f.code, key, "不能为空", "is required");
      return Status::Ok();
    }
    if (!j[key].is_string()) return Bad(f.code, key, "须为文本", "must be text");
    *out = j[key].get<std::string>();
    if (required && out->empty()) return Bad(f.code, key, "不能为空", "is required");
    return Status::Ok();
  };
  YW_RETURN_IF_ERROR(text("name", &f.name, true));
  YW_RETURN_IF_ERROR(text("name_en", &f.name_en, true));
  YW_RETURN_IF_ERROR(text("unit", &f.unit, true));
  YW_RETURN_IF_ERROR(text("unit_en", &f.unit_en, false));
  YW_RETURN_IF_ERROR(text("category", &f.category, false));
  YW_RETURN_IF_ERROR(text("source", &f.source, false));
  if (!j.contains("decimals") || !j["decimals"].is_number_integer() ||
      j["decimals"].get<int64_t>() < 0 || j["decimals"].get<int64_t>() > 4)
    return Bad(f.code, "decimals", "须为 0–4 的整数", "must be a whole number 0–4");
  f.decimals = static_cast<int>(j["decimals"].get<int64_t>());
  std::string aggregate, level;
  YW_RETURN_IF_ERROR(text("aggregate", &aggregate, true));
  YW_RETURN_IF_ERROR(text("level", &level, true));
  if (aggregate == "sum") {
    f.aggregate = FigureDef::Aggregate::kSum;
  } else if (aggregate == "last") {
    f.aggregate = FigureDef::Aggregate::kLast;
  } else {
    return Bad(f.code, "aggregate", "须为 sum（流量，期间相加）或 last（存量，取期末）",
               "must be sum (flows, added up) or last (stocks, the period's last value)");
  }
  if (level == "department") {
    f.level = FigureDef::Level::kDepartment;
  } else if (level == "hospital") {
    f.level = FigureDef::Level::kHospital;
  } else {
    return Bad(f.code, "level", "须为 department 或 hospital", "must be department or hospital");
  }
  return f;
}

double Pow10(int n) {
  double p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

}  // namespace

Result<FigureCatalogue> FigureCatalogue::Parse(const std::string& json) {
  Json j = Json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("figures") || !j["figures"].is_array())
    return Status::Invalid("figures", "填报项目文件须为 {\"figures\": [...]}",
                           "the figures file must be {\"figures\": [...]}");
  FigureCatalogue c;
  std::set<std::string> seen;
  for (const Json& item : j["figures"]) {
    YW_ASSIGN_OR_RETURN(FigureDef f, ParseOne(item));
    if (!seen.insert(f.code).second)
      return Status::Invalid("figures", "填报项目代码重复：" + f.code,
                             "duplicate figure code: " + f.code);
    c.figures_.push_back(std::move(f));
  }
  return c;
}

const FigureDef* FigureCatalogue::Find(std::string_view code) const {
  for (const FigureDef& f : figures_)
    if (f.code == code) return &f;
  return nullptr;
}

Result<int64_t> FigureCatalogue::Scale(const FigureDef& def, double value) {
  if (!std::isfinite(value))
    return Status::Invalid(def.code, def.name + "：须为数字", def.name_en + ": must be a number");
  if (value < 0)
    return Status::Invalid(def.code, def.name + "：不能为负数",
                           def.name_en + ": must not be negative");
  double scaled = value * Pow10(def.decimals);
  if (scaled > kMaxScaled)
    return Status::Invalid(def.code, def.name + "：数值过大", def.name_en + ": value too large");
  double rounded = std::nearbyint(scaled);
  // Accept the binary artefacts of a decimal (0.1 + 0.2), not a real extra digit.
  if (std::fabs(scaled - rounded) > 1e-6 * std::max(1.0, std::fabs(scaled)) &&
      std::fabs(scaled - rounded) > 1e-4)
    return Status::Invalid(
        def.code, def.name + "：最多 " + std::to_string(def.decimals) + " 位小数",
        def.name_en + ": at most " + std::to_string(def.decimals) + " decimal places");
  return static_cast<int64_t>(rounded);
}

Result<int64_t> FigureCatalogue::ScaleText(const FigureDef& def, std::string_view text) {
  auto bad = [&] {
    return Status::Invalid(def.code, def.name + "：「" + std::string(text) + "」不是有效的数字",
                           def.name_en + ": \"" + std::string(text) + "\" is not a number");
  };
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty() || text.size() > 24) return bad();
  if (text.front() == '-')
    return Status::Invalid(def.code, def.name + "：不能为负数",
                           def.name_en + ": must not be negative");
  int64_t whole = 0, frac = 0;
  int frac_digits = 0;
  bool dot = false, digit = false;
  for (char c : text) {
    if (c == '.' && !dot) {
      dot = true;
    } else if (c >= '0' && c <= '9') {
      digit = true;
      if (!dot) {
        if (whole > 900'000'000'000'000) return Scale(def, 1e300);  // "too large"
        whole = whole * 10 + (c - '0');
      } else {
        if (++frac_digits > def.decimals) {
          if (c == '0') {  // trailing zeros beyond the allowed places are harmless
            --frac_digits;
            continue;
          }
          return Status::Invalid(
              def.code, def.name + "：最多 " + std::to_string(def.decimals) + " 位小数",
              def.name_en + ": at most " + std::to_string(def.decimals) + " decimal places");
        }
        frac = frac * 10 + (c - '0');
      }
    } else {
      return bad();
    }
  }
  if (!digit) return bad();
  for (int i = frac_digits; i < def.decimals; ++i) frac *= 10;
  int64_t scale = static_cast<int64_t>(Pow10(def.decimals));
  if (whole > static_cast<int64_t>(kMaxScaled) / scale) return Scale(def, 1e300);
  return whole * scale + frac;
}

std::string_view AggregateName(FigureDef::Aggregate a) {
  return a == FigureDef::Aggregate::kSum ? "sum" : "last";
}
std::string_view LevelName(FigureDef::Level l) {
  return l == FigureDef::Level::kDepartment ? "department" : "hospital";
}

}  // namespace yuanwu::indicators
