// libssh2 RAII handles and the socket wait behind every SSH step's timeout (ssh_io.hpp).
#include "transport/ssh_io.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>

namespace rosgen::transport::detail {

namespace {

// Library state for the whole process: libssh2_init() is not thread-safe, a function-local
// static is.
struct Library {
  int rc;

  Library() : rc(libssh2_init(0)) {}

  ~Library() {
    if (rc == 0) {
      libssh2_exit();
    }
  }
};

// Makes `session` blocking with a short timeout while a handle is freed: freeing may need
// to exchange messages, and a destructor must neither spin on EAGAIN nor wait for long.
class BlockingBriefly {
 public:
  explicit BlockingBriefly(LIBSSH2_SESSION* session) : session_(session) {
    if (session_ != nullptr) {
      libssh2_session_set_timeout(session_, 2000);
      libssh2_session_set_blocking(session_, 1);
    }
  }

  ~BlockingBriefly() {
    if (session_ != nullptr) {
      libssh2_session_set_blocking(session_, 0);
      libssh2_session_set_timeout(session_, 0);
    }
  }

  BlockingBriefly(const BlockingBriefly&) = delete;
  BlockingBriefly& operator=(const BlockingBriefly&) = delete;

 private:
  LIBSSH2_SESSION* session_;
};

}  // namespace

void ensure_libssh2() {
  static Library library;
  if (library.rc != 0) {
    throw Error(ErrorKind::Handshake,
                "ssh: libssh2 could not be initialised (libssh2_init returned " +
                    std::to_string(library.rc) + ")");
  }
}

Socket::~Socket() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

Socket& Socket::operator=(Socket&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) {
      ::close(fd_);
    }
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

void SessionDeleter::operator()(LIBSSH2_SESSION* session) const {
  // Blocking (2 s at most) for both: in non-blocking mode libssh2_session_free may answer
  // EAGAIN and leave channels unfreed. Nothing touches the session afterwards.
  libssh2_session_set_timeout(session, 2000);
  libssh2_session_set_blocking(session, 1);
  libssh2_session_disconnect(session, "rosgen: done");
  libssh2_session_free(session);
}

void ChannelDeleter::operator()(LIBSSH2_CHANNEL* channel) const {
  BlockingBriefly blocking(session);
  libssh2_channel_free(channel);
}

void SftpDeleter::operator()(LIBSSH2_SFTP* sftp) const {
  BlockingBriefly blocking(session);
  libssh2_sftp_shutdown(sftp);
}

void SftpHandleDeleter::operator()(LIBSSH2_SFTP_HANDLE* handle) const {
  BlockingBriefly blocking(session);
  libssh2_sftp_close_handle(handle);
}

std::string seconds_text(std::chrono::seconds s) {
  return std::to_string(s.count()) + " s";
}

void Io::wait(Clock::time_point deadline, std::chrono::seconds timeout, std::string_view step) {
  int directions = libssh2_session_block_directions(session_);
  short events = 0;
  if ((directions & LIBSSH2_SESSION_BLOCK_INBOUND) != 0) {
    events |= POLLIN;
  }
  if ((directions & LIBSSH2_SESSION_BLOCK_OUTBOUND) != 0) {
    events |= POLLOUT;
  }
  for (;;) {
    if (interrupt_ != nullptr && interrupt_->load()) {
      ::shutdown(fd_, SHUT_RDWR);  // abandoned half-way, as after a timeout
      throw Interrupted("ssh " + endpoint_ + ": interrupted while " + std::string(step));
    }
    Clock::time_point now = Clock::now();
    if (now >= deadline) {
      // The step was abandoned half-way, so the session is done for. Shutting the socket
      // down makes libssh2 see a dead link: freeing channels then waits for nobody.
      ::shutdown(fd_, SHUT_RDWR);
      throw Error(ErrorKind::Timeout, "ssh " + endpoint_ + ": " + std::string(step) +
                                          ": no answer within " + seconds_text(timeout) +
                                          "; the router or the link is down or slow (a "
                                          "slow router needs a longer timeout)");
    }
    auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count();
    // libssh2 names no direction only in odd states: look again soon rather than sleep.
    long long slice = interrupt_ != nullptr ? 100 : INT_MAX;
    int ms = events == 0 ? 10 : static_cast<int>(std::min<long long>(left, slice));
    pollfd pfd{fd_, events == 0 ? static_cast<short>(POLLIN) : events, 0};
    int rc = ::poll(&pfd, 1, ms);
    if (rc > 0 || events == 0) {
      return;  // ready (or closed: libssh2 reports that itself on the next call)
    }
    // rc == 0 (a slice or the deadline passed) or EINTR: look at the flag and the clock.
    if (rc < 0 && errno != EINTR) {
      return;  // let libssh2 meet the socket error on its next call
    }
  }
}

std::string Io::last_error() const {
  char* message = nullptr;
  int length = 0;
  libssh2_session_last_error(session_, &message, &length, 0);
  if (message == nullptr || length <= 0) {
    return "";
  }
  return std::string(message, static_cast<std::size_t>(length));
}

}  // namespace rosgen::transport::detail
