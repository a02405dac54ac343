// Internal to src/transport/: libssh2 handles as RAII types, and the one place that waits.
// Every session runs in libssh2's non-blocking mode; Io::call() repeats a libssh2 call while
// it answers EAGAIN, polling the socket in the directions libssh2 asks for, until a deadline:
// that is how every SSH step gets its timeout (libssh2 1.10's own blocking timeout counts in
// whole seconds of wall-clock time).
#pragma once

#include <libssh2.h>
#include <libssh2_sftp.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "transport/session.hpp"

namespace rosgen::transport::detail {

using Clock = std::chrono::steady_clock;

// Calls libssh2_init() once per process (thread-safe); throws Error(Handshake) if it fails.
void ensure_libssh2();

// A file descriptor closed on destruction.
class Socket {
 public:
  Socket() = default;

  explicit Socket(int fd) : fd_(fd) {}

  ~Socket();

  Socket(Socket&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

  Socket& operator=(Socket&& other) noexcept;
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;

  int fd() const { return fd_; }

 private:
  int fd_ = -1;
};

// Frees a session after a bounded disconnect; frees channels, SFTP handles and SFTP sessions
// with the session briefly blocking (2 s at most) so that a dead peer cannot hang a destructor.
struct SessionDeleter {
  void operator()(LIBSSH2_SESSION* session) const;
};

struct ChannelDeleter {
  LIBSSH2_SESSION* session = nullptr;
  void operator()(LIBSSH2_CHANNEL* channel) const;
};

struct SftpDeleter {
  LIBSSH2_SESSION* session = nullptr;
  void operator()(LIBSSH2_SFTP* sftp) const;
};

struct SftpHandleDeleter {
  LIBSSH2_SESSION* session = nullptr;
  void operator()(LIBSSH2_SFTP_HANDLE* handle) const;
};

using SessionPtr = std::unique_ptr<LIBSSH2_SESSION, SessionDeleter>;
using ChannelPtr = std::unique_ptr<LIBSSH2_CHANNEL, ChannelDeleter>;
using SftpPtr = std::unique_ptr<LIBSSH2_SFTP, SftpDeleter>;
using SftpHandlePtr = std::unique_ptr<LIBSSH2_SFTP_HANDLE, SftpHandleDeleter>;

// Waiting on one non-blocking libssh2 session. `endpoint` ("host:port") prefixes messages.
class Io {
 public:
  Io(LIBSSH2_SESSION* session, int fd, std::string endpoint)
      : session_(session), fd_(fd), endpoint_(std::move(endpoint)) {}

  LIBSSH2_SESSION* session() const { return session_; }

  const std::string& endpoint() const { return endpoint_; }

  // Calls `f` (returning a libssh2 code, or a byte count for reads and writes) until it
  // stops answering EAGAIN; returns its result. Throws Error(Timeout) naming `step` when
  // `timeout` passes first.
  template <class F>
  auto call(F&& f, std::chrono::seconds timeout, std::string_view step) -> decltype(f()) {
    Clock::time_point deadline = Clock::now() + timeout;
    for (;;) {
      auto rc = f();
      if (rc != LIBSSH2_ERROR_EAGAIN) {
        return rc;
      }
      wait(deadline, timeout, step);
    }
  }

  // The same for calls that return a pointer (nullptr + EAGAIN means "again").
  template <class T, class F>
  T* call_ptr(F&& f, std::chrono::seconds timeout, std::string_view step) {
    Clock::time_point deadline = Clock::now() + timeout;
    for (;;) {
      T* p = f();
      if (p != nullptr || libssh2_session_last_errno(session_) != LIBSSH2_ERROR_EAGAIN) {
        return p;
      }
      wait(deadline, timeout, step);
    }
  }

  // Polls the socket in the directions libssh2 is blocked on, until it is ready or
  // `deadline`; after it, shuts the socket down (the session cannot go on from a step
  // abandoned half-way) and throws Error(Timeout) "<endpoint>: <step>: no answer within N s".
  // While an interrupt flag is set (set_interrupt), polls in slices of 0.1 s and, once the
  // flag is true, shuts the socket down the same way and throws Interrupted.
  void wait(Clock::time_point deadline, std::chrono::seconds timeout, std::string_view step);

  // The flag wait() checks; nullptr: none.
  void set_interrupt(const std::atomic<bool>* flag) { interrupt_ = flag; }

  // libssh2's text for its last error ("" when none), for the "why" part of messages.
  std::string last_error() const;

 private:
  LIBSSH2_SESSION* session_;
  int fd_;
  std::string endpoint_;
  const std::atomic<bool>* interrupt_ = nullptr;
};

// "N s" for messages.
std::string seconds_text(std::chrono::seconds s);

}  // namespace rosgen::transport::detail
