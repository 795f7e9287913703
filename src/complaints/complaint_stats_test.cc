#include "complaints/complaint_stats.h"

#include <gtest/gtest.h>

#include <map>

#include "platform/db/test_db.h"

// The statistics behind 「共接到投诉84起，回复84起」 on a generated set of complaints (SQLite and
// PostgreSQL). The expected figures are counted here, in C++, from the generated records; the
// code under test counts them in SQL. Rows are written straight into case_record / complaint so
// that years, months, answers and deadlines can be anything.

namespace yuanwu::complaints {
namespace {

using db::testdb::Describe;

const Codes& ShippedCodes() {
  static const Codes codes = [] {
    Result<Codes> c = ParseCodes(ShippedCodesJson());
    EXPECT_TRUE(c.ok()) << Describe(c.status());
    return c.ok() ? *c : Codes{};
  }();
  return codes;
}

struct Gen {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0;
  std::string channel, category;
  int64_t target = 0;      // target department, 0 = none
  int64_t department = 0;  // the case's responsible department, 0 = unassigned
  std::string answer;      // "", "reply", "not_process", "on_spot"
  std::string period;      // "", "5wd", "10wd"
  int on_time = -1;        // -1 NULL
  std::string Local() const {
    char b[32];
    std::snprintf(b, sizeof b, "%04d-%02d-%02d %02d:%02d", year % 10000, month % 100, day % 100,
                  hour % 100, minute % 100);
    return b;
  }
};

// A small linear congruential generator: the same set on every run and both databases.
class Lcg {
 public:
  uint32_t Next(uint32_t n) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>(state_ >> 33) % n;
  }

