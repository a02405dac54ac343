// The transport tests' own OpenSSH server: /usr/sbin/sshd on 127.0.0.1 (and ::1 on request)
// and a free port, with its host key, authorized keys, config and a fake RouterOS
// (transport_fake_routeros.sh as ForceCommand) in a temporary directory. Started and stopped
// by pid; /etc/ssh and port 22 are never touched. Run as root, sshd lives in a private mount
// namespace (unshare) with a tmpfs on /run, so that its privilege separation directory
// /run/sshd and, for password logins, a test account (passwd/shadow bound over /etc in that
// namespace only) never reach the host.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

#include "transport/session.hpp"

namespace rosgen::test {

// Key material shared by every test server of the process (made once, in a temp dir).
struct SshKeys {
  std::filesystem::path dir;
  std::filesystem::path host_ed25519;  // the servers' host key
  std::filesystem::path other_host;    // another ed25519 host key (for "changed" tests)
  std::filesystem::path host_ecdsa;    // an ecdsa host key (for "other key type" tests)
  std::filesystem::path host_rsa;      // an RSA host key (RouterOS's default type)
  std::filesystem::path user_ed25519;
  std::filesystem::path user_rsa;
  std::filesystem::path user_encrypted;  // ed25519, passphrase kEncryptedPassphrase
  std::filesystem::path user_unknown;    // ed25519, not authorized anywhere

  // The keys; FAILs the test (with what to install) when sshd or ssh-keygen is missing.
  static const SshKeys& get();
};

inline constexpr const char* kEncryptedPassphrase = "correct horse battery";
inline constexpr const char* kPasswordUser = "rosgen-pw";
inline constexpr const char* kPassword = "rosgen-test-password";

struct SshdOptions {
  bool allow_ssh_rsa = false;   // {PubkeyAccepted,HostKey}Algorithms +ssh-rsa (an old RouterOS)
  bool rsa_host_key = false;    // serve host_rsa instead of host_ed25519
  bool password_user = false;   // add kPasswordUser with kPassword (root + unshare only)
  bool ipv6 = false;            // listen on ::1 as well
  bool flash_directory = true;  // files/flash/ exists for SFTP
};

class TestSshd {
 public:
  explicit TestSshd(SshdOptions options = {});
  ~TestSshd();
  TestSshd(const TestSshd&) = delete;
  TestSshd& operator=(const TestSshd&) = delete;

  int port() const { return port_; }

  const std::filesystem::path& dir() const { return dir_; }

  std::filesystem::path files() const { return dir_ / "files"; }  // the SFTP root

  // "NAME ssh-ed25519 AAAA..." for the ed25519 host key ("[127.0.0.1]:PORT" style names).
  std::string known_hosts_line(const std::string& name) const;

  // Options for 127.0.0.1:port with the ed25519 user key, no agent, no password, no
  // prompts, 5 s timeouts and `known_hosts` (written with the host's line if `trusted`).
  transport::Options options(bool trusted = true) const;

  std::string log() const;

 private:
  std::filesystem::path dir_;
  int port_ = 0;
  pid_t pid_ = -1;
};

// Whether the password test can make its own account safely (root and unshare work).
bool can_make_password_account();

// An ssh-agent on its own socket, holding `key`; stopped by pid.
class TestAgent {
 public:
  explicit TestAgent(const std::filesystem::path& key);
  ~TestAgent();
  TestAgent(const TestAgent&) = delete;
  TestAgent& operator=(const TestAgent&) = delete;

  const std::string& socket() const { return socket_; }

 private:
  std::filesystem::path dir_;
  std::string socket_;
  pid_t pid_ = -1;
};

// Runs argv to completion (PATH searched) and returns its exit status; its stdout goes to
// `out` when given. `env` adds NAME=VALUE entries to the environment.
int run_program(const std::vector<std::string>& argv, std::string* out = nullptr,
                const std::vector<std::string>& env = {});

// The SHA256 fingerprint ssh-keygen -l prints for a public key file.
std::string ssh_keygen_fingerprint(const std::filesystem::path& pub);

std::string file_text(const std::filesystem::path& file);
void put_file(const std::filesystem::path& file, const std::string& text);

}  // namespace rosgen::test
