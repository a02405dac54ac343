// SSH to a RouterOS device: the only public face of src/transport/, the one directory that
// uses libssh2 (Debian 12's 1.10). A Session resolves the host and connects with timeouts,
// checks the host key against an OpenSSH known_hosts file, logs in (ssh-agent, key files,
// password), runs one RouterOS command line per exec channel with a sentinel that proves it
// ran to its end, and uploads files over SFTP. Every failure is a transport::Error whose
// message says which step failed on which host:port, why, and what to do.
//
// RouterOS facts relied on (../shared/routeros-reference.md): §6 exec channels without a PTY,
// one command line per exec; §5.1 errors come back as text with exit status 0, so success is
// shown by a sentinel the command line prints at its end; §5 files under flash/ survive a
// reboot and `*.auto.rsc` files uploaded by SFTP are executed at once (never produced here).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/errors.hpp"

namespace rosgen::transport {

// What failed, for callers that react differently (a fleet push reports an unreachable
// router and goes on; a host key problem is never retried).
enum class ErrorKind {
  Resolve,         // the host name did not resolve (or not in time)
  Connect,         // TCP connect refused, unreachable or timed out
  Timeout,         // an SSH step (handshake, auth, exec, read, SFTP) took longer than allowed
  Handshake,       // no SSH server, or no algorithm in common
  HostKeyUnknown,  // the key is not in known_hosts and accept_new_host_key is off
  HostKeyChanged,  // known_hosts holds another key of the same type for this host:port
  HostKeyRevoked,  // the key is marked @revoked in known_hosts
  KnownHostsFile,  // known_hosts could not be read or appended to
  Auth,            // every login method failed
  Channel,         // the server refused an exec channel or the connection dropped
  Sftp,            // an SFTP step failed
  Command,         // run_checked(): the RouterOS command reported an error
  Usage,           // a caller passed something the transport refuses (multi-line command...)
};

class Error : public support::Error {
 public:
  Error(ErrorKind kind, const std::string& message) : support::Error(message), kind_(kind) {}

  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

// Thrown instead of any wait's result once Options::interrupt is set (a signal asked the
// program to stop): connecting, the handshake, logging in, a command or an upload is
// abandoned within 0.1 s and the connection is unusable. Deliberately not an Error, so
// code that retries a dropped link does not retry an interrupt.
class Interrupted : public support::Error {
 public:
  using support::Error::Error;
};

// Asks the user for a secret (key passphrase, password) without echoing it; returns nullopt
// when it cannot ask (no terminal) or the user gives up. The prompt names what is asked for.
using SecretPrompt = std::function<std::optional<std::string>(const std::string& prompt)>;

// The default SecretPrompt: reads a line from /dev/tty with echo off; nullopt without a TTY.
std::optional<std::string> tty_secret_prompt(const std::string& prompt);

// How to reach and log in to one router. Option names follow OpenSSH where one exists.
struct Options {
  std::string host;  // a name, an IPv4 literal, or an IPv6 literal with or without [brackets]
  int port = 22;     // -p
  std::string user;  // -l; empty: the local user name, as OpenSSH does
  // -i FILE (repeatable). nullopt: ~/.ssh/id_ed25519, id_ecdsa, id_rsa, those that exist.
  // An empty list tries no key file.
  std::optional<std::vector<std::filesystem::path>> identity_files;
  std::filesystem::path known_hosts;         // empty: ~/.ssh/known_hosts
  bool accept_new_host_key = false;          // record an unknown key (append one line) and go on
  bool use_agent = true;                     // try ssh-agent identities first
  std::string agent_socket;                  // empty: $SSH_AUTH_SOCK
  bool use_password = true;                  // $ROSGEN_SSH_PASSWORD or ask_secret, if offered
  std::chrono::seconds connect_timeout{10};  // name resolution, and TCP connect per address
  std::chrono::seconds step_timeout{30};     // each SSH step; for output: the longest silence
  SecretPrompt ask_secret = tty_secret_prompt;
  // What the refusal of an unknown (or changed) host key tells the user to run to record
  // the key: a command line for this router, e.g. a fleet's `rosgen diff POLICY --host H
  // --accept-new-host-key`. Empty: "connect once with --accept-new-host-key".
  std::string record_key_command;
  // Called with one line for the user when connecting changed a file on this machine:
  // "recorded the ssh-ed25519 host key SHA256:... of [10.0.0.1]:2222 in
  // /root/.ssh/known_hosts". May be empty; the transport never writes to stderr itself.
  std::function<void(const std::string& line)> notice;
  // Set (by a signal handler) to abandon the step in progress: every wait of the session
  // checks it at least every 0.1 s and throws Interrupted. May be null (the default: only
  // the timeouts end a wait). Session::set_interruptible(false) turns it off for steps
  // that must not be cut short.
  const std::atomic<bool>* interrupt = nullptr;
};

// "host:port" as Session::endpoint() will name it ("[::1]:22" for IPv6), without connecting.
std::string endpoint_of(const Options& options);

// One command line's outcome. RouterOS reports errors as text with exit status 0 (§5.1).
struct CommandResult {
  std::string command;     // as given to run(), without the sentinel
  std::string out;         // stdout, CRLF turned into LF, the sentinel (at its end) removed
  std::string err;         // stderr, CRLF turned into LF
  bool completed = false;  // the sentinel arrived: the line ran to its end
  int exit_status = 0;     // 0 also when the server sent none (libssh2 1.10 cannot tell)
  std::string error;       // the first output line that reads as a RouterOS error, or ""

