#include "complaints/complaint_json.h"

#include <gtest/gtest.h>

#include "platform/db/test_db.h"

// Confidentiality: the complainant's identity and contact reach only complaints.manage holders;
// every other output (JSON, case-file sheet) carries them masked or not at all.

namespace yuanwu::complaints {
namespace {

const Codes& ShippedCodes() {
  static const Codes codes = [] {
    Result<Codes> c = ParseCodes(ShippedCodesJson());
    EXPECT_TRUE(c.ok()) << db::testdb::Describe(c.status());
    return c.ok() ? *c : Codes{};
  }();
  return codes;
}

Complaint Sample() {
  Complaint c;
  c.case_id = 7;
  c.source = "public";
  c.channel = "online";
  c.received_local = "2026-03-09 16:30";
  c.complainant_name = "欧阳建国";
  c.complainant_relation = "child";
  c.complainant_phone = "13912345678";
  c.complainant_id_number = "11010519491231002X";
  c.patient_name = "欧阳桂兰";
  c.patient_record_no = "ZY2026-00123";
  c.category = "charges";
  c.description = "出院结算时重复收取了检查费。";
  c.complexity = "investigate";
  c.reply_text = "经核实，已退还重复收取的费用。";
  c.reply_method = "phone";
  c.replied_at = "2026-03-12T02:00:00Z";
  c.accepted = true;
  c.follow_up = {"mediation"};
  return c;
}

// Every identifying value of Sample(), none of which a masked output may contain.
const std::vector<std::string> kSecrets = {"欧阳建国", "13912345678", "11010519491231002X",
                                           "欧阳桂兰", "1234567"};

TEST(ComplaintMaskingTest, OnlyTheOfficeSeesWhoComplained) {
  auth::Principal office, dept, leader;
  office.permissions = {kRead, kHandle, kManage};
  dept.permissions = {kRead, kHandle};
  leader.permissions = {kRead};
  EXPECT_TRUE(MaySeeIdentity(office));
  EXPECT_FALSE(MaySeeIdentity(dept));
  EXPECT_FALSE(MaySeeIdentity(leader));
}

TEST(ComplaintMaskingTest, MaskedForEveryoneElse) {
  Complaint m = ForViewer(Sample(), false);
  EXPECT_TRUE(m.masked);
  EXPECT_EQ(m.complainant_name, "欧*国");
  EXPECT_EQ(m.complainant_phone, "139****5678");
  EXPECT_EQ(m.complainant_id_number, "1101**********002X");
  EXPECT_EQ(m.complainant_relation, "");
  EXPECT_EQ(m.patient_name, "欧*兰");
  // The matter itself stays: the department must be able to investigate it.
  EXPECT_EQ(m.description, Sample().description);
  EXPECT_EQ(m.patient_record_no, Sample().patient_record_no);

  std::string json = ComplaintJson(m, ShippedCodes()).dump();
  std::string sheet;
  for (const auto& [label, value] : FileFields(m, ShippedCodes())) sheet += label + value + "\n";
  for (const std::string& secret : kSecrets) {
    EXPECT_EQ(json.find(secret), std::string::npos) << secret << " in " << json;
    EXPECT_EQ(sheet.find(secret), std::string::npos) << secret << " in " << sheet;
  }
  http::Json j = ComplaintJson(m, ShippedCodes());
  EXPECT_TRUE(j["complainant"]["masked"].get<bool>());
  EXPECT_TRUE(j["complainant"]["relation"].is_null());
  EXPECT_TRUE(j["complainant"]["relation_name"].is_null());
}

TEST(ComplaintMaskingTest, AnEmptyIdNumberStaysEmpty) {
  Complaint c = Sample();
  c.complainant_id_number = "";
  EXPECT_EQ(ForViewer(c, false).complainant_id_number, "");
}

TEST(ComplaintMaskingTest, TheOfficeSeesEverything) {
  Complaint m = ForViewer(Sample(), true);
  EXPECT_FALSE(m.masked);
  http::Json j = ComplaintJson(m, ShippedCodes());
  EXPECT_EQ(j["complainant"]["name"], "欧阳建国");
  EXPECT_EQ(j["complainant"]["phone"], "13912345678");
  EXPECT_EQ(j["complainant"]["id_number"], "11010519491231002X");
  EXPECT_EQ(j["complainant"]["relation"], "child");
  EXPECT_EQ(j["complainant"]["relation_name"], "子女");
  EXPECT_EQ(j["patient"]["name"], "欧阳桂兰");
  EXPECT_FALSE(j["complainant"]["masked"].get<bool>());
  std::string sheet;
  for (const auto& [label, value] : FileFields(m, ShippedCodes())) sheet += label + value + "\n";
  EXPECT_NE(sheet.find("投诉人欧阳建国"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("联系电话13912345678"), std::string::npos) << sheet;
}

TEST(ComplaintJsonTest, CodesAreNamedAndTheReplyIsThere) {
  http::Json j = ComplaintJson(Sample(), ShippedCodes());
  EXPECT_EQ(j["category_name"], "收费");
  EXPECT_EQ(j["channel_name"], "网络/公众号");
  EXPECT_EQ(j["complexity_name"], "需调查核实");
  EXPECT_EQ(j["reply"]["method_name"], "电话");
  EXPECT_TRUE(j["reply"]["accepted"].get<bool>());
  EXPECT_EQ(j["reply"]["follow_up"][0]["code"], "mediation");
  EXPECT_TRUE(j["not_processed"].is_null());
  EXPECT_TRUE(j["rating"].is_null());
  EXPECT_TRUE(j["target"]["department_id"].is_null());
  EXPECT_FALSE(j["major_dispute"]["flag"].get<bool>());
}

TEST(ComplaintJsonTest, TheFormListsCarryEveryCode) {
  http::Json j = CodesJson(ShippedCodes());
  EXPECT_EQ(j["categories"].size(), 8u);
  EXPECT_EQ(j["channels"].size(), 8u);
  EXPECT_EQ(j["not_processed_reasons"].size(), 5u);
  EXPECT_EQ(j["categories"][0]["name_en"], "Medical care");
}

}  // namespace
}  // namespace yuanwu::complaints
