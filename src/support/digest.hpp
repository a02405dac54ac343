// SHA-256 of source text, printed in the script header so that an operator can tell
// which policy a script came from. Entry point: Sha256.
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

}  // namespace rosgen::support
