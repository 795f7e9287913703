// The public 依申请公开 pages rendered with the real templates and labels: the form, its field
// errors with the values kept (escaped), the one-time code and tracking code, a form sent twice,
// the status page with its deadline, and English.
#include "disclosure/application_portal.h"

#include <gtest/gtest.h>

#include <cstring>

#include "disclosure/application_testing.h"
#include "platform/http/url.h"

namespace yuanwu_disclosure_application_templates {
extern const yuanwu::EmbeddedFile kFiles[];
}

namespace yuanwu::disclosure {
namespace {

using db::testdb::Describe;
using testing::ApplicationFixture;
using testing::At;

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The value of `<input … name="x" … value="…">` in a page, or "".
std::string InputValue(const std::string& html, const std::string& name) {
  size_t at = html.find("name=\"" + name + "\"");
  if (at == std::string::npos) return "";
  size_t v = html.find("value=\"", at);
  if (v == std::string::npos) return "";
  v += 7;
  return html.substr(v, html.find('"', v) - v);
}

// The text of the <dd> after the <dt> holding `label`.
std::string Definition(const std::string& html, const std::string& label) {
  size_t at = html.find("<dt>" + label + "</dt>");
  if (at == std::string::npos) return "";
  size_t dd = html.find("<dd>", at) + 4;
  std::string text = html.substr(dd, html.find("</dd>", dd) - dd);
  for (const char* tag : {"<strong>", "</strong>"}) {
    for (size_t p; (p = text.find(tag)) != std::string::npos;) text.erase(p, strlen(tag));
  }
  return text;
}

class ApplicationPortalTest : public ApplicationFixture {
 protected:
  void SetUp() override {
    ApplicationFixture::SetUp();
    if (::testing::Test::IsSkipped() || HasFatalFailure()) return;
    portal_ = std::make_unique<ApplicationPortal>(
        *service_, renderer_,
        [](http::Request&, const std::string& title,
           const std::string& body) -> Result<http::Response> {
          return http::Response::Html(200, "<title>" + title + "</title>" + body);
        },
        random_);
  }

  http::Request Get(const std::string& path, const std::string& query = "") {
    http::Request req;
    req.method = "GET";
    req.path = path;
    req.target = path + (query.empty() ? "" : "?" + query);
    req.query = http::ParseQuery(query);
    req.remote_ip = "10.0.0.8";
    return req;
  }

  http::Request Post(const std::string& path, const http::Pairs& form) {
    http::Request req = Get(path);
    req.method = "POST";
    for (const auto& [k, v] : form) {
      req.body += (req.body.empty() ? "" : "&") + k + "=" + http::PercentEncode(v);
    }
    return req;
  }

  http::Response Must(Result<http::Response> r) {
    EXPECT_TRUE(r.ok()) << Describe(r.status());
    return r.ok() ? std::move(r).value() : http::Response{};
  }

  http::Pairs Valid(const std::string& key) {
    return {{"form_key", key},
            {"applicant_kind", "natural_person"},
            {"applicant_name", "王小明"},
            {"id_type", "resident_id"},
            {"id_number", "530102199003071238"},
            {"phone", "13800001234"},
            {"description", "2026年大型医用设备采购的招标公告"},
            {"medium", "paper"},
            {"delivery", "pickup"},
            {"consent", "1"}};
  }

  web::Renderer renderer_{yuanwu_disclosure_application_templates::kFiles};
  std::unique_ptr<ApplicationPortal> portal_;
};

TEST_P(ApplicationPortalTest, TheFormCarriesAOneTimeKeyAndTheConfiguredPeriods) {
  clock_.Set(At("2026-09-28 10:00"));
  http::Request req = Get("/disclosure/apply");
  http::Response res = Must(portal_->ApplyForm(req));
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.Get("Cache-Control"), "private, no-store");
  std::string key = InputValue(res.body, "form_key");
  EXPECT_EQ(key.size(), 32u);
  EXPECT_TRUE(Contains(res.body, "20个工作日内予以答复")) << res.body.substr(0, 2000);
  EXPECT_TRUE(Contains(res.body, "在7个工作日内一次性告知"));
  EXPECT_TRUE(Contains(res.body, "<option value=\"legal_services\">法律服务机构</option>"));
  EXPECT_FALSE(Contains(res.body, "<script"));
}

TEST_P(ApplicationPortalTest, BadInputComesBackWithReasonsAndTheValuesKept) {
  clock_.Set(At("2026-09-28 10:00"));
  http::Pairs form = Valid("0123456789abcdef0123456789abcdef");
  form[6].second = "";                                 // description
  form[2].second = "<script>alert(1)</script>王小明";  // applicant_name, kept and escaped
  form[9].second = "";                                 // consent
  http::Request req = Post("/disclosure/apply", form);
  http::Response res = Must(portal_->ApplyPost(req));
  EXPECT_EQ(res.status, 400);
  EXPECT_TRUE(Contains(res.body, "所需信息的名称、文号或特征描述不能为空"));
  EXPECT_TRUE(Contains(res.body, "请阅读并同意个人信息处理说明"));
  EXPECT_TRUE(Contains(res.body, "id=\"e-description\""));
  EXPECT_FALSE(Contains(res.body, "<script>alert"));
  EXPECT_TRUE(Contains(res.body, "&lt;script&gt;alert(1)&lt;/script&gt;王小明"));
  EXPECT_EQ(InputValue(res.body, "id_number"), "530102199003071238");
  EXPECT_EQ(InputValue(res.body, "form_key"), "0123456789abcdef0123456789abcdef");
  EXPECT_TRUE(Contains(res.body, "value=\"paper\" checked"));
  EXPECT_EQ(Count("case_record"), 0);
  EXPECT_EQ(Count("audit_log"), 0);
}

TEST_P(ApplicationPortalTest, SuccessShowsTheCodesOnceAndASecondSendRegistersNothing) {
  clock_.Set(At("2026-09-28 10:00"));
  http::Request req = Post("/disclosure/apply", Valid("0123456789abcdef0123456789abcdef"));
  http::Response res = Must(portal_->ApplyPost(req));
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.Get("Cache-Control"), "private, no-store");
  EXPECT_EQ(Definition(res.body, "申请编号"), "YSQ-2026-0001");
  std::string tracking = Definition(res.body, "查询码");
  EXPECT_EQ(tracking.size(), 14u);
  EXPECT_EQ(Definition(res.body, "收到申请之日"), "2026-09-28");
  EXPECT_EQ(Definition(res.body, "答复期限"), "2026-10-30");

