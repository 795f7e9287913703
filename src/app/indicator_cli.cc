#include "app/indicator_cli.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "indicators/code_table_store.h"
#include "indicators/generator.h"
#include "indicators/reference_sql.h"
#include "platform/db/row.h"
#include "platform/tabular/xlsx_report.h"

namespace yuanwu::app {
namespace {

int Fail(const Status& s) {
  std::string detail = s.message() + (s.message_en().empty() ? "" : " / " + s.message_en());
  for (const auto& f : s.fields())
    detail += "\n  " + f.field + ": " + f.reason + " / " + f.reason_en;
  std::fprintf(stderr, "yuanwu: %s\n", detail.c_str());
  return 1;
}

// "2025-03" → 202503.
std::optional<int> ParseMonth(const std::string& s) {
  if (s.size() != 7 || s[4] != '-') return std::nullopt;
  try {
    int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2));
    if (y < 1900 || y > 2999 || m < 1 || m > 12) return std::nullopt;
    return y * 100 + m;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

nlohmann::json Opt(const std::optional<double>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}

// The whole file, or a NotFound naming it.
Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("文件 " + path, "file " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Prints the refused cells of a figure or code-table file; returns 1.
int PrintImportErrors(const std::string& file,
                      const std::vector<indicators::FigureImportError>& errors) {
  std::fprintf(stderr,
               "%s: 未导入（没有写入任何数据）/ not imported (nothing written): %zu 个问题 "
               "problems\n",
               file.c_str(), errors.size());
  for (size_t i = 0; i < errors.size() && i < 50; ++i) {
    const auto& e = errors[i];
    std::fprintf(stderr, "  第%d行 line %d「%s」%s: %s / %s\n", e.line, e.line, e.column.c_str(),
                 e.value.empty() ? "" : ("（" + e.value + "）").c_str(), e.reason.c_str(),
                 e.reason_en.c_str());
  }
  return 1;
}

int ImportFigures(App& app, const std::vector<std::string>& files) {
  int failures = 0;
  for (const std::string& file : files) {
    auto data = ReadWholeFile(file);
    if (!data.ok()) {
      failures += Fail(data.status());
      continue;
    }
    auto out = app.indicators().ImportFigures(
        {0, "命令行", "127.0.0.1"}, std::filesystem::path(file).filename().string(), *data);
    if (!out.ok()) {
      failures += Fail(out.status());
    } else if (!out->errors.empty()) {
      failures += PrintImportErrors(file, out->errors);
    } else {
      std::printf(
          "%s: 医院填报数据 figures — %lld 行 rows, %lld 个数值 values, %lld 新增 inserted, "
          "%lld 修改 updated\n",
          file.c_str(), static_cast<long long>(out->rows), static_cast<long long>(out->values),
          static_cast<long long>(out->inserted), static_cast<long long>(out->updated));
    }
  }
  return failures ? 1 : 0;
}

int ImportCodeTable(App& app, indicators::CodeKind kind, const std::string& version,
                    const std::vector<std::string>& files) {
  if (files.size() != 1)
    return Fail(Status::Invalid("files", "编码字典一次导入一个文件（整表替换）",
                                "a code table is imported from one file (it replaces the table)"));
  auto data = ReadWholeFile(files[0]);
  if (!data.ok()) return Fail(data.status());
  auto out =
      app.indicators().ImportCodeTable({0, "命令行", "127.0.0.1"}, kind, version,
                                       std::filesystem::path(files[0]).filename().string(), *data);
  if (!out.ok()) return Fail(out.status());
  if (!out->errors.empty()) return PrintImportErrors(files[0], out->errors);
  std::printf(
      "%s: 编码字典 code table %s — %lld 条 codes（替换原有 %lld 条 replaced）, 版本 "
      "version %s\n",
      files[0].c_str(), std::string(indicators::CodeKindName(kind)).c_str(),
      static_cast<long long>(out->rows), static_cast<long long>(out->replaced), version.c_str());
  return 0;
}

std::string Num(const std::optional<double>& v) {
  if (!v) return "";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.10g", *v);
  return buf;
}

}  // namespace

void IndicatorCli::Register(CLI::App& cli) {
  import_ = cli.add_subcommand(
      "import",
      "导入病案首页、门急诊等数据（及医院填报数据、编码字典）/ import record files (and "
      "hospital figures, code tables)");
  import_
      ->add_option("--dataset", dataset_,
                   "discharges | visits | antibiotic_use | pathways | figures (医院填报数据) | "
                   "icd10 | procedures (编码字典)")
      ->required();
  import_->add_option("--mapping", mapping_, "已保存的列映射名称 / saved column mapping");
  // Read back in ImportCodeTable (no member: the option only matters for code tables).
  import_
      ->add_option("--version",
                   "编码字典版本（icd10、procedures 必填），如 国临版2.0 / code table version")
      ->type_name("TEXT");
  import_->add_option("files", files_, "CSV 或 XLSX 文件 / files")->required();

  indicators_ = cli.add_subcommand("indicators", "计算指标 / compute indicators");
  // Required unless --reference-sql (checked in Indicators()).
  indicators_->add_option("--from", from_, "起始月份 YYYY-MM（必填）/ first month (required)");
  indicators_->add_option("--to", to_, "截止月份 YYYY-MM（必填）/ last month (required)");
  indicators_->add_option("--by", by_, "month | quarter | year")->capture_default_str();
  indicators_->add_option("--group", group_, "hospital | campus | department")
      ->capture_default_str();
  indicators_->add_option("--format", format_, "json | csv | xlsx")->capture_default_str();
  indicators_->add_option("--out", out_, "输出文件（默认标准输出；xlsx 必填）/ output file");
  indicators_->add_option("--indicator", codes_, "只计算这些指标 / only these indicator codes");
  indicators_->add_flag("--reference", reference_,
                        "用参考 SQL 计算（校验用，较慢）/ compute with the reference SQL");
  indicators_->add_flag("--reference-sql", reference_sql_,
                        "打印参考 SQL / print the reference SQL of every indicator");

  generate_ = cli.add_subcommand(
      "generate", "生成演示/基准测试用的病案与就诊数据（CSV）/ generate demo record files");
  generate_->add_option("--out", gen_out_, "输出目录 / output folder")->required();
  generate_->add_option("--first-year", gen_first_year_)->capture_default_str();
  generate_->add_option("--years", gen_years_)->capture_default_str();
  generate_->add_option("--discharges", gen_discharges_, "每年出院人次 / discharges per year")
      ->capture_default_str();
  generate_->add_option("--visits", gen_visits_, "每年门急诊人次 / visits per year")
      ->capture_default_str();
  generate_->add_option("--seed", gen_seed_)->capture_default_str();
}

bool IndicatorCli::Parsed() const { return import_->parsed() || indicators_->parsed(); }

int IndicatorCli::Run(App& app) {
  if (import_->parsed()) return Import(app);
  return Indicators(app);
}

int IndicatorCli::Generate(const std::string& demo_dir) {
  indicators::GeneratorOptions opt;
  opt.first_year = gen_first_year_;
  opt.years = gen_years_;
  opt.discharges_per_year = gen_discharges_;
  opt.visits_per_year = gen_visits_;
  opt.seed = gen_seed_;
  std::ifstream in(demo_dir + "/departments.json");
  std::stringstream ss;
  ss << in.rdbuf();
  auto depts = nlohmann::json::parse(ss.str(), nullptr, false);
  if (!depts.is_array()) return Fail(Status::NotFound("科室文件", "departments.json"));
  for (const auto& d : depts)
    opt.departments.push_back(
        {d.value("code", ""), d.value("name", ""), d.value("kind", ""), d.value("campus", "")});
  for (const EmbeddedFile* f = EmbeddedFiles(); !f->path.empty(); ++f)
    // The 首页 required list too: the generator fills every required column it names.
    if (f->path.starts_with("data/indicators/demo/") ||
        f->path == "data/indicators/qc/required_fields.csv")
      opt.files[std::string(f->path)] = std::string(f->content);
  std::error_code ec;
  std::filesystem::create_directories(gen_out_, ec);
  indicators::GeneratorStats stats;
  auto t0 = std::chrono::steady_clock::now();
  Status s = indicators::GenerateCsv(opt, gen_out_, &stats);
  if (!s.ok()) return Fail(s);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf(
      "已生成（演示数据）/ generated (demo data): %lld discharges, %lld visits, %lld "
      "antibiotic rows, %lld pathway rows in %.1f s\n",
      static_cast<long long>(stats.discharges), static_cast<long long>(stats.visits),
      static_cast<long long>(stats.antibiotic_rows), static_cast<long long>(stats.pathway_rows),
      secs);
  return 0;
}

int IndicatorCli::Import(App& app) {
  if (dataset_ == "figures") return ImportFigures(app, files_);
  if (indicators::ParseCodeKind(dataset_))
    return ImportCodeTable(app, *indicators::ParseCodeKind(dataset_),
                           import_->get_option("--version")->count()
                               ? import_->get_option("--version")->as<std::string>()
                               : "",
                           files_);
  auto ds = indicators::ParseDataset(dataset_);
  if (!ds)
    return Fail(Status::Invalid(
        "dataset",
        "数据集应为 discharges、visits、antibiotic_use、pathways、figures、icd10 或 procedures",
        "dataset must be discharges, visits, antibiotic_use, pathways, figures, icd10 or "
        "procedures"));
  std::map<std::string, std::string> mapping;
  if (!mapping_.empty()) {
    auto m = app.db().Query<std::string>([&](soci::session& sql) -> Result<std::string> {
      db::Params p;
      p.Add("d", dataset_);
      p.Add("n", mapping_);
      std::string out;
      db::ForEachRow(sql, "SELECT mapping FROM column_mapping WHERE dataset = :d AND name = :n", p,
                     [&](const soci::row& r) { out = db::Text(r, 0); });
      if (out.empty()) return Status::NotFound("列映射 " + mapping_, "column mapping " + mapping_);
      return out;
    });
    if (!m.ok()) return Fail(m.status());
    auto j = nlohmann::json::parse(*m, nullptr, false);
    if (j.is_object())
      for (auto& [k, v] : j.items())
        if (v.is_string()) mapping[k] = v.get<std::string>();
  }
  int failures = 0;
  for (const std::string& file : files_) {
    indicators::ImportRequest r;
    r.dataset = *ds;
    r.file_name = std::filesystem::path(file).filename().string();
    r.path = file;
    r.mapping = mapping;
    r.mapping_name = mapping_;
    r.actor = {0, "命令行", "127.0.0.1"};
    auto t0 = std::chrono::steady_clock::now();
    auto out = app.indicators().Import(r);
    if (!out.ok()) {
      Fail(out.status());
      ++failures;
      continue;
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf(
        "%s: 批次 batch %lld %s — %lld 条记录 records, %lld 入库 inserted, %lld 替换 "
        "replaced, %lld 拒收 rejects, %lld 错误 errors, %lld 提示 warnings, %.2f s\n",
        file.c_str(), static_cast<long long>(out->batch_id),
        out->committed ? "已导入 committed" : "未导入 FAILED", static_cast<long long>(out->records),
        static_cast<long long>(out->inserted), static_cast<long long>(out->replaced),
        static_cast<long long>(out->rejects), static_cast<long long>(out->errors),
        static_cast<long long>(out->warnings), secs);
    for (size_t i = 0; i < out->sample.size() && i < 20; ++i) {
      const auto& f = out->sample[i];
      std::printf("  第%lld行 line %lld %s「%s」: %s / %s\n", static_cast<long long>(f.line),
                  static_cast<long long>(f.line), f.finding.field.c_str(), f.finding.value.c_str(),
                  f.finding.message.c_str(), f.finding.message_en.c_str());
    }
    if (!out->report_key.empty())
      std::printf("  错误报告 report: %s/files/%s/%s\n", app.options().data_dir.c_str(),
                  out->report_key.substr(0, 2).c_str(), out->report_key.c_str());
    if (!out->committed) ++failures;
  }
  return failures ? 1 : 0;
}

int IndicatorCli::Indicators(App& app) {
  auto& svc = app.indicators();
  if (reference_sql_) {
    std::printf("%s", indicators::ReferenceSqlText(svc.engine().indicators()).c_str());
    return 0;
  }
  auto from = ParseMonth(from_), to = ParseMonth(to_);
  auto grain = indicators::ParseGrain(by_);
  auto grouping = indicators::ParseGrouping(group_);
  Validation v;
  if (!from) v.Fail("from", "起始月份应为 YYYY-MM", "--from must be YYYY-MM");
  if (!to) v.Fail("to", "截止月份应为 YYYY-MM", "--to must be YYYY-MM");
  if (from && to && *from > *to) v.Fail("to", "截止月份早于起始月份", "--to is before --from");
  if (!grain)
    v.Fail("by", "--by 应为 month、quarter 或 year", "--by must be month, quarter or year");
  if (!grouping)
    v.Fail("group", "--group 应为 hospital、campus 或 department",
           "--group must be hospital, campus or department");
  if (format_ != "json" && format_ != "csv" && format_ != "xlsx")
    v.Fail("format", "--format 应为 json、csv 或 xlsx", "--format must be json, csv or xlsx");
  if (format_ == "xlsx" && out_.empty()) v.Fail("out", "xlsx 需要 --out 文件", "xlsx needs --out");
  if (!v.ok()) return Fail(v.ToStatus());
  indicators::Query q;
  q.from = *from, q.to = *to, q.grain = *grain, q.grouping = *grouping, q.indicators = codes_;
  auto rows =
      reference_ ? indicators::RunReferenceSql(app.db(), svc.engine().indicators(), q) : svc.Run(q);
  if (!rows.ok()) return Fail(rows.status());
  std::map<std::string, const indicators::Indicator*> by_code;
  auto defs = svc.engine().indicators();
  for (const auto& d : defs) by_code[d.code] = &d;

  std::string text;
  if (format_ == "json") {
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    for (const auto& r : *rows) {
      const auto* d = by_code[r.indicator];
      arr.push_back({{"indicator", r.indicator},
                     {"name", d ? d->name : ""},
                     {"unit", d ? d->unit : ""},
                     {"period", r.period},
                     {"org_unit", r.org_unit},
                     {"numerator", r.numerator},
                     {"denominator", d && d->denominator ? nlohmann::ordered_json(r.denominator)
                                                         : nlohmann::ordered_json()},
                     {"value", Opt(r.value)},
                     {"previous_year_value", Opt(r.previous_year_value)},
                     {"previous_period_value", Opt(r.previous_period_value)},
                     {"ytd_value", Opt(r.ytd_value)},
                     {"previous_ytd_value", Opt(r.previous_ytd_value)}});
    }
    text = arr.dump(1) + "\n";
  } else {
    std::vector<std::string> header = {"indicator",
                                       "name",
                                       "unit",
                                       "period",
                                       "org_unit",
                                       "numerator",
                                       "denominator",
                                       "value",
                                       "previous_year_value",
                                       "previous_period_value",
                                       "ytd_value",
                                       "previous_ytd_value"};
    std::vector<std::vector<std::string>> table;
    for (const auto& r : *rows) {
      const auto* d = by_code[r.indicator];
      table.push_back({r.indicator, d ? d->name : "", d ? d->unit : "", r.period, r.org_unit,
                       std::to_string(r.numerator),
                       d && d->denominator ? std::to_string(r.denominator) : "", Num(r.value),
                       Num(r.previous_year_value), Num(r.previous_period_value), Num(r.ytd_value),
                       Num(r.previous_ytd_value)});
    }
    if (format_ == "csv") {
      auto line = [&](const std::vector<std::string>& cells) {
        for (size_t i = 0; i < cells.size(); ++i) {
          bool quote = cells[i].find_first_of(",\"\n") != std::string::npos;
          std::string c = cells[i];
          if (quote) {
            std::string e = "\"";
            for (char ch : c) e += ch == '"' ? std::string("\"\"") : std::string(1, ch);
            c = e + "\"";
          }
          text += (i ? "," : "") + c;
        }
        text += "\n";
      };
      line(header);
      for (const auto& t : table) line(t);
    } else {
      auto book = tabular::XlsxReport::Create(out_);
      if (!book.ok()) return Fail(book.status());
      auto sheet = (*book)->AddSheet("指标", header);
      if (!sheet.ok()) return Fail(sheet.status());
      for (const auto& t : table) {
        std::vector<tabular::ReportCell> cells;
        for (const auto& c : t) {
          tabular::ReportCell cell;
          cell.text = c;
          cells.push_back(std::move(cell));
        }
        Status s = (*book)->AddRow(*sheet, cells);
        if (!s.ok()) return Fail(s);
      }
      Status s = (*book)->Close();
      if (!s.ok()) return Fail(s);
      return 0;
    }
  }
  if (out_.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
  } else {
    std::ofstream f(out_, std::ios::binary);
    f << text;
    if (!f) return Fail(Status::Internal("cannot write " + out_));
  }
  return 0;
}

}  // namespace yuanwu::app
