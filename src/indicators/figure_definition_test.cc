// Figure measures in the definition language (definition.h): parsed against the catalogue,
// refused with a specific zh + en message naming the indicator and the figure, stored and read
// back unchanged; without a catalogue they are never computed.
#include <gtest/gtest.h>

#include "indicators/definition.h"
#include "indicators/engine.h"
#include "indicators/figure.h"
#include "indicators/reference_sql.h"
#include "platform/db/test_db.h"

namespace yuanwu::indicators {
namespace {

FigureCatalogue Catalogue() {
  auto c = FigureCatalogue::Parse(db::testdb::ReadSourceFile("data/indicators/figures.json"));
  EXPECT_TRUE(c.ok()) << db::testdb::Describe(c.status());
  return c.ok() ? std::move(*c) : FigureCatalogue{};
}

std::string Def(const std::string& numerator, const std::string& denominator = "") {
  return R"({"code": "x", "name": "试验", "numerator": )" + numerator +
         (denominator.empty() ? "" : R"(, "denominator": )" + denominator) + "}";
}

// The zh and en messages of a refusal, joined for searching.
std::string Refusal(const std::string& json, const FigureCatalogue* c) {
  auto r = ParseIndicator(json, c);
  EXPECT_FALSE(r.ok()) << json;
  if (r.ok()) return "";
  return r.status().message() + " | " + r.status().message_en();
}

TEST(FigureDefinitionTest, ParsesSignedSumsAndResolvesTheCatalogue) {
  FigureCatalogue c = Catalogue();
  auto r = ParseIndicator(
      Def(R"({"dataset": "figures", "figures": [{"code": "ylsr"}, {"code": "ypsr", "sign": -1}]})",
          R"({"dataset": "figures", "figures": [{"code": "sjkfzcrs"}]})"),
      &c);
  ASSERT_TRUE(r.ok()) << db::testdb::Describe(r.status());
  ASSERT_TRUE(r->numerator.IsFigures());
  ASSERT_EQ(r->numerator.figures.size(), 2u);
  EXPECT_EQ(r->numerator.figures[1].sign, -1);
  EXPECT_EQ(r->numerator.figures[0].decimals, 2);
  EXPECT_EQ(r->numerator.figures[0].level, FigureDef::Level::kHospital);
  EXPECT_TRUE(r->numerator.FiguresResolved());
  EXPECT_EQ(r->numerator.FigureScale(), 2);
  EXPECT_EQ(r->denominator->figures[0].level, FigureDef::Level::kDepartment);
  EXPECT_TRUE(UsesFigures(*r));
  // Stored and read back: the same definition (a sign of 1 is not written).
  std::string stored = IndicatorToJson(*r);
  EXPECT_EQ(stored.find("\"sign\":1"), std::string::npos) << stored;
  auto again = ParseIndicator(stored, &c);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(IndicatorToJson(*again), stored);
  EXPECT_EQ(again->numerator.Key(), r->numerator.Key());
}

TEST(FigureDefinitionTest, MixedRecordAndFigureMeasures) {
  FigureCatalogue c = Catalogue();
  auto r = ParseIndicator(Def(R"({"dataset": "figures", "figures": [{"code": "zysr"}]})",
                              R"({"dataset": "discharges", "agg": "count"})"),
                          &c);
  ASSERT_TRUE(r.ok()) << db::testdb::Describe(r.status());
  EXPECT_TRUE(r->numerator.IsFigures());
  EXPECT_FALSE(r->denominator->IsFigures());
}

TEST(FigureDefinitionTest, RefusalsNameTheIndicatorAndTheFigureInBothLanguages) {
  FigureCatalogue c = Catalogue();
  struct Bad {
    std::string numerator, zh, en;
  };
  const std::vector<Bad> bad = {
      {R"({"dataset": "figures", "figures": [{"code": "nosuch"}]})", "「nosuch」不在填报项目目录",
       "figure \"nosuch\" is not in the figure catalogue"},
      {R"({"dataset": "figures", "figures": [{"code": "ylsr", "sign": 2}]})", "sign 只能是 1 或 -1",
       "sign must be 1 or -1"},
      {R"({"dataset": "figures", "figures": [{"code": "ylsr", "sign": "-1"}]})",
       "sign 只能是 1 或 -1", "sign must be 1 or -1"},
      {R"({"dataset": "figures", "figures": [{"code": "ylsr"}, {"code": "ylsr", "sign": -1}]})",
       "「ylsr」出现了两次", "figure ylsr appears twice"},
      {R"({"dataset": "figures", "figures": []})", "需要非空的 figures 列表",
       "needs a non-empty figures list"},
      {R"({"dataset": "figures", "figures": [{"code": "ylsr"}], "agg": "sum"})", "不能有 agg",
       "cannot have \"agg\""},
      {R"({"dataset": "figures", "figures": [{"code": "ylsr"}], "where": []})", "不能有 where",
       "cannot have \"where\""},
      {R"({"dataset": "figures", "figures": [{"code": "ylsr", "weight": 2}]})", "不认识的键 weight",
       "unknown key \"weight\""},
      {R"({"dataset": "figures", "figures": ["ylsr"]})", "figures 每一项须为",
       "each entry of figures must be"},
      {R"({"dataset": "figures", "figures": [{"code": "Y LSR"}]})", "不合规", "is not lower-case"},
      {R"({"dataset": "beds"})", "discharges、visits 或 figures", "discharges, visits or figures"},
  };
  for (const Bad& b : bad) {
    std::string why = Refusal(Def(b.numerator), &c);
    EXPECT_NE(why.find("指标「x」"), std::string::npos) << why;
    EXPECT_NE(why.find("numerator"), std::string::npos) << why;
    EXPECT_NE(why.find(b.zh), std::string::npos) << b.numerator << " → " << why;
    EXPECT_NE(why.find(b.en), std::string::npos) << b.numerator << " → " << why;
  }
  // The denominator side is named as such.
  std::string why = Refusal(
      Def(R"({"dataset": "visits"})", R"({"dataset": "figures", "figures": [{"code": "nosuch"}]})"),
      &c);
  EXPECT_NE(why.find("denominator"), std::string::npos) << why;
}

TEST(FigureDefinitionTest, WithoutACatalogueFiguresAreUnresolvedAndNeverComputed) {
  auto r = ParseIndicator(Def(R"({"dataset": "figures", "figures": [{"code": "nosuch"}]})"));
  ASSERT_TRUE(r.ok()) << db::testdb::Describe(r.status());
  EXPECT_FALSE(r->numerator.FiguresResolved());
  // The reference SQL of an unresolved measure selects nothing.
  EXPECT_NE(MeasureSql(r->numerator, Grain::kMonth, Grouping::kHospital).find("WHERE 1 = 0"),
            std::string::npos);
  // Shape is still checked.
  Refusal(Def(R"({"dataset": "figures", "figures": [{"code": "ylsr", "sign": 0}]})"), nullptr);
}

TEST(FigureDefinitionTest, EveryShippedFigureIndicatorResolves) {
  FigureCatalogue c = Catalogue();
  auto defs =
      ParseDefinitionFile(db::testdb::ReadSourceFile("data/indicators/definitions.json"), &c);
  ASSERT_TRUE(defs.ok()) << db::testdb::Describe(defs.status());
  int with_figures = 0;
  for (const Indicator& i : *defs) {
    if (!UsesFigures(i)) continue;
    ++with_figures;
    EXPECT_FALSE(i.source.empty()) << i.code;
    EXPECT_FALSE(i.notes.empty()) << i.code;
    for (const Measure* m : {&i.numerator, i.denominator ? &*i.denominator : nullptr})
      if (m && m->IsFigures()) {
        EXPECT_TRUE(m->FiguresResolved()) << i.code;
      }
  }
  EXPECT_GE(with_figures, 11);
}

}  // namespace
}  // namespace yuanwu::indicators
