// CaseEngine::ExportFile: 立卷归档 — the whole case as one ZIP a records office can keep:
//   00_卷内目录.html   the index: what the file holds, with each attachment's SHA-256
//   01_案件信息.html   the case sheet (the module's fields, masked as the viewer may see them)
//   02_办理过程.html   the complete timeline, corrections included, in order
//   02_办理过程.csv    the same timeline for spreadsheets (UTF-8 with BOM)
//   附件/NN_<name>     every attachment, byte for byte
// HTML rather than PDF so that it opens anywhere and prints with the browser; every value is
// HTML-escaped.
#include <zip.h>

#include <deque>
#include <nlohmann/json.hpp>

#include "platform/audit/audit_log.h"
#include "platform/base/time.h"
#include "platform/cases/case_engine.h"
#include "platform/cases/case_store.h"

namespace yuanwu::cases {

namespace {

std::string Html(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

std::string Csv(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

std::string Page(const std::string& title, const std::string& body) {
  return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + Html(title) +
         "</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;"
         "width:100%}th,td{border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:"
         "top}th{background:#eee;white-space:nowrap}</style></head><body><h1>" +
         Html(title) + "</h1>" + body + "</body></html>";
}

std::string EventKindName(const Event& e, const CaseType& t) {
  if (e.kind == "action") {
    const ActionDef* a = t.Action(e.action);
    return a ? a->name : e.action;
  }
  static const std::map<std::string, std::string> kNames = {
      {"open", "登记"},         {"assign", "分派"},     {"note", "记录"},   {"attachment", "附件"},
      {"pause", "暂停计时"},    {"resume", "恢复计时"}, {"extend", "延期"}, {"remind", "到期提醒"},
      {"escalate", "超期督办"}, {"correct", "更正"},    {"rate", "评价"}};
  auto it = kNames.find(e.kind);
  return it == kNames.end() ? e.kind : it->second;
}

// A ZIP built in memory; the entries' bytes must stay alive until Finish().
class ZipWriter {
 public:
  ZipWriter() {
    zip_error_init(&error_);
    src_ = zip_source_buffer_create(nullptr, 0, 0, &error_);
    if (src_) {
      zip_source_keep(src_);
      zip_ = zip_open_from_source(src_, ZIP_TRUNCATE, &error_);
    }
  }
  ~ZipWriter() {
    if (zip_) zip_discard(zip_);
    if (src_) zip_source_free(src_);
    zip_error_fini(&error_);
  }
  bool Add(const std::string& name, std::string data) {
    if (!zip_) return false;
    const std::string& kept = kept_.emplace_back(std::move(data));
    zip_source_t* s = zip_source_buffer(zip_, kept.data(), kept.size(), 0);
    if (!s) return false;
    if (zip_file_add(zip_, name.c_str(), s, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(s);
      return false;
    }
    return true;
  }
  Result<std::string> Finish() {
    if (!zip_) return Status::Internal("zip: cannot open an in-memory archive");
    if (zip_close(zip_) != 0) return Status::Internal("zip: close failed");
    zip_ = nullptr;
    if (zip_source_open(src_) != 0) return Status::Internal("zip: cannot reopen");
    zip_source_seek(src_, 0, SEEK_END);
    zip_int64_t size = zip_source_tell(src_);
    zip_source_seek(src_, 0, SEEK_SET);
    std::string out(static_cast<size_t>(size), '\0');
    zip_int64_t read = zip_source_read(src_, out.data(), static_cast<zip_uint64_t>(size));
    zip_source_close(src_);
    if (read != size) return Status::Internal("zip: short read");
    return out;
  }

 private:
  zip_error_t error_;
  zip_source_t* src_ = nullptr;
  zip_t* zip_ = nullptr;
  std::deque<std::string> kept_;
};

}  // namespace

Result<std::string> CaseEngine::ExportFile(
    const std::string& type, int64_t id, const Visibility& v,
    const std::vector<std::pair<std::string, std::string>>& fields, const auth::Actor& actor) {
  YW_ASSIGN_OR_RETURN(const CaseType* t, Find(type));
  Case c;
  std::vector<Event> events;
  std::vector<Attachment> attachments;
  YW_RETURN_IF_ERROR(db_.Transact([&](soci::session& sql) -> Status {
    YW_ASSIGN_OR_RETURN(c, Load(sql, type, id, v));
    events = CaseStore::Events(sql, c.id, false);
    attachments = CaseStore::Attachments(sql, c.id);
    // Who took the file out is on the audit trail; the case itself does not change.
    return audit::Append(sql, db_.dialect(), clock_, actor,
                         {"case." + type + ".export", "case_record", std::to_string(c.id), "{}",
                          nlohmann::json({{"code", c.code}}).dump()});
  }));

  const StateDef* state = t->State(c.state);
  std::vector<std::pair<std::string, std::string>> sheet = {
      {"编号", c.code},
      {"类型", t->name},
      {"标题", c.title},
      {"状态", state ? state->name : c.state},
      {"责任科室", c.department_name},
      {"承办人", c.assignee_name},
      {"登记时间", FormatLocalMinute(ParseTimestamp(c.opened_at, 0).value_or(0),
                                     options_.local_offset_seconds)},
      {"办理期限", c.period.empty() ? "无" : c.period + "，自 " + c.start_at + " 起"},
      {"截止时间", c.due_at},
      {"延期", c.extended},
      {"是否按时办结", c.on_time < 0 ? "—"
                       : c.on_time   ? "是"
                                     : "否"},
  };
  sheet.insert(sheet.end(), fields.begin(), fields.end());
  std::string rows;
  for (const auto& [k, val] : sheet)
    rows += "<tr><th>" + Html(k) + "</th><td>" + Html(val) + "</td></tr>";

  auto local = [&](const std::string& utc) {
    return FormatLocalMinute(ParseTimestamp(utc, 0).value_or(0), options_.local_offset_seconds);
  };
  std::string timeline =
      "<table><tr><th>序号</th><th>时间</th><th>操作人</th><th>事项</th><th>状态</th><th>内容</th>"
      "<th>公开</th></tr>";
  std::string csv =
      "\xEF\xBB\xBF序号,时间,操作人,事项,原状态,新状态,内容,对申请人公开,更正序号\r\n";
  std::map<int64_t, int64_t> seq_of;
  for (const Event& e : events) seq_of[e.id] = e.seq;
  for (const Event& e : events) {
    std::string what = EventKindName(e, *t);
    std::string body = e.body;
    if (e.corrects) body = "（更正第 " + std::to_string(seq_of[e.corrects]) + " 条）" + body;
    const StateDef* from = t->State(e.from_state);
    const StateDef* to = t->State(e.to_state);
    std::string states =
        (from ? from->name : "") + (to && from ? " → " : "") + (to ? to->name : "");
    timeline += "<tr><td>" + std::to_string(e.seq) + "</td><td>" + Html(local(e.at)) + "</td><td>" +
                Html(e.actor_name) + "</td><td>" + Html(what) + "</td><td>" + Html(states) +
                "</td><td>" + Html(body) + "</td><td>" + (e.is_public ? "是" : "") + "</td></tr>";
    csv += std::to_string(e.seq) + "," + Csv(local(e.at)) + "," + Csv(e.actor_name) + "," +
           Csv(what) + "," + Csv(from ? from->name : "") + "," + Csv(to ? to->name : "") + "," +
           Csv(body) + "," + (e.is_public ? "是" : "否") + "," +
           (e.corrects ? std::to_string(seq_of[e.corrects]) : "") + "\r\n";
  }
  timeline += "</table>";

  ZipWriter zip;
  std::string index = "<table><tr><th>文件</th><th>内容</th><th>SHA-256</th></tr>";
  index += "<tr><td>01_案件信息.html</td><td>案件信息</td><td></td></tr>";
  index += "<tr><td>02_办理过程.html / .csv</td><td>办理过程（" + std::to_string(events.size()) +
           " 条）</td><td></td></tr>";
  int n = 0;
  for (const Attachment& a : attachments) {
    YW_ASSIGN_OR_RETURN(std::string data, files_.Get(a.sha256));
    char prefix[8];
    std::snprintf(prefix, sizeof prefix, "%02d_", ++n % 100);
    std::string name = "附件/" + std::string(prefix) + a.filename;
    if (!zip.Add(name, std::move(data))) return Status::Internal("zip: cannot add " + name);
    index += "<tr><td>" + Html(name) + "</td><td>" + Html(a.actor_name) + " 于 " +
             Html(local(a.at)) + " 上传</td><td>" + Html(a.sha256) + "</td></tr>";
  }
  index += "</table><p>生成时间：" +
           Html(FormatLocalMinute(clock_.NowSeconds(), options_.local_offset_seconds)) +
           "；生成人：" + Html(actor.name) + "</p>";
  std::string title = t->name + "案卷 " + c.code;
  bool ok = zip.Add("00_卷内目录.html", Page(title + " 卷内目录", index)) &&
            zip.Add("01_案件信息.html", Page(title + " 案件信息", "<table>" + rows + "</table>")) &&
            zip.Add("02_办理过程.html", Page(title + " 办理过程", timeline)) &&
            zip.Add("02_办理过程.csv", std::move(csv));
  if (!ok) return Status::Internal("zip: cannot add the case sheets");
  return zip.Finish();
}

}  // namespace yuanwu::cases
