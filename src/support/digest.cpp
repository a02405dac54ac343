// SHA-256 through OpenSSL's EVP interface.
#include "support/digest.hpp"

#include <openssl/evp.h>

#include <cassert>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "support/errors.hpp"

namespace rosgen::support {

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  assert(ctx_ != nullptr);
  EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx_), EVP_sha256(), nullptr);
}

Sha256::~Sha256() {
  EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_));
}

void Sha256::update(std::string_view bytes) {
  EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), bytes.data(), bytes.size());
}

std::string Sha256::hex() {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx_), md, &len);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 0xf];
  }
  return out;
}

std::string sha256(std::string_view bytes) {
  Sha256 digest;
  digest.update(bytes);
  return digest.hex();
}

std::string file_sha256(const std::string& path) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  auto fail = [&]() {
    return IoError("cannot read '" + path +
                   "': " + (errno != 0 ? std::strerror(errno) : "read error"));
  };
  if (!in)
    throw fail();
  Sha256 sha;
  std::string buffer(std::size_t{1} << 16, '\0');
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0)
    sha.update(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
  if (in.bad())
    throw fail();
  return sha.hex();
}

}  // namespace rosgen::support
