// The department code table import (department_import.h) on SQLite and PostgreSQL: creates,
// updates, forward parent references, every row problem, nothing written on a problem, and a
// second run of the same file changing nothing.
#include "org/department_import.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "org/org_service.h"
#include "platform/audit/audit_log.h"
#include "platform/db/test_db.h"
#include "platform/tabular/xlsx_report.h"

namespace yuanwu::org {
namespace {

namespace testdb = db::testdb;
using testdb::CountRows;
using testdb::Describe;

constexpr int64_t kNow = 1773108000;  // 2026-03-10T02:00:00Z
const auth::Actor kAdmin{1, "管理员", "10.0.0.1"};

tabular::Table Csv(const std::string& text) {
  Result<tabular::Table> t = tabular::ParseCsv(text);
  EXPECT_TRUE(t.ok()) << Describe(t.status());
  return t.ok() ? *t : tabular::Table{};
}

// The departments of the happy path: a child (NK1) listed before its parent (NK), a campus
// given by name, kinds in Chinese and English, a BOM and CRLF line ends.
const char* kHappy =
    "\xEF\xBB\xBF科室代码,科室名称,院区代码,上级科室代码,科室类别,是否对外公开,排序\r\n"
    "NK1,心血管内科,MAIN,NK,临床,1,2\r\n"
    "NK,内科,本部院区,,clinical,是,1\r\n"
    "FSK,放射科,EAST,,医技,否,5\r\n"
    "YWB,医务部,MAIN,,行政,0,\r\n";

class DepartmentImportTest : public ::testing::TestWithParam<std::string> {
 protected:
  DepartmentImportTest() : clock_(kNow) {}

  void SetUp() override {
    if (!testdb::Available(GetParam()))
      GTEST_SKIP() << "set YUANWU_TEST_PG_URL to run on PostgreSQL";
    db_ = testdb::OpenMigrated(GetParam());
    ASSERT_NE(db_, nullptr);
    org_ = std::make_unique<OrgService>(*db_, clock_, std::vector<std::string>{"org.read"});
    main_ = MustSaveCampus("MAIN", "本部院区");
    east_ = MustSaveCampus("EAST", "东院区");
  }

  int64_t MustSaveCampus(const std::string& code, const std::string& name) {
    Campus c;
    c.code = code;
    c.name = name;
    Result<Campus> saved = org_->SaveCampus(kAdmin, c);
    EXPECT_TRUE(saved.ok()) << Describe(saved.status());
    return saved.ok() ? saved->id : 0;
  }

  Result<DepartmentImportPlan> Import(const std::string& csv, bool dry_run = false) {
    DepartmentImportOptions o;
    o.dry_run = dry_run;
    o.file_name = "科室代码表.csv";
    return org_->ImportDepartments(kAdmin, Csv(csv), o);
  }

  std::optional<Department> ByCode(const std::string& code) {
    auto r = db_->Query<std::optional<Department>>(
        [&](soci::session& sql) -> Result<std::optional<Department>> {
          return OrgStore::FindDepartmentByCode(sql, code);
        });
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : std::nullopt;
  }

  std::vector<audit::Entry> AuditSince(int64_t count_before) {
    audit::Filter f;
    f.limit = 1000;
    auto r = audit::List(*db_, f);
    EXPECT_TRUE(r.ok());
    std::vector<audit::Entry> out;
    if (!r.ok()) return out;
    int64_t fresh = CountRows(*db_, "audit_log") - count_before;
    for (int64_t i = 0; i < fresh && i < static_cast<int64_t>(r->first.size()); ++i)
      out.push_back(r->first[static_cast<size_t>(i)]);
    return out;
  }