 private:
  uint64_t state_ = 20240101;
};

std::vector<Gen> Generate() {
  const Codes& codes = ShippedCodes();
  std::vector<Gen> out;
  Lcg r;
  for (int i = 0; i < 400; ++i) {
    Gen g;
    uint32_t y = r.Next(20);
    g.year = y == 0 ? 2022 : y == 1 ? 2025 : y < 10 ? 2023 : 2024;
    g.month = 1 + static_cast<int>(r.Next(12));
    g.day = 1 + static_cast<int>(r.Next(28));
    g.hour = static_cast<int>(r.Next(24));
    g.minute = static_cast<int>(r.Next(60));
    g.channel = codes.channels[r.Next(codes.channels.size())].code;
    g.category = codes.categories[r.Next(codes.categories.size())].code;
    g.target = r.Next(4);
    g.department = r.Next(4);
    uint32_t a = r.Next(10);
    g.answer = a < 2 ? "" : a < 7 ? "reply" : a < 8 ? "not_process" : "on_spot";
    g.period = g.answer == "on_spot" ? "" : r.Next(3) == 0 ? "10wd" : "5wd";
    if (!g.answer.empty() && !g.period.empty()) g.on_time = r.Next(4) == 0 ? 0 : 1;
    out.push_back(g);
  }
  // The edges of a month range: 2024-06-30 23:59 is in March–June, 2024-07-01 00:00 is not.
  Gen in{2024, 6, 30, 23, 59, "phone", "charges", 1, 1, "reply", "5wd", 1};
  Gen out_of_range{2024, 7, 1, 0, 0, "phone", "charges", 1, 1, "reply", "5wd", 0};
  Gen before{2024, 2, 29, 23, 59, "letter", "nursing", 2, 2, "", "5wd", -1};
  out.push_back(in);
  out.push_back(out_of_range);
  out.push_back(before);
  return out;
}

// What the statistics must say, counted over the generated records.
Bucket Expect(const std::vector<Gen>& set, int year, int from, int to,
              const std::function<bool(const Gen&)>& keep) {
  Bucket b;
  for (const Gen& g : set) {
    if (!keep(g) || g.month < from || g.month > to) continue;
    bool answered = !g.answer.empty();
    if (g.year == year) {
      ++b.received;
      if (answered) ++b.answered;
      if (answered && !g.period.empty() && g.on_time >= 0) {
        ++b.with_deadline;
        if (g.on_time == 1) ++b.on_time;
      }
    } else if (g.year == year - 1) {
      ++b.prev_received;
      if (answered) ++b.prev_answered;
    }
  }
  return b;
}

// Percent with one decimal, rounded half up, in integers.
std::optional<double> Pct(int64_t part, int64_t whole) {
  if (whole == 0) return std::nullopt;
  return static_cast<double>((part * 1000 * 2 + whole) / (2 * whole)) / 10.0;
}

void ExpectCounts(const Bucket& got, const Bucket& want, const std::string& what) {
  EXPECT_EQ(got.received, want.received) << what;
  EXPECT_EQ(got.answered, want.answered) << what;
  EXPECT_EQ(got.with_deadline, want.with_deadline) << what;
  EXPECT_EQ(got.on_time, want.on_time) << what;
  EXPECT_EQ(got.prev_received, want.prev_received) << what;
  EXPECT_EQ(got.prev_answered, want.prev_answered) << what;
}

class ComplaintStatsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!db::testdb::Available(GetParam())) GTEST_SKIP() << "set YUANWU_TEST_PG_URL";
    db_ = db::testdb::OpenMigrated(GetParam());
    ASSERT_NE(db_, nullptr);
    set_ = Generate();
    Status s = db_->Transact([&](soci::session& sql) {
      sql << "INSERT INTO campus (code, name) VALUES ('A', '本部')";
      for (const char* d : {"('D1', '心内科', 1, 'clinical')", "('D2', '骨科', 1, 'clinical')",
                            "('D3', '收费处', 1, 'admin')"}) {
        sql << std::string("INSERT INTO department (code, name, campus_id, kind) VALUES ") + d;
      }
      int n = 0;
      for (const Gen& g : set_) {
        ++n;
        std::string code = "TS-" + std::to_string(g.year) + "-" + std::to_string(n);
        std::string state = g.answer == ""              ? "investigating"
                            : g.answer == "reply"       ? "replied"
                            : g.answer == "not_process" ? "not_processed"
                                                        : "on_the_spot";
        long long dept = g.department, on_time = g.on_time;
        soci::indicator dept_ind = dept ? soci::i_ok : soci::i_null;
        soci::indicator on_time_ind = on_time < 0 ? soci::i_null : soci::i_ok;
        std::string at = "2026-01-01T00:00:00Z", local = g.Local();
        std::string clock = g.period.empty() ? "none" : g.answer.empty() ? "running" : "stopped";
        long long id = 0;
        sql << "INSERT INTO case_record (type, code, title, state, department_id, opened_at, "
               "start_at, period, clock, on_time, updated_at) VALUES ('complaint', :code, 't', "
               ":state, :dept, :at, :start, :period, :clock, :on_time, :at2) RETURNING id",
            soci::use(code), soci::use(state), soci::use(dept, dept_ind), soci::use(at),
            soci::use(local), soci::use(g.period), soci::use(clock),
            soci::use(on_time, on_time_ind), soci::use(at), soci::into(id);
        Complaint c;
        c.case_id = id;
        c.source = "staff";
        c.channel = g.channel;
        c.received_at = at;
        c.received_local = local;
        c.complainant_name = "某";
        c.complainant_relation = "self";
        c.complainant_phone = "13800138000";
        c.target_department_id = g.target;
        c.category = g.category;
        c.description = "generated";
        c.complexity = g.period.empty() ? "on_the_spot" : "investigate";
        ComplaintStore::Insert(sql, c);
        if (g.answer == "reply" || g.answer == "on_spot") {
          ComplaintStore::SetReply(sql, id, "答复", "phone", std::nullopt, {}, at);
        } else if (g.answer == "not_process") {
          ComplaintStore::SetNotProcessed(sql, id, "outside_remit", "说明", at);
        }
      }
      return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << Describe(s);
  }

  Stats Run(int year, int from, int to, const cases::Visibility& v) {
    StatsQuery q{year, from, to, v};
    Result<StatsRows> rows = db_->Query<StatsRows>(
        [&](soci::session& sql) { return Result<StatsRows>(ComplaintStore::Stats(sql, q)); });
    EXPECT_TRUE(rows.ok()) << Describe(rows.status());
    return Summarize(rows.ok() ? *rows : StatsRows{}, ShippedCodes(), year, from, to);
  }

  void Check(const Stats& s, int year, int from, int to,
             const std::function<bool(const Gen&)>& keep) {
    auto all = [&](const Gen& g) { return keep(g); };
    Bucket total = Expect(set_, year, from, to, all);
    ASSERT_GT(total.received, 0);
    ASSERT_GT(total.prev_received, 0);
    ExpectCounts(s.total.counts, total, "total");
    EXPECT_EQ(s.total.reply_rate, Pct(total.answered, total.received));
    EXPECT_EQ(s.total.on_time_rate, Pct(total.on_time, total.with_deadline));
    // 同比: (this year − last year) / last year.
    int64_t diff = total.received - total.prev_received;
    double change =
        static_cast<double>((diff * 1000 * 2 + (diff >= 0 ? 1 : -1) * total.prev_received) /
                            (2 * total.prev_received)) /
        10.0;
    ASSERT_TRUE(s.total.received_change.has_value());
    EXPECT_DOUBLE_EQ(*s.total.received_change, change);

    ASSERT_EQ(s.by_channel.size(), ShippedCodes().channels.size());
    for (const Figure& f : s.by_channel) {
      ExpectCounts(
          f.counts,
          Expect(set_, year, from, to, [&](const Gen& g) { return keep(g) && g.channel == f.key; }),
          "channel " + f.key);
    }
    ASSERT_EQ(s.by_category.size(), ShippedCodes().categories.size());
    int64_t sum = 0;
    for (const Figure& f : s.by_category) {
      ExpectCounts(f.counts,
                   Expect(set_, year, from, to,
                          [&](const Gen& g) { return keep(g) && g.category == f.key; }),
                   "category " + f.key);
      EXPECT_EQ(f.reply_rate, Pct(f.counts.answered, f.counts.received)) << f.key;
      sum += f.counts.received;
    }
    EXPECT_EQ(sum, total.received);
    ASSERT_EQ(s.by_month.size(), static_cast<size_t>(to - from + 1));
    for (size_t i = 0; i < s.by_month.size(); ++i) {
      int m = from + static_cast<int>(i);
      ExpectCounts(s.by_month[i].counts,
                   Expect(set_, year, m, m, [&](const Gen& g) { return keep(g); }),
                   "month " + std::to_string(m));
    }
    std::map<std::string, std::string> names = {
        {"", "未指明科室"}, {"1", "心内科"}, {"2", "骨科"}, {"3", "收费处"}};
    for (const Figure& f : s.by_department) {
      ExpectCounts(f.counts,
                   Expect(set_, year, from, to,
                          [&](const Gen& g) {
                            return keep(g) &&
                                   (g.target == 0 ? "" : std::to_string(g.target)) == f.key;
                          }),
                   "department " + f.key);
      EXPECT_EQ(f.name, names[f.key]);
    }
  }

  std::shared_ptr<db::Database> db_;
  std::vector<Gen> set_;
};

