// SHA-256 of source text, printed in the script header so that an operator can tell
// which policy (and which traffic profile) a script came from, and of capture files,
// named in a profile's header. Entry points: Sha256, sha256(), file_sha256().
#pragma once

#include <string>
#include <string_view>

namespace rosgen::support {

// Incremental SHA-256 (OpenSSL libcrypto). hex() returns 64 lower-case hex digits.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(std::string_view bytes);
  std::string hex();

 private:
  void* ctx_;  // EVP_MD_CTX*, kept opaque so OpenSSL headers stay in digest.cpp
};

// The SHA-256 (64 lower-case hex digits) of `bytes`.
std::string sha256(std::string_view bytes);

// The SHA-256 (64 lower-case hex digits) of the bytes of the file `path`, read in
// 64 KiB pieces (memory does not grow with the file). Throws IoError ("cannot read
// 'day.pcap': Permission denied") when the file cannot be opened or read.
std::string file_sha256(const std::string& path);

}  // namespace rosgen::support