  FakeClock clock_;
  std::shared_ptr<db::Database> db_;
  std::unique_ptr<OrgService> org_;
  int64_t main_ = 0, east_ = 0;
};

TEST_P(DepartmentImportTest, CreatesEveryRowWithForwardParentAndAudit) {
  int64_t audit_before = CountRows(*db_, "audit_log");
  Result<DepartmentImportPlan> plan = Import(kHappy);
  ASSERT_TRUE(plan.ok()) << Describe(plan.status());
  EXPECT_TRUE(plan->problems.empty());
  EXPECT_EQ(plan->created, 4);
  EXPECT_EQ(plan->updated, 0);
  EXPECT_EQ(plan->unchanged, 0);
  EXPECT_EQ(CountRows(*db_, "department"), 4);

  std::optional<Department> nk = ByCode("NK"), nk1 = ByCode("NK1"), fsk = ByCode("FSK"),
                            ywb = ByCode("YWB");
  ASSERT_TRUE(nk && nk1 && fsk && ywb);
  EXPECT_EQ(nk1->parent_id, nk->id);
  EXPECT_EQ(nk->parent_id, 0);
  EXPECT_EQ(nk->campus_id, main_);  // by name
  EXPECT_EQ(fsk->campus_id, east_);
  EXPECT_EQ(nk1->name, "心血管内科");
  EXPECT_EQ(nk1->kind, "clinical");
  EXPECT_EQ(fsk->kind, "medtech");
  EXPECT_EQ(ywb->kind, "admin");
  EXPECT_FALSE(fsk->is_public);
  EXPECT_FALSE(ywb->is_public);
  EXPECT_TRUE(nk->is_public);
  EXPECT_EQ(nk1->sort, 2);
  EXPECT_EQ(fsk->sort, 5);
  EXPECT_EQ(ywb->sort, 0);  // empty cell: the default

  // One entry per department, as from the form, and one for the import with its counts.
  std::vector<audit::Entry> entries = AuditSince(audit_before);
  ASSERT_EQ(entries.size(), 5u);
  EXPECT_EQ(entries[0].change.action, "org.department.import");
  EXPECT_NE(entries[0].change.after_json.find("\"created\":4"), std::string::npos)
      << entries[0].change.after_json;
  EXPECT_NE(entries[0].change.after_json.find("科室代码表.csv"), std::string::npos);
  int creates = 0;
  for (const audit::Entry& e : entries) creates += e.change.action == "org.department.create";
  EXPECT_EQ(creates, 4);
}

TEST_P(DepartmentImportTest, SecondRunOfTheSameFileChangesNothing) {
  ASSERT_TRUE(Import(kHappy).ok());
  int64_t audit_before = CountRows(*db_, "audit_log");
  Result<DepartmentImportPlan> again = Import(kHappy);
  ASSERT_TRUE(again.ok()) << Describe(again.status());
  EXPECT_TRUE(again->problems.empty());
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->updated, 0);
  EXPECT_EQ(again->unchanged, 4);
  EXPECT_EQ(CountRows(*db_, "department"), 4);
  std::vector<audit::Entry> entries = AuditSince(audit_before);
  ASSERT_EQ(entries.size(), 1u);  // the import itself, no department entries
  EXPECT_EQ(entries[0].change.action, "org.department.import");
}

TEST_P(DepartmentImportTest, UpdatesExistingCodesAndLeavesOthersAlone) {
  Department keep;
  keep.code = "KEEP";
  keep.name = "不在文件中";
  keep.campus_id = main_;
  ASSERT_TRUE(org_->SaveDepartment(kAdmin, keep).ok());
  Department nk;
  nk.code = "NK";
  nk.name = "大内科";
  nk.campus_id = main_;
  nk.phone = "0571-1234567";
  nk.location = "门诊楼3楼";
  nk.sort = 1;
  Result<Department> saved = org_->SaveDepartment(kAdmin, nk);
  ASSERT_TRUE(saved.ok()) << Describe(saved.status());

  int64_t audit_before = CountRows(*db_, "audit_log");
  // NK: renamed, moved under KEEP (an existing department) and to EAST; NEW is created.
  Result<DepartmentImportPlan> plan = Import(
      "KSDM,KSMC,YQDM,SJKSDM,KSLB\n"
      "NK,内科,EAST,KEEP,\n"
      "NEW,新科室,MAIN,NK,support\n");
  ASSERT_TRUE(plan.ok()) << Describe(plan.status());
  ASSERT_TRUE(plan->problems.empty()) << Describe(ProblemsToStatus(plan->problems));
  EXPECT_EQ(plan->created, 1);
  EXPECT_EQ(plan->updated, 1);
  ASSERT_EQ(plan->rows.size(), 2u);
  EXPECT_EQ(plan->rows[0].action, ImportAction::kUpdate);
  EXPECT_EQ(plan->rows[0].changed, (std::vector<std::string>{"name", "campus", "parent"}));
  EXPECT_EQ(plan->rows[0].before_parent_code, "");
  EXPECT_EQ(plan->rows[0].parent_code, "KEEP");

  std::optional<Department> after = ByCode("NK"), kept = ByCode("KEEP"), fresh = ByCode("NEW");
  ASSERT_TRUE(after && kept && fresh);
  EXPECT_EQ(after->id, saved->id);
  EXPECT_EQ(after->name, "内科");
  EXPECT_EQ(after->campus_id, east_);
  EXPECT_EQ(after->parent_id, kept->id);
  EXPECT_EQ(after->phone, "0571-1234567");  // columns the file does not have are kept
  EXPECT_EQ(after->location, "门诊楼3楼");
  EXPECT_EQ(after->sort, 1);
  EXPECT_EQ(kept->name, "不在文件中");
  EXPECT_EQ(fresh->parent_id, after->id);
  EXPECT_EQ(fresh->kind, "support");

  std::vector<audit::Entry> entries = AuditSince(audit_before);
  ASSERT_EQ(entries.size(), 3u);
  bool update_seen = false;
  for (const audit::Entry& e : entries) {
    if (e.change.action != "org.department.update") continue;
    update_seen = true;
    EXPECT_EQ(e.change.entity_id, std::to_string(saved->id));
    EXPECT_NE(e.change.before_json.find("大内科"), std::string::npos);
    EXPECT_NE(e.change.after_json.find("\"name\":\"内科\""), std::string::npos);
  }
  EXPECT_TRUE(update_seen);
}

TEST_P(DepartmentImportTest, DryRunPreviewsAndWritesNothing) {
  int64_t audit_before = CountRows(*db_, "audit_log");
  Result<DepartmentImportPlan> plan = Import(kHappy, true);
  ASSERT_TRUE(plan.ok()) << Describe(plan.status());
  EXPECT_EQ(plan->created, 4);
  EXPECT_EQ(plan->rows.size(), 4u);
  EXPECT_EQ(plan->rows[0].parent_code, "NK");
  EXPECT_EQ(CountRows(*db_, "department"), 0);
  EXPECT_EQ(CountRows(*db_, "audit_log"), audit_before);
}

struct BadCase {
  const char* name;
  std::string rows;  // after the header below
  int line;
  const char* column;
  const char* value;
  const char* reason_en;  // a part of the English reason
};

const char* kHeader = "科室代码,科室名称,院区代码,上级科室代码,科室类别,是否对外公开,排序\n";

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

std::vector<BadCase> BadCases() {
  return {
      {"DuplicateCode", "A,甲,MAIN,,,,\nB,乙,MAIN,,,,\nA,丙,MAIN,,,,\n", 4, "科室代码", "A",
       "duplicate department code in the file (also on line 2)"},
      {"UnknownCampus", "A,甲,NORTH,,,,\n", 2, "院区代码", "NORTH", "unknown campus"},
      {"EmptyCampus", "A,甲,,,,,\n", 2, "院区代码", "", "campus is required"},
      {"UnknownParent", "A,甲,MAIN,ZZZ,,,\n", 2, "上级科室代码", "ZZZ", "unknown parent"},
      {"Cycle", "A,甲,MAIN,B,,,\nB,乙,MAIN,A,,,\n", 2, "上级科室代码", "B", "parent cycle"},
      {"OwnParent", "A,甲,MAIN,A,,,\n", 2, "上级科室代码", "A", "its own parent"},
      {"EmptyName", "A,,MAIN,,,,\n", 2, "科室名称", "", "department name is required"},
      {"EmptyCode", ",甲,MAIN,,,,\n", 2, "科室代码", "", "department code is required"},
      {"LongName", "A," + Repeat("科", 101) + ",MAIN,,,,\n", 2, "科室名称", nullptr,
       "over 100 characters"},
      {"LongCode", std::string(33, 'C') + ",甲,MAIN,,,,\n", 2, "科室代码", nullptr,
       "over 32 characters"},
      {"LongParent", "A,甲,MAIN," + std::string(33, 'P') + ",,,\n", 2, "上级科室代码", nullptr,
       "parent code is over 32 characters"},
      {"BadCodeChars", "内科,甲,MAIN,,,,\n", 2, "科室代码", "内科", "may only contain"},
      {"UnknownKind", "A,甲,MAIN,,厨房,,\n", 2, "科室类别", "厨房", "kind must be"},
      {"BadPublic", "A,甲,MAIN,,,也许,\n", 2, "是否对外公开", "也许", "public must be"},
      {"BadSort", "A,甲,MAIN,,,,第一\n", 2, "排序", "第一", "sort must be an integer"},
  };
}

TEST_P(DepartmentImportTest, EveryRowProblemIsReportedAndNothingIsWritten) {
  for (const BadCase& c : BadCases()) {
    SCOPED_TRACE(c.name);
    int64_t audit_before = CountRows(*db_, "audit_log");
    // A good row before the bad ones: it is not written either.
    Result<DepartmentImportPlan> plan =
        Import(std::string(kHeader) + c.rows + "GOOD,好科室,MAIN,,,,\n");
    ASSERT_TRUE(plan.ok()) << Describe(plan.status());
    bool found = false;
    for (const ImportProblem& p : plan->problems) {
      if (p.line == c.line && p.column == c.column &&
          p.reason_en.find(c.reason_en) != std::string::npos) {
        found = true;
        if (c.value) {
          EXPECT_EQ(p.value, c.value);
        }
        EXPECT_FALSE(p.reason.empty());
      }
    }
    EXPECT_TRUE(found) << Describe(ProblemsToStatus(plan->problems));
    EXPECT_EQ(CountRows(*db_, "department"), 0);
    EXPECT_EQ(CountRows(*db_, "audit_log"), audit_before);
    // The Status names the row and column in both languages.
    Status s = ProblemsToStatus(plan->problems);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    bool named = false;
    for (const FieldError& f : s.fields()) {
      named |= f.field == "row " + std::to_string(c.line) + " / " + c.column &&
               f.reason.find("第" + std::to_string(c.line) + "行「" + c.column + "」") == 0;
    }
    EXPECT_TRUE(named) << Describe(s);
  }
}

TEST_P(DepartmentImportTest, CycleThroughAnExistingDepartmentIsRefused) {
  ASSERT_TRUE(Import(kHappy).ok());  // NK1 is under NK
  Result<DepartmentImportPlan> plan = Import(
      "科室代码,科室名称,院区代码,上级科室代码\n"
      "NK,内科,MAIN,NK1\n");
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->problems.size(), 1u) << Describe(ProblemsToStatus(plan->problems));
  EXPECT_EQ(plan->problems[0].line, 2);
  EXPECT_NE(plan->problems[0].reason_en.find("parent cycle"), std::string::npos);
  EXPECT_EQ(ByCode("NK")->parent_id, 0);
}

