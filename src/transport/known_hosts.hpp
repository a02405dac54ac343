// Internal to src/transport/: the server's host key against an OpenSSH known_hosts file.
// Lines are matched with libssh2's knownhost API (plain names, "[host]:port" names and
// hashed "|1|salt|hash" names), one line at a time, so that a line libssh2 cannot parse
// (a key type it does not know, @cert-authority) is skipped instead of ending the read, and
// so that a refusal can name the offending line. @revoked lines are handled here (libssh2
// 1.10 does not know markers). New keys are appended as one line; the file is never
// rewritten.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "transport/ssh_io.hpp"

namespace rosgen::transport::detail {

// "SHA256:" + unpadded base64 of SHA-256(blob), as OpenSSH prints fingerprints.
std::string fingerprint_sha256(std::string_view blob);

// The key type name inside an SSH public key blob ("ssh-ed25519", "ssh-rsa"...), "" if the
// blob is malformed.
std::string key_type_of_blob(std::string_view blob);

// The name known_hosts uses for host:port: "host" for port 22, else "[host]:port"; lowercase.
std::string known_hosts_name(std::string_view host, int port);

// ~/.ssh/known_hosts ($HOME, else the password database).
std::filesystem::path default_known_hosts();

// Checks the host key of the handshaken `io` session for `host`:`port` against `file`.
// Returns its fingerprint when it is known (or was unknown and `accept_new` appended it).
// Throws Error(HostKeyUnknown | HostKeyChanged | HostKeyRevoked | KnownHostsFile).
std::string check_host_key(Io& io, const std::filesystem::path& file, const std::string& host,
                           int port, bool accept_new);

}  // namespace rosgen::transport::detail
