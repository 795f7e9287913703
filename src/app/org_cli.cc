#include "app/org_cli.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "org/department_import.h"
#include "platform/tabular/table.h"

namespace yuanwu::app {
namespace {

int Fail(const Status& s) {
  std::string detail = s.message() + (s.message_en().empty() ? "" : " / " + s.message_en());
  for (const auto& f : s.fields()) detail += "\n  " + f.reason + " / " + f.reason_en;
  std::fprintf(stderr, "yuanwu: %s\n", detail.c_str());
  return 1;
}

const char* ActionLabel(org::ImportAction a) {
  switch (a) {
    case org::ImportAction::kCreate:
      return "新增 create";
    case org::ImportAction::kUpdate:
      return "修改 update";
    case org::ImportAction::kUnchanged:
      return "不变 unchanged";
  }
  return "";
}

}  // namespace

void OrgCli::Register(CLI::App& cli) {
  departments_ = cli.add_subcommand("departments", "科室 / departments");
  departments_->require_subcommand(1);
  import_ = departments_->add_subcommand(
      "import", "导入科室代码表（CSV 或 XLSX；全部成功才保存）/ import the department code table");
  import_->add_option("file", file_, "CSV 或 XLSX 文件 / file")->required();
  import_->add_flag("--dry-run", dry_run_, "只校验并预览，不写入 / validate and preview only");
}

bool OrgCli::Parsed() const { return departments_->parsed(); }

int OrgCli::Run(App& app) {
  std::ifstream in(file_, std::ios::binary);
  if (!in) {
    std::string base = std::filesystem::path(file_).filename().string();
    return Fail(Status::Invalid("file", "无法读取文件：" + base, "cannot read file: " + base));
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string name = std::filesystem::path(file_).filename().string();
  auto table = tabular::ParseUpload(name, ss.str());
  if (!table.ok()) return Fail(table.status());
  org::DepartmentImportOptions options;
  options.dry_run = dry_run_;
  options.file_name = name;
  auto plan = app.org().ImportDepartments({0, "命令行", "127.0.0.1"}, *table, options);
  if (!plan.ok()) return Fail(plan.status());
  if (!plan->problems.empty()) {
    Fail(org::ProblemsToStatus(plan->problems));
    std::fprintf(stderr, "未导入任何科室 / nothing imported\n");
    return 1;
  }
  for (const org::DepartmentImportRow& r : plan->rows) {
    if (r.action == org::ImportAction::kUnchanged) continue;
    std::string changed;
    for (const std::string& c : r.changed) changed += (changed.empty() ? " (" : ", ") + c;
    if (!changed.empty()) changed += ")";
    std::printf("  第%d行 line %d  %s  %s %s%s\n", r.line, r.line, ActionLabel(r.action),
                r.after.code.c_str(), r.after.name.c_str(), changed.c_str());
  }
  std::printf(
      "%s新增 %d，修改 %d，不变 %d；文件中没有的科室保持不变\n"
      "%s%d created, %d updated, %d unchanged; departments not in the file are left alone\n",
      dry_run_ ? "预览（未写入）：" : "已导入：", plan->created, plan->updated, plan->unchanged,
      dry_run_ ? "dry run (nothing written): " : "imported: ", plan->created, plan->updated,
      plan->unchanged);
  return 0;
}

}  // namespace yuanwu::app
