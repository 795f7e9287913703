#include "platform/base/file_clock.h"

#include <fstream>
#include <sstream>

#include "platform/base/text.h"
#include "platform/base/time.h"

namespace yuanwu {

int64_t FileClock::NowSeconds() const {
  int64_t real = system_.NowSeconds();
  std::ifstream in(path_);
  std::lock_guard lock(mu_);
  if (!in) {
    last_text_.clear();
    offset_ = 0;
    return real;
  }
  std::stringstream text;
  text << in.rdbuf();
  std::string now = Trim(text.str());
  if (now != last_text_) {
    last_text_ = now;
    std::optional<int64_t> at = ParseTimestamp(now, 0);
    offset_ = at ? *at - real : 0;
  }
  return real + offset_;
}

}  // namespace yuanwu
