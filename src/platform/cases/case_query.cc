#include "platform/cases/case_query.h"

#include "platform/http/params.h"

namespace yuanwu::cases {

ListFilter ReadListFilter(const http::Request& req, const CaseType* type, Validation& v) {
  ListFilter f;
  std::string queue = req.Query("queue");
  if (!queue.empty() && !ParseQueue(queue, &f.queue)) {
    v.Fail("queue", "队列参数无效：" + queue, "invalid queue: " + queue);
  }
  f.state = req.Query("state");
  if (!f.state.empty() && (type == nullptr || type->State(f.state) == nullptr)) {
    v.Fail("state", "状态参数无效：" + f.state, "invalid state: " + f.state);
    f.state.clear();
  }
  f.department_id = http::QueryId(req, "department_id", v);
  f.q = http::QueryText(req, "q", 100, v);
  http::QueryDates(req, &f.from, &f.to, v);
  http::QueryPage(req, &f.offset, &f.limit, v);
  if (type != nullptr) f.type = type->type;
  return f;
}

}  // namespace yuanwu::cases
