// The one place where a Status becomes an HTTP response.
//
// Body: {"code","message","message_en","fields":[{"field","reason","reason_en"}]}.
// `message` is zh-CN unless the client prefers English. Internal details never leave the
// server: they are logged and replaced by a generic sentence.
#pragma once

#include "platform/base/status.h"
#include "platform/http/message.h"

namespace yuanwu::http {

int HttpStatusFor(StatusCode code);
Response ProblemResponse(const Status& status, bool english);

}  // namespace yuanwu::http