TEST_P(DepartmentImportTest, ReadsXlsxWithSheetRowNumbers) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("yw-dept-xlsx-" + std::to_string(::getpid()) + "-" + GetParam());
  std::filesystem::create_directories(dir);
  std::string path = (dir / "科室代码表.xlsx").string();
  {
    auto report = tabular::XlsxReport::Create(path);
    ASSERT_TRUE(report.ok()) << Describe(report.status());
    std::vector<std::string> header = {"KSDM", "KSMC", "YQDM", "SJKSDM", "KSLB"};
    auto sheet = (*report)->AddSheet("科室", header);
    ASSERT_TRUE(sheet.ok());
    std::vector<tabular::ReportCell> child = {{"NK1"}, {"心内科"}, {"MAIN"}, {"NK"}, {"临床"}};
    std::vector<tabular::ReportCell> parent = {{"NK"}, {"内科"}, {"东院区"}, {""}, {"clinical"}};
    std::vector<tabular::ReportCell> bad = {{"WK"}, {"外科"}, {"NORTH"}, {""}, {""}};
    ASSERT_TRUE((*report)->AddRow(*sheet, child).ok());
    ASSERT_TRUE((*report)->AddRow(*sheet, parent).ok());
    ASSERT_TRUE((*report)->AddRow(*sheet, bad).ok());
    ASSERT_TRUE((*report)->Close().ok());
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove_all(dir);
  Result<tabular::Table> table = tabular::ParseUpload("科室代码表.xlsx", bytes.str());
  ASSERT_TRUE(table.ok()) << Describe(table.status());
  DepartmentImportOptions o;
  Result<DepartmentImportPlan> failed = org_->ImportDepartments(kAdmin, *table, o);
  ASSERT_TRUE(failed.ok()) << Describe(failed.status());
  ASSERT_EQ(failed->problems.size(), 1u) << Describe(ProblemsToStatus(failed->problems));
  EXPECT_EQ(failed->problems[0].line, 4);  // sheet row 4
  EXPECT_EQ(failed->problems[0].column, "YQDM");
  EXPECT_EQ(CountRows(*db_, "department"), 0);

  table->rows.pop_back();
  Result<DepartmentImportPlan> plan = org_->ImportDepartments(kAdmin, *table, o);
  ASSERT_TRUE(plan.ok()) << Describe(plan.status());
  EXPECT_TRUE(plan->problems.empty());
  EXPECT_EQ(plan->created, 2);
  std::optional<Department> nk = ByCode("NK"), nk1 = ByCode("NK1");
  ASSERT_TRUE(nk && nk1);
  EXPECT_EQ(nk1->parent_id, nk->id);
  EXPECT_EQ(nk->campus_id, east_);
}

