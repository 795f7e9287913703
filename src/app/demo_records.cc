#include "app/demo_records.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "indicators/generator.h"
#include "platform/db/row.h"

namespace yuanwu::app {

Result<DemoRecordsReport> LoadDemoRecords(App& app, const std::string& departments_json,
                                          int last_year, double scale) {
  DemoRecordsReport rep;
  if (scale <= 0) return rep;
  YW_ASSIGN_OR_RETURN(
      int64_t existing, app.db().Query<int64_t>([](soci::session& sql) -> Result<int64_t> {
        return db::ScalarInt(sql, "SELECT COUNT(*) FROM import_batch WHERE demo = 1", {});
      }));
  if (existing > 0) {
    rep.already_loaded = true;
    return rep;
  }
  std::ifstream in(departments_json);
  if (!in)
    return Status::NotFound("演示数据文件 " + departments_json, "demo file " + departments_json);
  std::stringstream ss;
  ss << in.rdbuf();
  auto depts = nlohmann::json::parse(ss.str(), nullptr, false);
  if (!depts.is_array())
    return Status::Invalid("file", departments_json + " 不是有效的 JSON", "invalid JSON");

  indicators::GeneratorOptions opt;
  opt.first_year = last_year - 1;
  opt.years = 2;
  opt.seed = 20261122;
  opt.discharges_per_year = std::max<int64_t>(1, std::llround(opt.discharges_per_year * scale));
  opt.visits_per_year = std::max<int64_t>(1, std::llround(opt.visits_per_year * scale));
  for (const auto& d : depts)
    opt.departments.push_back(
        {d.value("code", ""), d.value("name", ""), d.value("kind", ""), d.value("campus", "")});
  for (const EmbeddedFile* f = EmbeddedFiles(); !f->path.empty(); ++f)
    // The 首页 required list too: the generator fills every required column it names.
    if (f->path.starts_with("data/indicators/demo/") ||
        f->path == "data/indicators/qc/required_fields.csv")
      opt.files[std::string(f->path)] = std::string(f->content);

  namespace fs = std::filesystem;
  fs::path dir = fs::path(app.options().data_dir) / "demo-records";
  std::error_code ec;
  fs::create_directories(dir, ec);
  indicators::GeneratorStats stats;
  YW_RETURN_IF_ERROR(indicators::GenerateCsv(opt, dir.string(), &stats));
  rep.discharges = stats.discharges, rep.visits = stats.visits;
  rep.antibiotic_rows = stats.antibiotic_rows, rep.pathway_rows = stats.pathway_rows;
  for (indicators::Dataset d : indicators::kAllDatasets) {
    indicators::ImportRequest r;
    r.dataset = d;
    r.file_name = std::string(indicators::DatasetName(d)) + ".csv";
    r.path = (dir / r.file_name).string();
    r.source = "demo";
    r.demo = true;
    YW_ASSIGN_OR_RETURN(indicators::ImportOutcome out, app.indicators().Import(r));
    if (!out.committed) return out.failure;
  }
  fs::remove_all(dir, ec);  // the records now live in the database
  return rep;
}

}  // namespace yuanwu::app
