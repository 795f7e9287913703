#include "complaints/complaint_export.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "platform/tabular/xlsx_report.h"

namespace yuanwu::complaints {
namespace {

std::string YesNo(bool b) { return b ? "是" : "否"; }

// A scratch file of this process: libxlsxwriter writes to a path, the caller gets the bytes.
std::filesystem::path ScratchPath() {
  static std::atomic<uint64_t> counter{0};
  std::error_code ec;
  return std::filesystem::temp_directory_path(ec) /
         ("yuanwu-complaints-" + std::to_string(::getpid()) + "-" +
          std::to_string(counter.fetch_add(1)) + ".xlsx");
}

}  // namespace

Result<std::string> ExportWorkbook(const std::vector<Row>& rows, const Codes& codes,
                                   const cases::CaseType* type) {
  std::filesystem::path path = ScratchPath();
  struct Remove {
    std::filesystem::path p;
    ~Remove() {
      std::error_code ec;
      std::filesystem::remove(p, ec);
    }
  } remove{path};
  std::string data;
  {
    YW_ASSIGN_OR_RETURN(auto book, tabular::XlsxReport::Create(path.string()));
    const std::vector<std::string> header = {
        "编号",     "受理时间",    "受理渠道",     "投诉类别",     "投诉人",   "联系电话",
        "患者",     "门诊/住院号", "被投诉科室",   "被投诉人员",   "投诉事项", "诉求",
        "处理类型", "状态",        "责任科室",     "反馈期限",     "反馈时间", "反馈方式",
        "处理意见", "是否按时",    "不予处理原因", "重大医疗纠纷", "评价"};
    YW_ASSIGN_OR_RETURN(tabular::XlsxReport::Sheet sheet, book->AddSheet("投诉登记台账", header));
    for (const Row& r : rows) {
      const Complaint& k = r.complaint;
      const cases::StateDef* state = type ? type->State(r.c.state) : nullptr;
      std::string on_time = r.c.on_time < 0 ? "" : YesNo(r.c.on_time == 1);
      std::vector<tabular::ReportCell> cells = {
          {r.c.code},
          {k.received_local},
          {cases::CodeName(codes.channels, k.channel)},
          {cases::CodeName(codes.categories, k.category)},
          {k.complainant_name},
          {k.complainant_phone},
          {k.patient_name},
          {k.patient_record_no},
          {k.target_department_name},
          {k.target_staff},
          {k.description},
          {k.demand},
          {cases::CodeName(codes.complexities, k.complexity)},
          {state ? state->name : r.c.state},
          {r.c.department_name},
          {r.c.due_at},
          {k.replied_at.empty() ? k.not_processed_at : k.replied_at},
          {k.reply_method.empty() ? "" : cases::CodeName(codes.reply_methods, k.reply_method)},
          {k.reply_text.empty() ? k.not_processed_explanation : k.reply_text},
          {on_time},
          {k.not_processed_reason.empty()
               ? ""
               : cases::CodeName(codes.not_processed_reasons, k.not_processed_reason)},
          {YesNo(k.major_dispute)},
          {k.rating == 0 ? "" : std::to_string(k.rating)},
      };
      YW_RETURN_IF_ERROR(book->AddRow(sheet, cells));
    }
    YW_RETURN_IF_ERROR(book->Close());
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Internal("cannot read the export workbook " + path.string());
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace yuanwu::complaints
