// Internal to src/transport/: logging in, in OpenSSH's order: ssh-agent identities, key
// files, then a password. Secrets come from the environment (ROSGEN_SSH_PASSPHRASE,
// ROSGEN_SSH_PASSWORD) or Options::ask_secret (a TTY prompt), never from the command line;
// they are never printed, logged or put in an error message, and are wiped after use.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "transport/ssh_io.hpp"

namespace rosgen::transport::detail {

// What a private key file is, read without its passphrase: "ssh-ed25519", "ssh-rsa",
// "ecdsa-sha2-nistp256"... ("" if unknown) and whether it is encrypted.
struct KeyFileInfo {
  bool readable = false;
  std::string type;
  bool encrypted = false;
};

KeyFileInfo inspect_key_file(const std::filesystem::path& path);

// The key files to try when Options::identity_files is nullopt: ~/.ssh/id_ed25519,
// id_ecdsa, id_rsa, those that exist.
std::vector<std::filesystem::path> default_identity_files();

// Logs `user` in on the handshaken session. Throws Error(Auth) listing what the server
// offers and what was tried and why each failed (with the advice for RSA keys under
// libssh2 1.10), or Error(Timeout).
void authenticate(Io& io, const Options& options, const std::string& user);

}  // namespace rosgen::transport::detail
