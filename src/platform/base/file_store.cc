#include "platform/base/file_store.h"

#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "platform/base/text.h"

namespace yuanwu {

std::string Sha256Hex(std::string_view data) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return HexEncode(std::string_view(reinterpret_cast<char*>(out), sizeof out));
}

Result<std::string> DiskFileStore::Put(std::string_view data) {
  std::string key = Sha256Hex(data);
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::path(dir_) / key.substr(0, 2);
  std::filesystem::create_directories(dir, ec);
  std::filesystem::path final_path = dir / key;
  if (std::filesystem::exists(final_path, ec)) return key;
  std::filesystem::path tmp = dir / (key + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    out.flush();
    if (!out) return Status::Internal("cannot write file " + tmp.string());
  }
  std::filesystem::rename(tmp, final_path, ec);
  if (ec) return Status::Internal("cannot store file: " + ec.message());
  return key;
}

Result<std::string> DiskFileStore::Get(const std::string& key) {
  if (key.size() != 64 || key.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return Status::NotFound("文件", "file");
  }
  std::ifstream in(std::filesystem::path(dir_) / key.substr(0, 2) / key, std::ios::binary);
  if (!in) return Status::NotFound("文件", "file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace yuanwu
