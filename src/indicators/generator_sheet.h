// One data file of the generator being read (data/indicators/demo/*.csv, and the optional
// required_fields.csv): typed cell access whose errors name the file, line and column, so that
// someone editing a catalogue finds the mistake. Internal to generator*.cc.
#pragma once

#include <cmath>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "platform/base/result.h"
#include "platform/tabular/table.h"

namespace yuanwu::indicators::gen {

// The part of a path after the last '/': GeneratorOptions::files may be keyed by path.
std::string BaseName(const std::string& path);

// "a|b|c" → {"a", "b", "c"}; "" → {}.
std::vector<std::string> Split(std::string_view s, char sep);

// The content of the file called `name` in `files` (by base name), or nullptr.
const std::string* FindFile(const std::map<std::string, std::string>& files, std::string_view name);

class Sheet {
 public:
  Sheet(std::string name, tabular::Table table) : name_(std::move(name)), t_(std::move(table)) {}

  // Parses the file called `name` and checks that it has `columns`; a missing file, a CSV
  // error or a missing column is an Invalid status on the "files" option.
  static Result<Sheet> Open(const std::map<std::string, std::string>& files,
                            const std::string& name, const std::vector<std::string>& columns);

  size_t rows() const { return t_.rows.size(); }
  // Rows whose first cell starts with '#' (the comment convention of data/indicators/qc/).
  bool Comment(size_t row) const {
    const std::vector<std::string>& cells = t_.rows[row].cells;
    return !cells.empty() && cells[0].starts_with("#");
  }

  std::string Text(size_t row, std::string_view column) const;

  // A number in [lo, hi]; an empty cell gives `empty` (NAN: an empty cell is an error).
  Result<double> Number(size_t row, std::string_view column, double lo, double hi,
                        double empty = NAN) const;

  // An Invalid status naming the file, line, column and the cell's value.
  Status Error(size_t row, std::string_view column, const std::string& zh,
               const std::string& en) const;

 private:
  std::string name_;
  tabular::Table t_;
};

}  // namespace yuanwu::indicators::gen
