#include "platform/base/random.h"

#include <sodium.h>

#include "platform/base/text.h"

namespace yuanwu {

std::string SecureRandom::Hex(size_t n) {
  std::string bytes(n, '\0');
  randombytes_buf(bytes.data(), n);
  return HexEncode(bytes);
}

}  // namespace yuanwu
