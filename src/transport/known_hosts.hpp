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

#include "transport/session.hpp"
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

// The server's host key, once it passed check_host_key().
struct HostKey {
  std::string fingerprint;  // "SHA256:..."
  std::string type;         // "ssh-ed25519"
  std::string name;         // as known_hosts names the host: "[127.0.0.1]:2222"
  bool recorded = false;    // it was unknown and has just been appended to the file
};

// Checks the host key of the handshaken `io` session for `host`:`options.port` against
// `file`, appending it when it is unknown and options.accept_new_host_key is set. A
// refusal names options.record_key_command as the way to record the key, when set.
// Throws Error(HostKeyUnknown | HostKeyChanged | HostKeyRevoked | KnownHostsFile).
HostKey check_host_key(Io& io, const std::filesystem::path& file, const std::string& host,
                       const Options& options);

}  // namespace rosgen::transport::detail
