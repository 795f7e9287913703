// FileStore: where uploaded files live, addressed by the SHA-256 of their content.
// The disk implementation writes atomically (temp file + rename) so a crash never leaves a
// half-written attachment.
#pragma once

#include <string>

#include "platform/base/result.h"

namespace yuanwu {

class FileStore {
 public:
  virtual ~FileStore() = default;
  // Stores `data`; returns its hex SHA-256, which is the key.
  virtual Result<std::string> Put(std::string_view data) = 0;
  virtual Result<std::string> Get(const std::string& key) = 0;
};

class DiskFileStore final : public FileStore {
 public:
  explicit DiskFileStore(std::string dir) : dir_(std::move(dir)) {}
  Result<std::string> Put(std::string_view data) override;
  Result<std::string> Get(const std::string& key) override;

 private:
  std::string dir_;
};

std::string Sha256Hex(std::string_view data);

}  // namespace yuanwu