TEST_P(ComplaintStatsTest, AWholeYearAndTheYearBefore) {
  cases::Visibility all;
  all.all = true;
  Stats s = Run(2024, 1, 12, all);
  Check(s, 2024, 1, 12, [](const Gen&) { return true; });
  EXPECT_EQ(s.by_department.size(), 4u);
}

TEST_P(ComplaintStatsTest, AMonthRangeComparesTheSameMonths) {
  cases::Visibility all;
  all.all = true;
  Stats s = Run(2024, 3, 6, all);
  Check(s, 2024, 3, 6, [](const Gen&) { return true; });
  EXPECT_EQ(s.by_month.front().key, "03");
  EXPECT_EQ(s.by_month.back().key, "06");
}

TEST_P(ComplaintStatsTest, ADepartmentSeesOnlyItsOwnComplaints) {
  cases::Visibility v;
  v.by_department = true;
  v.dept_clause = " AND (c.department_id IN (1))";
  Stats s = Run(2024, 1, 12, v);
  Check(s, 2024, 1, 12, [](const Gen& g) { return g.department == 1; });
  cases::Visibility none;  // no department, no user: nothing
  EXPECT_EQ(Run(2024, 1, 12, none).total.counts.received, 0);
}

TEST_P(ComplaintStatsTest, AYearWithoutComplaintsHasNoRates) {
  cases::Visibility all;
  all.all = true;
  Stats s = Run(2030, 1, 12, all);
  EXPECT_EQ(s.total.counts.received, 0);
  EXPECT_FALSE(s.total.reply_rate.has_value());
  EXPECT_FALSE(s.total.received_change.has_value());
  http::Json j = StatsJson(s);
  EXPECT_TRUE(j["total"]["reply_rate"].is_null());
  EXPECT_EQ(j["by_month"].size(), 12u);
  EXPECT_EQ(j["previous_year"], 2029);
}

TEST(ComplaintStatsMathTest, PercentAndChange) {
  EXPECT_EQ(Percent(84, 84), 100.0);
  EXPECT_EQ(Percent(1, 3), 33.3);
  EXPECT_EQ(Percent(2, 3), 66.7);
  EXPECT_FALSE(Percent(1, 0).has_value());
  EXPECT_EQ(Change(84, 70), 20.0);
  EXPECT_EQ(Change(70, 84), -16.7);
  EXPECT_FALSE(Change(5, 0).has_value());
}

INSTANTIATE_TEST_SUITE_P(Db, ComplaintStatsTest, ::testing::ValuesIn(db::testdb::Engines()),
                         db::testdb::EngineName);

}  // namespace
}  // namespace yuanwu::complaints
