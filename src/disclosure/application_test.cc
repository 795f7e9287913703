// Tests of the disclosure application rules (application.h): the data cases of
// tests/disclosure/applications/*.case (format in the README there), unit tests of what the
// files cannot express, and the case-type files data/cases/disclosure_{application,
// consultation}.json. Files are read from YUANWU_SOURCE_DIR (set by CTest).
#include "disclosure/application.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "platform/base/text.h"

namespace yuanwu::disclosure {
namespace {

using nlohmann::json;

constexpr const char* kCaseDir = "tests/disclosure/applications";

std::string ReadSource(const std::string& relative) {
  const char* root = std::getenv("YUANWU_SOURCE_DIR");
  if (root == nullptr || *root == '\0') {
    ADD_FAILURE() << "YUANWU_SOURCE_DIR is not set; run the test through ctest";
    return {};
  }
  std::ifstream in(std::string(root) + "/" + relative, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << root << "/" << relative;
    return {};
  }
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

calendar::WorkingCalendar ShippedCalendar() {
  Result<std::vector<calendar::SpecialDay>> days =
      calendar::ParseCalendarCsv(ReadSource("data/calendar/cn-workdays-2024-2026.csv"));
  EXPECT_TRUE(days.ok()) << days.status().message_en();
  return calendar::WorkingCalendar(days.ok() ? *days : std::vector<calendar::SpecialDay>{});
}

Date D(const char* text) {
  std::optional<Date> d = ParseDate(text);
  EXPECT_TRUE(d.has_value()) << text;
  return d.value_or(Date{});
}

std::vector<std::string> Fields(const Status& s) {
  std::vector<std::string> out;
  for (const FieldError& f : s.fields()) out.push_back(f.field);
  std::sort(out.begin(), out.end());
  return out;
}

std::string Show(const Cells& cells) {
  std::string out;
  for (int64_t n : cells) out += (out.empty() ? "" : " ") + std::to_string(n);
  return out;
}

// ---- Reading .case files ----
struct Line {
  std::string where, key, value;
};
struct CaseBlock {
  std::string where, name;
  std::vector<Line> lines;
};
struct CaseFile {
  std::vector<Line> loose;  // lines before the first "case" (the whole of table_rows.case)
  std::vector<CaseBlock> cases;
};

CaseFile ReadCaseFile(const std::string& file, const std::string& text) {
  CaseFile out;
  std::vector<std::string> lines = Split(text, '\n');
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string line = Trim(lines[i].substr(0, lines[i].find('#')));
    if (line.empty()) continue;
    const size_t space = line.find(' ');
    Line l{file + ":" + std::to_string(i + 1), line.substr(0, space),
           space == std::string::npos ? "" : Trim(line.substr(space + 1))};
    if (l.key == "case") {
      out.cases.push_back(CaseBlock{l.where, l.value, {}});
    } else if (out.cases.empty()) {
      out.loose.push_back(std::move(l));
    } else {
      out.cases.back().lines.push_back(std::move(l));
    }
  }
  return out;
}

std::optional<Date> ReadDate(const Line& l) {
  std::optional<Date> d = ParseDate(l.value);
  EXPECT_TRUE(d.has_value()) << l.where << ": not a YYYY-MM-DD date: " << l.value;
  return d;
}

// ---- receipt_dates ----
void RunReceiptCase(const CaseBlock& c) {
  std::optional<SubmissionChannel> channel;
  std::optional<Date> submitted, signed_for, confirmed, expected;
  std::string error;
  for (const Line& l : c.lines) {
    if (l.key == "channel") {
      channel = ParseChannel(l.value);
      ASSERT_TRUE(channel.has_value()) << l.where << ": unknown channel " << l.value;
    } else if (l.key == "submitted") {
      submitted = ReadDate(l);
    } else if (l.key == "signed") {
      signed_for = ReadDate(l);
    } else if (l.key == "confirmed") {
      confirmed = ReadDate(l);
    } else if (l.key == "received") {
      expected = ReadDate(l);
    } else if (l.key == "error") {
      error = l.value;
    } else {
      FAIL() << l.where << ": a line the runner cannot read: " << l.key;
    }
  }
  ASSERT_TRUE(channel.has_value()) << "a case needs a channel";
  ASSERT_NE(expected.has_value(), !error.empty()) << "a case expects one of received, error";
  Result<Date> got = ReceivedOn(*channel, submitted, signed_for, confirmed);
  if (!error.empty()) {
    ASSERT_FALSE(got.ok()) << "received " << got->ToString();
    EXPECT_EQ(got.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(Fields(got.status()), std::vector<std::string>{error});
    EXPECT_FALSE(got.status().message().empty());
    EXPECT_FALSE(got.status().message_en().empty());
    return;
  }
  ASSERT_TRUE(got.ok()) << got.status().message_en();
  EXPECT_EQ(got->ToString(), expected->ToString());
}

// ---- deadlines ----
void RunDeadlineCase(const CaseBlock& c, const calendar::WorkingCalendar& cal) {
  std::string rule, period, error;
  std::optional<Date> from, replied, due;
  for (const Line& l : c.lines) {
    if (l.key == "rule") {
      rule = l.value;
    } else if (l.key == "period") {
      period = l.value;
    } else if (l.key == "from") {
      from = ReadDate(l);
    } else if (l.key == "replied") {
      replied = ReadDate(l);
    } else if (l.key == "due") {
      due = ReadDate(l);
    } else if (l.key == "error") {
      error = l.value;
    } else {
      FAIL() << l.where << ": a line the runner cannot read: " << l.key;
    }
  }
  ASSERT_TRUE(from.has_value()) << "a case needs from";
  ASSERT_NE(due.has_value(), !error.empty()) << "a case expects one of due, error";
  ASSERT_TRUE(!replied || rule == "third_party_pause_end")
      << "replied is for third_party_pause_end";
  std::optional<Result<Date>> got;
  if (rule == "correction_notice") {
    got = CorrectionNoticeDue(cal, *from, period);
  } else if (rule == "answer") {
    got = AnswerDue(cal, *from, period);
  } else if (rule == "third_party_reply") {
    got = ThirdPartyReplyDue(cal, *from, period);
  } else if (rule == "third_party_pause_end") {
    got = ThirdPartyPauseEnds(cal, *from, replied, period);
  }
  ASSERT_TRUE(got.has_value()) << "unknown rule " << rule;
  if (!error.empty()) {
    ASSERT_FALSE(got->ok()) << "due " << (*got)->ToString();
    EXPECT_EQ(got->status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(got->status().message_en().find(error), std::string::npos)
        << got->status().message_en();
    EXPECT_FALSE(got->status().message().empty());
    return;
  }
  ASSERT_TRUE(got->ok()) << got->status().message_en();
  EXPECT_EQ((*got)->ToString(), due->ToString());
  // A working-day deadline falls on a working day.
  if (period.ends_with("wd")) {
    EXPECT_TRUE(cal.IsWorkingDay(**got));
  }
}

// ---- extensions ----
void RunExtensionCase(const CaseBlock& c) {
  ExtensionRequest r;
  std::string max;
  bool ok = false, have_max = false;
  std::optional<std::vector<std::string>> error;
  for (const Line& l : c.lines) {
    if (l.key == "max") {
      have_max = true;
      max = l.value == "none" ? "" : l.value;
    } else if (l.key == "granted") {
      r.granted = l.value;
    } else if (l.key == "amount") {
      r.amount = l.value;
    } else if (l.key == "approver") {
      r.approver = l.value;
    } else if (l.key == "reason") {
      r.reason = l.value;
    } else if (l.key == "ok") {
      ok = true;
    } else if (l.key == "error") {
      error = Split(l.value, ' ');
      std::sort(error->begin(), error->end());
    } else {
      FAIL() << l.where << ": a line the runner cannot read: " << l.key;
    }
  }
  ASSERT_TRUE(have_max) << "a case needs max (or max none)";
  ASSERT_NE(ok, error.has_value()) << "a case expects one of ok, error";
  Status s = ValidateExtension(r, max);
  if (ok) {
    EXPECT_TRUE(s.ok()) << s.message_en();
    return;
  }
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Fields(s), *error) << s.message_en();
  for (const FieldError& f : s.fields()) {
    EXPECT_FALSE(f.reason.empty());
    EXPECT_FALSE(f.reason_en.empty());
  }
}

// ---- annual_table ----
// The row of the table a code names (received, carried_in, an outcome, total, carried_out).
Cells* RowOf(AnnualTable& t, std::string_view code) {
  if (code == "received") return &t.received;
  if (code == "carried_in") return &t.carried_in;
  if (code == "total") return &t.decided_total;
  if (code == "carried_out") return &t.carried_out;
  std::optional<Outcome> o = ParseOutcome(code);
  return o ? &t.decided[static_cast<size_t>(*o)] : nullptr;
}

std::vector<std::string> RowCodes() {
  std::vector<std::string> out = {"received", "carried_in"};
  for (Outcome o : AllOutcomes()) out.emplace_back(OutcomeCode(o));
  out.insert(out.end(), {"total", "carried_out"});
  return out;
}

int ColumnOf(std::string_view code) {
  if (code == "total") return kTotalColumn;
  std::optional<ApplicantKind> k = ParseApplicantKind(code);
  return k ? static_cast<int>(*k) : -1;
}

bool ReadCount(const std::string& text, int64_t* out) {
  char* end = nullptr;
  *out = std::strtoll(text.c_str(), &end, 10);
  return !text.empty() && end != nullptr && *end == '\0';
}

// The cells ToJson gives a row, by code.
std::map<std::string, Cells> JsonCells(const json& j) {
  std::map<std::string, Cells> out;
  for (const json& row : j.at("rows")) {
    if (!row.contains("cells")) continue;
    Cells cells{};
    for (size_t i = 0; i < cells.size() && i < row["cells"].size(); ++i)
      cells[i] = row["cells"][i].get<int64_t>();
    out[row["code"].get<std::string>()] = cells;
  }
  return out;
}

void RunAnnualCase(const CaseBlock& c) {
  int year = 0;
  std::vector<ApplicationRecord> apps;
  std::map<std::string, Cells> expected;
  std::string error;
  struct Set {
    std::string where, row;
    int column;
    int64_t value;
  };
  std::vector<Set> sets;
  std::optional<std::vector<std::string>> check_fails;
  for (const Line& l : c.lines) {
    std::vector<std::string> w = Split(l.value, ' ');
    w.erase(std::remove(w.begin(), w.end(), ""), w.end());
    if (l.key == "year") {
      ASSERT_EQ(w.size(), 1u) << l.where;
      year = std::atoi(w[0].c_str());
    } else if (l.key == "app") {
      // app KIND RECEIVED [OUTCOME] [DECIDED]
      ASSERT_TRUE(w.size() >= 2 && w.size() <= 4)
          << l.where << ": app KIND RECEIVED [OUTCOME DECIDED]";
      ApplicationRecord r;
      r.code = l.where;
      std::optional<ApplicantKind> kind = ParseApplicantKind(w[0]);
      std::optional<Date> received = ParseDate(w[1]);
      ASSERT_TRUE(kind && received) << l.where << ": bad kind or date";
      r.kind = *kind;
      r.received_on = *received;
      if (w.size() >= 3) {
        r.outcome = ParseOutcome(w[2]);
        ASSERT_TRUE(r.outcome.has_value()) << l.where << ": unknown outcome " << w[2];
      }
      if (w.size() == 4) {
        r.decided_on = ParseDate(w[3]);
        ASSERT_TRUE(r.decided_on.has_value()) << l.where << ": bad date " << w[3];
      }
      apps.push_back(r);
    } else if (l.key == "row") {
      ASSERT_EQ(w.size(), static_cast<size_t>(kColumns) + 1) << l.where << ": row CODE + 7 counts";
      AnnualTable probe;
      ASSERT_NE(RowOf(probe, w[0]), nullptr) << l.where << ": unknown row " << w[0];
      Cells cells{};
      for (int i = 0; i < kColumns; ++i)
        ASSERT_TRUE(ReadCount(w[static_cast<size_t>(i) + 1], &cells[static_cast<size_t>(i)]))
            << l.where;
      ASSERT_FALSE(expected.count(w[0])) << l.where << ": row " << w[0] << " listed twice";
      expected[w[0]] = cells;
    } else if (l.key == "error") {
      error = l.value;
    } else if (l.key == "set") {
      ASSERT_EQ(w.size(), 3u) << l.where << ": set ROW COLUMN N";
      AnnualTable probe;
      Set s{l.where, w[0], ColumnOf(w[1]), 0};
      ASSERT_NE(RowOf(probe, s.row), nullptr) << l.where << ": unknown row " << s.row;
      ASSERT_GE(s.column, 0) << l.where << ": unknown column " << w[1];
      ASSERT_TRUE(ReadCount(w[2], &s.value)) << l.where;
      sets.push_back(s);
    } else if (l.key == "check-fails") {
      std::sort(w.begin(), w.end());
      check_fails = w;
    } else {
      FAIL() << l.where << ": a line the runner cannot read: " << l.key;
    }
  }
  ASSERT_GT(year, 0) << "a case needs a year";
  ASSERT_EQ(sets.empty(), !check_fails.has_value()) << "set and check-fails go together";
  Result<AnnualTable> t = BuildAnnualTable(year, apps);
  if (!error.empty()) {
    ASSERT_TRUE(expected.empty() && sets.empty()) << "an error case expects no rows";
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(t.status().message_en().find(error), std::string::npos) << t.status().message_en();
    EXPECT_FALSE(t.status().message().empty());
    return;
  }
  ASSERT_TRUE(t.ok()) << t.status().message_en();
  EXPECT_EQ(t->year, year);
  const std::map<std::string, Cells> from_json = JsonCells(ToJson(*t));
  for (const std::string& code : RowCodes()) {
    const Cells want = expected.count(code) ? expected[code] : Cells{};
    EXPECT_EQ(Show(*RowOf(*t, code)), Show(want)) << "row " << code;
    ASSERT_TRUE(from_json.count(code)) << "ToJson has no row " << code;
    EXPECT_EQ(Show(from_json.at(code)), Show(*RowOf(*t, code))) << "ToJson row " << code;
  }
  // A table built from applications always balances.
  Status built = Check(*t);
  EXPECT_TRUE(built.ok()) << built.message_en();
  if (!check_fails) return;
  for (const Set& s : sets) (*RowOf(*t, s.row))[static_cast<size_t>(s.column)] = s.value;
  Status checked = Check(*t);
  ASSERT_FALSE(checked.ok()) << "the changed table still passes";
  EXPECT_EQ(checked.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Fields(checked), *check_fails) << checked.message_en();
}

// ---- table_rows ----
void RunTableRows(const CaseFile& f) {
  ASSERT_TRUE(f.cases.empty()) << "table_rows lists rows and columns, not cases";
  std::vector<std::pair<std::string, std::string>> columns;
  struct Row {
    std::string where, code;
    int level;
    std::string label;
  };
  std::vector<Row> rows;
  for (const Line& l : f.loose) {
    std::vector<std::string> parts = Split(l.value, '|');
    for (std::string& p : parts) p = Trim(p);
    if (l.key == "column") {
      ASSERT_EQ(parts.size(), 2u) << l.where << ": column CODE | LABEL";
      columns.emplace_back(parts[0], parts[1]);
    } else if (l.key == "row") {
      ASSERT_EQ(parts.size(), 3u) << l.where << ": row CODE | LEVEL | LABEL";
      rows.push_back(Row{l.where, parts[0], std::atoi(parts[1].c_str()), parts[2]});
    } else {
      FAIL() << l.where << ": a line the runner cannot read: " << l.key;
    }
  }
  AnnualTable empty;
  empty.year = 2025;
  const json j = ToJson(empty);
  ASSERT_EQ(j.at("columns").size(), columns.size());
  for (size_t i = 0; i < columns.size(); ++i) {
    EXPECT_EQ(j["columns"][i]["code"], columns[i].first);
    EXPECT_EQ(j["columns"][i]["label"], columns[i].second);
    EXPECT_FALSE(j["columns"][i]["label_en"].get<std::string>().empty());
  }
  ASSERT_EQ(j.at("rows").size(), rows.size()) << "ToJson and the file list different rows";
  std::vector<Outcome> outcomes_in_file;
  std::string heading;  // the （三）…（六） heading the numbered rows are under
  for (size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    const json& row = j["rows"][i];
    SCOPED_TRACE(r.where);
    EXPECT_EQ(row["code"], r.code);
    EXPECT_EQ(row["label"], r.label);
    EXPECT_EQ(row["level"], r.level);
    EXPECT_FALSE(row["label_en"].get<std::string>().empty());
    if (r.level == 1) heading = "";
    std::optional<Outcome> o = ParseOutcome(r.code);
    AnnualTable probe;
    if (RowOf(probe, r.code) == nullptr) {  // a heading: 三 or （三）…（六）
      EXPECT_TRUE(row.value("heading", false)) << r.code;
      EXPECT_FALSE(row.contains("cells")) << r.code;
      if (r.level == 1) heading = r.label;
      continue;
    }
    ASSERT_TRUE(row.contains("cells")) << r.code;
    EXPECT_EQ(row["cells"].size(), static_cast<size_t>(kColumns));
    if (!o) continue;
    outcomes_in_file.push_back(*o);
    EXPECT_EQ(OutcomeLabel(*o), r.label);
    EXPECT_EQ(OutcomeGroupLabel(*o), r.level == 2 ? heading : "") << r.code;
  }
  const std::array<Outcome, kOutcomes> all = AllOutcomes();
  EXPECT_EQ(outcomes_in_file, std::vector<Outcome>(all.begin(), all.end()))
      << "the file lists the outcomes in a different order, or not all of them";
}

TEST(ApplicationCasesTest, EveryCaseFileHoldsAsWritten) {
  const calendar::WorkingCalendar cal = ShippedCalendar();
  const char* root = std::getenv("YUANWU_SOURCE_DIR");
  ASSERT_NE(root, nullptr) << "YUANWU_SOURCE_DIR is not set; run the test through ctest";
  std::vector<std::string> files;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::path(root) / kCaseDir)) {
    if (entry.path().extension() == ".case") files.push_back(entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  std::map<std::string, int> checked;  // cases per rule
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    const CaseFile f = ReadCaseFile(file, ReadSource(std::string(kCaseDir) + "/" + file));
    if (file.starts_with("table_rows")) {
      RunTableRows(f);
      checked["table_rows"] += 1;
      continue;
    }
    for (const Line& l : f.loose) ADD_FAILURE() << l.where << ": a line before the first case";
    const std::vector<std::pair<std::string, std::function<void(const CaseBlock&)>>> rules = {
        {"receipt_dates", RunReceiptCase},
        {"deadlines", [&](const CaseBlock& c) { RunDeadlineCase(c, cal); }},
        {"extensions", RunExtensionCase},
        {"annual_table", RunAnnualCase},
    };
    bool known = false;
    for (const auto& [prefix, run] : rules) {
      if (!file.starts_with(prefix)) continue;
      known = true;
      for (const CaseBlock& c : f.cases) {
        SCOPED_TRACE(c.where + " " + c.name);
        run(c);
        checked[prefix] += 1;
      }
    }
    EXPECT_TRUE(known) << "no rule for " << file << " (see " << kCaseDir << "/README.md)";
  }
  EXPECT_GE(checked["receipt_dates"], 10);
  EXPECT_GE(checked["deadlines"], 10);
  EXPECT_GE(checked["extensions"], 8);
  EXPECT_GE(checked["annual_table"], 8);
  EXPECT_EQ(checked["table_rows"], 1);
}

// ---- Codes and labels ----
TEST(ApplicationTest, CodesReadBackAndAreUnique) {
  std::set<std::string_view> codes;
  for (ApplicantKind k : kAllApplicantKinds) {
    EXPECT_EQ(ParseApplicantKind(ApplicantKindCode(k)), k);
    EXPECT_TRUE(codes.insert(ApplicantKindCode(k)).second);
    EXPECT_FALSE(ApplicantKindName(k).empty());
    EXPECT_FALSE(ApplicantKindNameEn(k).empty());
  }
  for (SubmissionChannel c :
       {SubmissionChannel::kInPerson, SubmissionChannel::kRegisteredMail,
        SubmissionChannel::kOrdinaryMail, SubmissionChannel::kOnline, SubmissionChannel::kFax}) {
    EXPECT_EQ(ParseChannel(ChannelCode(c)), c);
    EXPECT_FALSE(ChannelName(c).empty());
    EXPECT_FALSE(ChannelNameEn(c).empty());
  }
  codes.clear();
  int index = 0;
  for (Outcome o : AllOutcomes()) {
    EXPECT_EQ(static_cast<int>(o), index++) << "AllOutcomes is in enum (table) order";
    EXPECT_EQ(ParseOutcome(OutcomeCode(o)), o);
    EXPECT_TRUE(codes.insert(OutcomeCode(o)).second) << OutcomeCode(o);
    EXPECT_FALSE(OutcomeNameEn(o).empty());
  }
  for (const char* bad : {"", "Open", "withheld", "other.", "自然人", "natural person"}) {
    EXPECT_FALSE(ParseOutcome(bad).has_value()) << bad;
    EXPECT_FALSE(ParseApplicantKind(bad).has_value()) << bad;
    EXPECT_FALSE(ParseChannel(bad).has_value()) << bad;
  }
  EXPECT_EQ(OutcomeFullLabel(Outcome::kStateSecret), "（三）不予公开 1.属于国家秘密");
  EXPECT_EQ(OutcomeFullLabel(Outcome::kOpen), "（一）予以公开");
  EXPECT_EQ(OutcomeCode(Outcome::kAdminQuery), "withheld.admin_query");
  EXPECT_EQ(OutcomeCode(Outcome::kOtherHandling), "other.other");
}

// ---- The annual table ----
// Random applications over 2023–2027 in any state: whatever they are, each year's table passes
// Check, and every application of a year is counted exactly once on each side.
TEST(ApplicationTest, TablesBuiltFromApplicationsAlwaysBalance) {
  std::mt19937 rng(20251123);
  const int64_t first = Date{2023, 1, 1}.ToDays(), last = Date{2027, 12, 31}.ToDays();
  for (int round = 0; round < 200; ++round) {
    std::vector<ApplicationRecord> apps;
    const int n = std::uniform_int_distribution<int>(0, 40)(rng);
    for (int i = 0; i < n; ++i) {
      ApplicationRecord r;
      r.kind = kAllApplicantKinds[std::uniform_int_distribution<size_t>(0, 5)(rng)];
      r.received_on = Date::FromDays(std::uniform_int_distribution<int64_t>(first, last)(rng));
      if (std::uniform_int_distribution<int>(0, 3)(rng) != 0) {
        r.outcome = static_cast<Outcome>(std::uniform_int_distribution<int>(0, kOutcomes - 1)(rng));
        r.decided_on = r.received_on.AddDays(std::uniform_int_distribution<int>(0, 500)(rng));
      }
      apps.push_back(r);
    }
    for (int year = 2023; year <= 2028; ++year) {
      Result<AnnualTable> t = BuildAnnualTable(year, apps);
      ASSERT_TRUE(t.ok()) << t.status().message_en();
      Status s = Check(*t);
      ASSERT_TRUE(s.ok()) << "round " << round << " year " << year << ": " << s.message_en();
      int64_t open_at_start = 0, received = 0;
      for (const ApplicationRecord& r : apps) {
        if (r.received_on.year == year) ++received;
        if (r.received_on.year < year && (!r.decided_on || r.decided_on->year >= year))
          ++open_at_start;
      }
      EXPECT_EQ(t->received[kTotalColumn], received);
      EXPECT_EQ(t->carried_in[kTotalColumn], open_at_start);
    }
  }
}

// Next year's 上年结转 is this year's 结转下年度.
TEST(ApplicationTest, CarriedOutBecomesNextYearsCarriedIn) {
  const std::vector<ApplicationRecord> apps = {
      {"a", ApplicantKind::kNaturalPerson, D("2025-12-01"), std::nullopt, std::nullopt},
      {"b", ApplicantKind::kBusiness, D("2025-12-20"), Outcome::kOpen, D("2026-01-04")},
      {"c", ApplicantKind::kResearch, D("2025-03-01"), Outcome::kRepeat, D("2025-03-02")},
  };
  Result<AnnualTable> y2025 = BuildAnnualTable(2025, apps);
  Result<AnnualTable> y2026 = BuildAnnualTable(2026, apps);
  ASSERT_TRUE(y2025.ok() && y2026.ok());
  EXPECT_EQ(Show(y2025->carried_out), Show(y2026->carried_in));
  EXPECT_EQ(y2026->carried_in[kTotalColumn], 2);
}

TEST(ApplicationTest, AnInconsistentTableFailsNamingRowAndColumn) {
  const std::vector<ApplicationRecord> apps = {
      {"YSQ-2025-0001", ApplicantKind::kNaturalPerson, D("2025-02-03"), Outcome::kOpen,
       D("2025-02-20")},
      {"YSQ-2025-0002", ApplicantKind::kLegalServices, D("2025-11-03"), std::nullopt, std::nullopt},
  };
  Result<AnnualTable> t = BuildAnnualTable(2025, apps);
  ASSERT_TRUE(t.ok());
  ASSERT_TRUE(Check(*t).ok());

  AnnualTable bad = *t;
  bad.received[0] += 1;  // one more 自然人 received, with its 总计: 一+二 no longer = 三+四
  bad.received[kTotalColumn] += 1;
  Status s = Check(bad);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(Fields(s),
            (std::vector<std::string>{"table.balance.natural_person", "table.balance.total"}));
  EXPECT_NE(s.message().find("「自然人」列"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("一、本年新收"), std::string::npos) << s.message();
  EXPECT_NE(s.message_en().find("column natural person"), std::string::npos) << s.message_en();
  EXPECT_NE(s.message().find("共2处错误"), std::string::npos) << s.message();

  bad = *t;
  bad.decided[static_cast<size_t>(Outcome::kNoFee)][kTotalColumn] = 1;  // 总计 only
  s = Check(bad);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(Fields(s), (std::vector<std::string>{"table.other.no_fee.total", "table.total.total"}));
  bool named = false;
  for (const FieldError& f : s.fields()) {
    if (f.field != "table.other.no_fee.total") continue;
    named = true;
    EXPECT_NE(f.reason.find("2.申请人逾期未按收费通知要求缴纳费用"), std::string::npos) << f.reason;
    EXPECT_NE(f.reason_en.find("fee not paid"), std::string::npos) << f.reason_en;
  }
  EXPECT_TRUE(named);
}

TEST(ApplicationTest, BadRecordsAreRefusedByName) {
  const std::vector<ApplicationRecord> apps = {
      {"YSQ-2025-0007", ApplicantKind::kOther, D("2025-05-01"), std::nullopt, D("2025-05-02")},
      {"", ApplicantKind::kOther, D("2025-05-01"), Outcome::kOpen, D("2025-04-30")},
  };
  Result<AnnualTable> t = BuildAnnualTable(2025, apps);
  ASSERT_FALSE(t.ok());
  ASSERT_EQ(t.status().fields().size(), 2u);
  EXPECT_NE(t.status().fields()[0].reason.find("YSQ-2025-0007"), std::string::npos);
  EXPECT_NE(t.status().fields()[0].reason_en.find("no outcome"), std::string::npos);
  EXPECT_NE(t.status().fields()[1].reason.find("第2条申请"), std::string::npos);
  for (int year : {0, -1, 10000}) EXPECT_FALSE(BuildAnnualTable(year, {}).ok()) << year;
}

TEST(ApplicationTest, TableJsonCarriesTheFormatsNoteAndGroups) {
  Result<AnnualTable> t = BuildAnnualTable(2025, {});
  ASSERT_TRUE(t.ok());
  const nlohmann::ordered_json j = ToJson(*t);
  EXPECT_EQ(j["year"], 2025);
  EXPECT_EQ(j["note"], "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
  EXPECT_FALSE(j["columns"][0].contains("group"));
  EXPECT_EQ(j["columns"][1]["group"], "法人或其他组织");
  EXPECT_EQ(j["columns"][5]["group"], "法人或其他组织");
  EXPECT_FALSE(j["columns"][6].contains("group"));
  // Keys in a fixed order, so exports are stable.
  EXPECT_EQ(j.begin().key(), "year");
}

// ---- Deadlines and extensions beyond the data files ----
TEST(ApplicationTest, ExtensionApproverMayNotBeBlank) {
  Status s = ValidateExtension({"10wd", "", "\u3000 ", "需调取档案"}, "20wd");
  EXPECT_EQ(Fields(s), std::vector<std::string>{"approver"});
  s = ValidateExtension({"10wd", "", "院办主任", "需调取档案"}, "20x");
  EXPECT_EQ(Fields(s), std::vector<std::string>{"extension_max"});
}

TEST(ApplicationTest, DeadlineErrorsNameTheConfiguredPeriod) {
  const calendar::WorkingCalendar cal = ShippedCalendar();
  Result<Date> d = CorrectionNoticeDue(cal, D("2026-03-02"), "12h");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(Fields(d.status()), std::vector<std::string>{"correction_notice"});
  d = AnswerDue(cal, D("2026-03-02"), "");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(Fields(d.status()), std::vector<std::string>{"answer"});
  d = ThirdPartyReplyDue(cal, D("2026-03-02"), "0wd");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(Fields(d.status()), std::vector<std::string>{"third_party"});
}

// The shipped defaults (data/cases/rules.json) are periods these functions accept.
TEST(ApplicationTest, ShippedRulesAreUsable) {
  const json rules = json::parse(ReadSource("data/cases/rules.json"), nullptr, false);
  ASSERT_FALSE(rules.is_discarded());
  ASSERT_TRUE(rules.contains("disclosure_application"));
  const json& app = rules["disclosure_application"];
  const calendar::WorkingCalendar cal = ShippedCalendar();
  const Date on = D("2026-03-02");
  const std::string answer = app["periods"].value("answer", "");
  EXPECT_TRUE(AnswerDue(cal, on, answer).ok()) << answer;
  EXPECT_TRUE(CorrectionNoticeDue(cal, on, app["periods"].value("correction_notice", "")).ok());
  EXPECT_TRUE(ThirdPartyReplyDue(cal, on, app["periods"].value("third_party", "")).ok());
  const std::string max = app.value("extension_max", "");
  EXPECT_TRUE(ValidateExtension({max, "", "院办主任", "需调取档案"}, max).ok()) << max;
}

// ---- The case-type files ----
// Problems of a case-type definition, each naming where; empty when it is sound. Besides the
// shape ParseCaseType checks, it checks the workflow: every state reachable from "initial",
// every open state has a way out, and a paused clock is resumed (or the case closed) before
// anything else happens.
std::vector<std::string> CaseTypeProblems(const json& t, const std::string& type,
                                          const std::string& permission_prefix) {
  std::vector<std::string> p;
  if (!t.is_object()) return {"not a JSON object"};
  for (const char* key : {"type", "name", "name_en", "code_prefix", "initial"}) {
    if (!t.contains(key) || !t[key].is_string() || t[key].get<std::string>().empty())
      p.push_back(std::string(key) + " is missing");
  }
  if (t.value("type", "") != type) p.push_back("type is not " + type);
  std::set<std::string> perms;
  for (const char* kind : {"read", "handle", "manage"}) {
    const std::string want = permission_prefix + "." + kind;
    if (!t.contains("permissions") || t["permissions"].value(kind, "") != want)
      p.push_back(std::string("permissions.") + kind + " is not " + want);
    perms.insert(want);
  }
  std::map<std::string, bool> states;  // code → closed
  // Pointers into `t` are kept below: iterate over its own arrays, not copies.
  static const json kNone = json::array();
  auto array = [&](const char* key) -> const json& {
    return t.contains(key) && t[key].is_array() ? t[key] : kNone;
  };
  for (const json& s : array("states")) {
    const std::string code = s.value("code", "");
    if (code.empty() || s.value("name", "").empty() || s.value("name_en", "").empty())
      p.push_back("a state without code, name or name_en");
    if (states.count(code)) p.push_back("duplicate state " + code);
    states[code] = s.value("closed", false);
  }
  const std::string initial = t.value("initial", "");
  if (!states.count(initial)) p.push_back("initial " + initial + " is not a declared state");
  std::set<std::string> actions;
  std::map<std::string, std::vector<const json*>> out_of;  // state → actions from it
  for (const json& a : array("actions")) {
    const std::string name = a.value("action", "");
    const std::string where = "action " + name;
    if (name.empty() || a.value("name", "").empty() || a.value("name_en", "").empty())
      p.push_back(where + ": no action, name or name_en");
    if (!actions.insert(name).second) p.push_back("duplicate " + where);
    if (!states.count(a.value("to", ""))) p.push_back(where + ": \"to\" names no declared state");
    if (!a.contains("from") || !a["from"].is_array() || a["from"].empty())
      p.push_back(where + ": no \"from\"");
    for (const json& f : a.contains("from") && a["from"].is_array() ? a["from"] : kNone) {
      const std::string from = f.is_string() ? f.get<std::string>() : f.dump();
      if (!states.count(from))
        p.push_back(where + ": \"from\" " + from + " names no declared state");
      out_of[from].push_back(&a);
    }
    if (!perms.count(a.value("permission", ""))) p.push_back(where + ": unknown permission");
    static const std::set<std::string> kClocks = {"", "stop", "pause", "resume", "restart"};
    if (!kClocks.count(a.value("clock", ""))) p.push_back(where + ": unknown clock");
    const std::string note = a.value("note", "");
    if (note != "" && note != "required" && note != "optional")
      p.push_back(where + ": note is neither required nor optional");
    if (a.contains("public") && !a["public"].is_boolean()) p.push_back(where + ": public");
  }
  if (!p.empty()) return p;
  // Reachability from the initial state.
  std::set<std::string> seen = {initial};
  std::vector<std::string> todo = {initial};
  while (!todo.empty()) {
    const std::string s = todo.back();
    todo.pop_back();
    for (const json* a : out_of[s]) {
      const std::string to = (*a)["to"].get<std::string>();
      if (seen.insert(to).second) todo.push_back(to);
    }
  }
  bool closes = false;
  for (const auto& [code, closed] : states) {
    if (!seen.count(code)) p.push_back("state " + code + " cannot be reached");
    if (!closed && out_of[code].empty()) p.push_back("open state " + code + " has no way out");
    closes = closes || (closed && seen.count(code));
  }
  if (!closes) p.push_back("no closed state can be reached");
  // After a pause, only a resume / restart or closing the case.
  for (const auto& [state, list] : out_of) {
    for (const json* a : list) {
      if ((*a).value("clock", "") != "pause") continue;
      const std::string paused = (*a)["to"].get<std::string>();
      for (const json* next : out_of[paused]) {
        const std::string clock = (*next).value("clock", "");
        if (clock != "resume" && clock != "restart" && !states[(*next)["to"].get<std::string>()])
          p.push_back("action " + (*next)["action"].get<std::string>() +
                      " leaves the clock paused in an open state");
      }
    }
  }
  return p;
}

const json* ActionNamed(const json& t, const std::string& name) {
  for (const json& a : t["actions"])
    if (a["action"] == name) return &a;
  return nullptr;
}

TEST(ApplicationCaseTypeTest, ApplicationWorkflowIsSound) {
  const json t = json::parse(ReadSource("data/cases/disclosure_application.json"), nullptr, false);
  ASSERT_FALSE(t.is_discarded()) << "not valid JSON";
  EXPECT_EQ(CaseTypeProblems(t, "disclosure_application", "disclosure.application"),
            std::vector<std::string>{});
  // The clock of §1.5: 补正 pauses and restarts, a third party pauses and resumes, the answer
  // stops it.
  const std::map<std::string, std::string> clocks = {
      {"request_correction", "pause"},  {"correction_received", "restart"},
      {"consult_third_party", "pause"}, {"third_party_replied", "resume"},
      {"third_party_silent", "resume"}, {"answer", "stop"},
      {"correction_overdue", "stop"}};
  for (const auto& [name, clock] : clocks) {
    const json* a = ActionNamed(t, name);
    ASSERT_NE(a, nullptr) << name;
    EXPECT_EQ(a->value("clock", ""), clock) << name;
  }
  const json* answer = ActionNamed(t, "answer");
  EXPECT_EQ(answer->value("note", ""), "required");
  EXPECT_TRUE(answer->value("public", false));
  for (const char* closing : {"correction_overdue", "withdraw", "archive"}) {
    const json* a = ActionNamed(t, closing);
    ASSERT_NE(a, nullptr) << closing;
    bool closed = false;
    for (const json& s : t["states"])
      if (s["code"] == (*a)["to"]) closed = s.value("closed", false);
    EXPECT_TRUE(closed) << closing << " must close the case";
  }
}

TEST(ApplicationCaseTypeTest, ConsultationWorkflowIsSound) {
  const json t = json::parse(ReadSource("data/cases/disclosure_consultation.json"), nullptr, false);
  ASSERT_FALSE(t.is_discarded()) << "not valid JSON";
  EXPECT_EQ(CaseTypeProblems(t, "disclosure_consultation", "disclosure.application"),
            std::vector<std::string>{});
  const json* answer = ActionNamed(t, "answer");
  ASSERT_NE(answer, nullptr);
  EXPECT_EQ(answer->value("clock", ""), "stop");
  EXPECT_EQ(answer->value("note", ""), "required");
}

// The checker above finds what it is meant to find.
TEST(ApplicationCaseTypeTest, TheCheckerCatchesBrokenDefinitions) {
  const json good =
      json::parse(ReadSource("data/cases/disclosure_application.json"), nullptr, false);
  ASSERT_FALSE(good.is_discarded());
  auto problems = [](const json& t) {
    return CaseTypeProblems(t, "disclosure_application", "disclosure.application");
  };
  auto mentions = [](const std::vector<std::string>& list, const std::string& text) {
    for (const std::string& s : list)
      if (s.find(text) != std::string::npos) return true;
    return false;
  };
  json t = good;
  t["actions"][0]["from"].push_back("nowhere");
  EXPECT_TRUE(mentions(problems(t), "\"from\" nowhere names no declared state"));
  t = good;
  t["actions"][0]["to"] = "limbo";
  EXPECT_TRUE(mentions(problems(t), "\"to\" names no declared state"));
  t = good;
  t["initial"] = "start";
  EXPECT_TRUE(mentions(problems(t), "initial start"));
  t = good;
  t["actions"][0]["permission"] = "disclosure.item.draft";
  EXPECT_TRUE(mentions(problems(t), "unknown permission"));
  t = good;
  t["actions"][0]["clock"] = "freeze";
  EXPECT_TRUE(mentions(problems(t), "unknown clock"));
  t = good;  // answering straight from 待补正 would stop a paused clock
  for (json& a : t["actions"])
    if (a["action"] == "answer") a["from"].push_back("awaiting_correction");
  EXPECT_TRUE(mentions(problems(t), "action answer leaves the clock paused"));
  t = good;
  t["states"].push_back({{"code", "orphan"}, {"name", "孤立"}, {"name_en", "Orphan"}});
  EXPECT_TRUE(mentions(problems(t), "state orphan cannot be reached"));
}

}  // namespace
}  // namespace yuanwu::disclosure
