// The org module's command-line surface:
//   yuanwu departments import FILE [--dry-run]
// loads a department code table (科室代码表, CSV or XLSX; format in org/department_import.h)
// through the same use case as POST /api/v1/departments/import: all rows or none, audited.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "app/app.h"

namespace yuanwu::app {

class OrgCli {
 public:
  void Register(CLI::App& cli);
  bool Parsed() const;
  int Run(App& app);

 private:
  CLI::App* departments_ = nullptr;
  CLI::App* import_ = nullptr;
  std::string file_;
  bool dry_run_ = false;
};

}  // namespace yuanwu::app