TEST_P(DepartmentImportTest, FileErrorsAreStatusesNamingTheColumn) {
  Result<DepartmentImportPlan> missing = Import("科室代码,科室名称\nA,甲\n");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(missing.status().fields().at(0).field, "header / 院区代码")
      << Describe(missing.status());

  Result<DepartmentImportPlan> twice = Import("科室代码,KSDM,科室名称,院区代码\nA,A,甲,MAIN\n");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().fields().at(0).field, "header / KSDM");

  Result<DepartmentImportPlan> empty = Import("科室代码,科室名称,院区代码\n");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().fields().at(0).field, "file");
  EXPECT_EQ(CountRows(*db_, "department"), 0);
}

INSTANTIATE_TEST_SUITE_P(Db, DepartmentImportTest, ::testing::ValuesIn(testdb::Engines()),
                         testdb::EngineName);

// ---- Pure parts: no database ----

TEST(DepartmentImportParse, KindAliasesMapToTheDepartmentKinds) {
  for (const char* k : {"clinical", "medtech", "admin", "support"}) {
    EXPECT_EQ(ParseDepartmentKind(k), k);
  }
  EXPECT_EQ(ParseDepartmentKind("临床"), "clinical");
  EXPECT_EQ(ParseDepartmentKind("医技科室"), "medtech");
  EXPECT_EQ(ParseDepartmentKind("Medical-Tech"), "medtech");
  EXPECT_EQ(ParseDepartmentKind("行政职能"), "admin");
  EXPECT_EQ(ParseDepartmentKind("后勤保障"), "support");
  EXPECT_EQ(ParseDepartmentKind("厨房"), std::nullopt);
  for (const char* alias :
       {"临床", "临床科室", "医技", "medical_tech", "行政", "职能科室", "后勤"}) {
    std::optional<std::string> k = ParseDepartmentKind(alias);
    ASSERT_TRUE(k) << alias;
    EXPECT_TRUE(IsDepartmentKind(*k)) << alias;
  }
}

