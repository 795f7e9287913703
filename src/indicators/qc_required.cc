// The 必填项目 count behind 填报完整率 (domain-spec §4.5, indicators 1 and 1′) and the 微创
// flag derived from the configurable code list.
#include <algorithm>
#include <string>

#include "indicators/qc.h"
#include "indicators/qc_internal.h"

namespace yuanwu::indicators {

void QcRules::CountRequired(const std::function<bool(std::string_view column)>& filled,
                            Discharge* d, std::vector<Finding>* out) const {
  const std::vector<std::string>& columns = filled_columns();
  std::vector<uint8_t> answers(columns.size());
  for (size_t i = 0; i < columns.size(); ++i)
    answers[i] = filled(columns[i]) ? kCellFilled : kCellEmpty;
  CountRequired(std::span<const uint8_t>(answers), d, out);
}

void QcRules::CountRequired(std::span<const uint8_t> filled, Discharge* d,
                            std::vector<Finding>* out) const {
  int total = 0, have = 0;
  if (tables_ != nullptr) {
    auto state = [&](int id) -> uint8_t {
      if (id < 0 || static_cast<size_t>(id) >= filled.size()) return kCellEmpty;
      return filled[id];
    };
    auto is_filled = [&](int id) { return state(id) == kCellFilled; };
    for (const qc_internal::RequiredItem& item : tables_->required) {
      // An item counts when any of its conditions holds; filled:COL asks the source row.
      const bool applies =
          item.always || std::any_of(item.when.begin(), item.when.end(), [&](const auto& c) {
            return c.kind == qc_internal::Condition::Kind::kFilled ? is_filled(c.filled_id)
                                                                   : qc_internal::Holds(c, *d);
          });
      if (!applies) continue;
      ++total;
      const uint8_t st = state(item.filled_id);
      if (st == kCellFilled) {
        ++have;
        continue;
      }
      if (st == kColumnAbsent) continue;  // reported once per file by the importer
      out->push_back(Finding{item.column, "", "required.missing", Severity::kError,
                             QcCategory::kCompleteness,
                             "必填项目“" + item.label + "”（" + item.column + "）未填写",
                             "required item " + item.column + " (" + item.label_en + ") is empty"});
    }
  }
  d->required_filled = have;
  d->required_total = total;
}

const std::vector<std::string>& QcRules::filled_columns() const {
  static const std::vector<std::string> kNone;
  return tables_ ? tables_->filled_columns : kNone;
}

bool QcRules::IsMinimallyInvasive(std::string_view code) const {
  if (tables_ == nullptr) return false;
  const std::vector<std::string>& prefixes = tables_->mis_prefixes;
  for (size_t n : tables_->mis_lengths) {
    if (code.size() < n) continue;
    const std::string_view head = code.substr(0, n);
    auto it = std::lower_bound(prefixes.begin(), prefixes.end(), head,
                               [](const std::string& a, std::string_view b) { return a < b; });
    if (it != prefixes.end() && *it == head) return true;
  }
  return false;
}

void QcRules::DeriveMinimallyInvasive(Discharge* d) const {
  for (Procedure& p : d->procedures)
    // assign(1, c), not = "1": GCC 12 reports a false -Wrestrict on the literal assignment.
    if (p.wcss.empty() && !p.code.empty())
      p.wcss.assign(1, IsMinimallyInvasive(p.code) ? '1' : '0');
}

}  // namespace yuanwu::indicators