  http::Request again = Post("/disclosure/apply", Valid("0123456789abcdef0123456789abcdef"));
  http::Response dup = Must(portal_->ApplyPost(again));
  EXPECT_EQ(dup.status, 409);
  EXPECT_TRUE(Contains(dup.body, "YSQ-2026-0001"));
  EXPECT_FALSE(Contains(dup.body, tracking));
  EXPECT_EQ(Count("case_record"), 1);

  // The status page: after a 补正 request it shows what to correct and the paused clock.
  clock_.Set(At("2026-09-29 10:00"));
  ASSERT_TRUE(service_->RequestCorrection(office_, "ip", 1, {"请写明设备名称", "2026-10-12"}).ok());
  http::Request track =
      Post("/disclosure/track", {{"code", "YSQ-2026-0001"}, {"tracking_code", tracking}});
  http::Response status = Must(portal_->TrackPost(track));
  EXPECT_EQ(status.status, 200);
  EXPECT_EQ(Definition(status.body, "办理状态"), "待补正");
  EXPECT_TRUE(Contains(status.body, "请写明设备名称"));
  EXPECT_TRUE(Contains(status.body, "恢复计算后还有19个工作日"));
  EXPECT_EQ(Definition(status.body, "答复期限"), "");  // paused: no date to show

  // Correction received on 9-30, answered later: the restarted deadline, then the answer.
  clock_.Set(At("2026-09-30 15:00"));
  ASSERT_TRUE(service_->CorrectionReceived(office_, "ip", 1, "", "").ok());
  status = Must(portal_->TrackPost(track));
  EXPECT_EQ(Definition(status.body, "答复期限"), "2026-11-03");
  clock_.Set(At("2026-10-20 10:00"));
  ASSERT_TRUE(service_
                  ->Answer(office_, "ip", 1,
                           {"partial", "招标公告见附件。", "报价明细涉及商业秘密", "pickup"})
                  .ok());
  status = Must(portal_->TrackPost(track));
  EXPECT_EQ(Definition(status.body, "办理结果"),
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）");
  EXPECT_TRUE(Contains(status.body, "报价明细涉及商业秘密"));
  EXPECT_EQ(Definition(status.body, "答复日期"), "2026-10-20");
}

TEST_P(ApplicationPortalTest, AWrongCodeAndAWrongTrackingCodeLookTheSame) {
  clock_.Set(At("2026-09-28 10:00"));
  http::Request req = Post("/disclosure/apply", Valid(""));
  http::Response res = Must(portal_->ApplyPost(req));
  ASSERT_EQ(res.status, 200);
  std::string tracking = Definition(res.body, "查询码");
  http::Request wrong_code =
      Post("/disclosure/track", {{"code", "YSQ-2026-0002"}, {"tracking_code", tracking}});
  http::Request wrong_tracking =
      Post("/disclosure/track", {{"code", "YSQ-2026-0001"}, {"tracking_code", "2222-3333-4444"}});
  http::Response a = Must(portal_->TrackPost(wrong_code));
  http::Response b = Must(portal_->TrackPost(wrong_tracking));
  EXPECT_EQ(a.status, 404);
  EXPECT_EQ(b.status, 404);
  EXPECT_TRUE(Contains(a.body, "申请编号或查询码不正确"));
  // The same page but for the number typed in (of the same length here).
  EXPECT_EQ(a.body.size(), b.body.size());
}

TEST_P(ApplicationPortalTest, EnglishPagesPostBackInEnglish) {
  clock_.Set(At("2026-09-28 10:00"));
  http::Request req = Get("/disclosure/apply", "lang=en");
  http::Response res = Must(portal_->ApplyForm(req));
  EXPECT_TRUE(Contains(res.body, "action=\"/disclosure/apply?lang=en\""));
  EXPECT_TRUE(Contains(res.body, "We answer within 20 working days"));
  http::Request post = Post("/disclosure/apply", {{"consent", "1"}});
  post.query = http::ParseQuery("lang=en");
  res = Must(portal_->ApplyPost(post));
  EXPECT_EQ(res.status, 400);
  EXPECT_TRUE(Contains(res.body, "choose the kind of applicant"));
}

INSTANTIATE_TEST_SUITE_P(Db, ApplicationPortalTest, ::testing::ValuesIn(db::testdb::Engines()),
                         db::testdb::EngineName);

}  // namespace
}  // namespace yuanwu::disclosure