TEST(DepartmentImportParse, HeaderAliasesAndIgnoredColumns) {
  std::vector<ImportProblem> problems;
  DepartmentColumns c = MapDepartmentHeader(
      {"ksdm", "KSMC", "Campus", "SJKSDM", "kslb", "备注", "PUBLIC", "排序"}, problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(c.code, 0);
  EXPECT_EQ(c.name, 1);
  EXPECT_EQ(c.campus, 2);
  EXPECT_EQ(c.parent, 3);
  EXPECT_EQ(c.kind, 4);
  EXPECT_EQ(c.is_public, 6);
  EXPECT_EQ(c.sort, 7);
  EXPECT_EQ(c.ignored, (std::vector<std::string>{"备注"}));
}

TEST(DepartmentImportParse, SortAcceptsSpreadsheetIntegers) {
  std::vector<Campus> campuses = {{1, "MAIN", "本部", "", "", 0}};
  tabular::Table t = Csv("code,name,campus,sort\nA,甲,MAIN,5.0\nB,乙,MAIN,-3\nC,丙,MAIN,2.5\n");
  DepartmentImportPlan plan = PlanDepartmentImport(t, campuses, {});
  ASSERT_EQ(plan.rows.size(), 3u);
  EXPECT_EQ(plan.rows[0].after.sort, 5);
  EXPECT_EQ(plan.rows[1].after.sort, -3);
  ASSERT_EQ(plan.problems.size(), 1u);
  EXPECT_EQ(plan.problems[0].line, 4);
}

TEST(DepartmentImportParse, CellsThatAreNotUtf8AreProblemsNotData) {
  std::vector<Campus> campuses = {{1, "MAIN", "本部", "", "", 0}};
  tabular::Table t;
  t.header = {"code", "name", "campus"};
  t.rows = {{2, {"A", "\xff\xfe", "MAIN"}}, {3, {"B", "乙\x01", "MAIN"}}, {4, {"C", "丙", "MAIN"}}};
  DepartmentImportPlan plan = PlanDepartmentImport(t, campuses, {});
  ASSERT_EQ(plan.problems.size(), 2u) << Describe(ProblemsToStatus(plan.problems));
  EXPECT_EQ(plan.problems[0].line, 2);
  EXPECT_EQ(plan.problems[0].column, "name");
  EXPECT_EQ(plan.problems[0].value, "");
  EXPECT_EQ(plan.problems[1].line, 3);
}

}  // namespace
}  // namespace yuanwu::org