  // Ran to its end, printed no error text, exited 0.
  bool ok() const { return completed && error.empty() && exit_status == 0; }
};

// The first line of `text` that reads as a RouterOS error ("failure:", "syntax error", "bad
// command name", "no such item", "... (line N column M)"...: §5.1, §6), without its line end;
// "" when there is none. Only lines that start with such text count, so an export whose
// comment="failure: ..." is not an error.
std::string routeros_error_line(std::string_view text);

// A logged-in SSH connection. Movable, not copyable; the destructor disconnects, bounded by
// a short timeout, and never throws. After an Error thrown by run() or upload() the
// connection is unusable: later calls throw Error(Channel). Not thread-safe: one Session per
// thread (sessions on different threads are independent).
class Session {
 public:
  // Connects, checks the host key, logs in. Throws Error (Resolve, Connect, Timeout,
  // Handshake, HostKey*, KnownHostsFile, Auth), or Interrupted (Options::interrupt). Secrets
  // are never printed or logged.
  explicit Session(const Options& options);
  ~Session();
  Session(Session&&) noexcept;
  Session& operator=(Session&&) noexcept;
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Runs one RouterOS command line on its own exec channel (no PTY, §6) and appends
  // `; :put "rosgen-done-<random>"` so that completion is visible (§5.1). `command` must be a
  // single line (§6: multi-line commands fail over exec): Error(Usage) otherwise. Reads
  // stdout and stderr together until the channel closes; `idle_timeout` (default: the step
  // timeout) bounds the silence between two pieces of output. Throws Error(Timeout, Channel)
  // when the connection fails, Interrupted when Options::interrupt is set while it waits; a
  // RouterOS error is NOT thrown: see CommandResult::ok().
  CommandResult run(std::string_view command,
                    std::optional<std::chrono::seconds> idle_timeout = std::nullopt);

  // run(), then throws Error(Command) naming the command and RouterOS's error text (or the
  // missing sentinel, or the exit status) unless the result is ok().
  CommandResult run_checked(std::string_view command,
                            std::optional<std::chrono::seconds> idle_timeout = std::nullopt);

  // Writes `bytes` over SFTP to a new file "rosgen-<random>-<name>" under flash/ when the
  // router has that directory, else at the SFTP root, and returns its path as RouterOS names
  // it (e.g. "flash/rosgen-1f2e3d4c-patch.rsc") for /import file-name=... . `name` is a
  // plain file name ([A-Za-z0-9._-], no "/"), never "*.auto.rsc" (RouterOS would execute it
  // on upload, §5): Error(Usage) otherwise. The file is created exclusively, so nothing is
  // overwritten. Throws Error(Sftp, Timeout) on failure.
  std::string upload(std::string_view bytes, std::string_view name);

  // Removes a file over SFTP (e.g. one returned by upload()). Throws Error(Sftp, Timeout).
  void remove_file(std::string_view path);

  // SSH round trips so far: exec channels (run) plus SFTP transfers (upload, remove_file).
  // Connecting and logging in are not counted. The push benchmark (issue 10 §7) reads this.
  std::uint64_t round_trips() const;

  // The server's host key as OpenSSH prints it: "SHA256:" + unpadded base64 of its SHA-256.
  const std::string& host_key_fingerprint() const;

  // "host:port" as used in messages ("[::1]:22" for IPv6).
  const std::string& endpoint() const;

  // Whether Options::interrupt can cut this session's steps short (true from the start when
  // it is set). Off for a step that must run to its end once begun, e.g. confirming a
  // verified push.
  void set_interruptible(bool on);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rosgen::transport
