// Test harness for the fake RouterOS device (tests/fake_routeros/) behind a real OpenSSH
// sshd on 127.0.0.1: FakeRouter makes a temporary directory with its own ed25519 and RSA
// host keys, an ed25519 and an RSA client key, authorized_keys, known_hosts and
// sshd_config (a free port, ForceCommand = the fake, SFTP = sftp-server started by the
// fake in the device's files/), starts `/usr/sbin/sshd -D -e -f sshd_config` and the
// fake's scheduler daemon as its children, and stops both (and any job still running) by
// pid when destroyed, then removes the directory. It never touches the system's sshd,
// /etc/ssh or port 22. Without /usr/sbin/sshd the constructor throws, naming the package
// (CI installs it): the tests fail, they do not skip.
// Besides talking to the device over SSH (the system ssh/sftp clients: ssh(), sftp()),
// tests read and seed its state directly on disk (state(), export_terse(), run_local()),
// count the exec commands it received (commands()), and inject faults (control()).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "device.hpp"
#include "routeros/state.hpp"

namespace rosgen::test {

struct FakeRouterOptions {
  std::string version = "7.16.2";  // what /system resource prints; dry-run needs 7.16+
  // An old RouterOS: the server accepts only ssh-rsa (SHA-1) signatures and host keys, as
  // RouterOS 6 does; ed25519 logins are then refused.
  bool ssh_rsa_only = false;
  std::string sshd = "/usr/sbin/sshd";  // for the test of the missing-sshd message
};

struct ProcessResult {
  int status = -1;  // exit status; 255 from ssh when the connection failed or dropped
  std::string out;
  std::string err;
};

// A port on 127.0.0.1 that was free a moment ago (bound with port 0, then closed): for a
// server to listen on, or for a connection nobody answers. Throws when none can be had.
std::uint16_t free_port();

// Runs argv[0] with `argv`, stdin from /dev/null, and returns what it printed.
ProcessResult run_process(const std::vector<std::string>& argv);

class FakeRouter {
 public:
  explicit FakeRouter(FakeRouterOptions options = {});
  ~FakeRouter();
  FakeRouter(const FakeRouter&) = delete;
  FakeRouter& operator=(const FakeRouter&) = delete;

  std::uint16_t port() const { return port_; }

  std::string host() const { return "127.0.0.1"; }

  std::string user() const { return user_; }

  const std::filesystem::path& root() const { return root_; }  // the temporary dir

  std::filesystem::path device_dir() const { return root_ / "device"; }  // the fake's DIR

  std::filesystem::path files_dir() const { return device_dir() / "files"; }

  std::filesystem::path ed25519_key() const { return root_ / "client_ed25519"; }  // private

  std::filesystem::path rsa_key() const { return root_ / "client_rsa"; }

  // "[127.0.0.1]:port <host key>" lines for both host keys.
  std::filesystem::path known_hosts() const { return root_ / "known_hosts"; }

  pid_t sshd_pid() const { return sshd_pid_; }

  pid_t daemon_pid() const { return daemon_pid_; }

  // One exec channel with the system ssh client (key: ed25519_key() unless given).
  ProcessResult ssh(const std::string& command, const std::filesystem::path& key = {}) const;
  // An SFTP session with the system sftp client running `batch` (sftp -b).
  ProcessResult sftp(const std::string& batch) const;
  // Uploads `local` as `remote` (relative to the router's file root, e.g. "flash/x.rsc").
  ProcessResult upload(const std::filesystem::path& local, const std::string& remote) const;

  // Runs `command` on the device directly (no SSH, no faults, not counted).
  std::string run_local(const std::string& command) const;
  // Copies `rsc` into the device's files and imports it directly; throws on failure.
  void load(const std::filesystem::path& rsc) const;

  // The device's state as on disk, with FastTrack's dynamic rule when it is on.
  routeros::RouterState state() const;

  // `/export terse` of the device, read directly.
  std::string export_terse() const { return run_local("/export terse"); }

  // export_terse() without its header comments (their clock changes): for comparing the
  // configuration before and after.
  std::string configuration() const;

  std::vector<fake::Record> scheduler() const;

  // Exec commands received over SSH so far (SFTP sessions count as "(sftp)" lines).
  std::uint64_t commands() const;
  std::vector<std::string> command_log() const;

  // Scheduler entries that came due while a job held the device (a real router would
  // have run them during it, e.g. a rollback firing in the middle of an apply).
  std::vector<std::string> late_events() const;
  // Statements the fake ignored because it does not model their menu or script construct.
  std::vector<std::string> unmodeled() const;

  // Replaces control.conf (fault injection, device.hpp); version= is kept from options.
  // drop-before= / drop-after= take absolute command numbers: commands() + n.
  void control(const std::string& lines) const;

  // Stops sshd, the daemon and running jobs by pid (also done by the destructor).
  void stop();

 private:
  void start_sshd();

  FakeRouterOptions options_;
  std::filesystem::path root_;
  std::string user_;
  std::uint16_t port_ = 0;
  pid_t sshd_pid_ = -1;
  pid_t daemon_pid_ = -1;
};

}  // namespace rosgen::test
