// Session: connect, handshake, host key, login, exec and SFTP (session.hpp).
#include "transport/session.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>

#include "transport/auth.hpp"
#include "transport/command_output.hpp"
#include "transport/known_hosts.hpp"
#include "transport/net.hpp"
#include "transport/ssh_io.hpp"

namespace rosgen::transport {

using namespace detail;

namespace {

// Output beyond this is refused: an export of 40,000 rules is a few MiB.
constexpr std::size_t kMaxOutput = 256u << 20;

std::string local_user() {
  if (const passwd* pw = ::getpwuid(::geteuid()); pw != nullptr) {
    return pw->pw_name;
  }
  const char* user = std::getenv("USER");
  return user != nullptr ? user : "";
}

Error handshake_error(Io& io, int rc, int port) {
  std::string why = io.last_error();
  std::string prefix = "ssh " + io.endpoint() + ": SSH handshake failed: ";
  switch (rc) {
    case LIBSSH2_ERROR_KEX_FAILURE:
    case LIBSSH2_ERROR_KEY_EXCHANGE_FAILURE:
    case LIBSSH2_ERROR_HOSTKEY_INIT:
    case LIBSSH2_ERROR_METHOD_NOT_SUPPORTED:
      return Error(ErrorKind::Handshake,
                   prefix +
                       "no key exchange, host key or cipher algorithm in common with "
                       "libssh2 1.10 (" +
                       why +
                       "); a router with an RSA host key must allow 'ssh-rsa' host keys, or "
                       "use an ed25519 host key (RouterOS 7.9+: /ip ssh set "
                       "host-key-type=ed25519)");
    case LIBSSH2_ERROR_BANNER_RECV:
    case LIBSSH2_ERROR_SOCKET_DISCONNECT:
    case LIBSSH2_ERROR_SOCKET_RECV:
    case LIBSSH2_ERROR_SOCKET_SEND:
      return Error(ErrorKind::Handshake,
                   prefix + "the server closed the connection (" + why + "); is port " +
                       std::to_string(port) +
                       " an SSH server? (a router may also refuse logins for a while after "
                       "failed ones)");
    default:
      return Error(ErrorKind::Handshake, prefix + why);
  }
}

// Allowed upload names: a plain file name RouterOS will not execute on arrival.
bool valid_upload_name(std::string_view name) {
  if (name.empty() || name.front() == '.' || name.size() > 100) {
    return false;
  }
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') {
      return false;
    }
  }
  std::string lower;
  for (char c : name) {
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return !lower.ends_with(".auto.rsc");  // executed on upload (reference §5)
}

std::string sftp_status_text(unsigned long status) {
  switch (status) {
    case LIBSSH2_FX_NO_SUCH_FILE:
    case LIBSSH2_FX_NO_SUCH_PATH:
      return "no such file or directory";
    case LIBSSH2_FX_PERMISSION_DENIED:
    case LIBSSH2_FX_WRITE_PROTECT:
      return "permission denied";
    case LIBSSH2_FX_FILE_ALREADY_EXISTS:
      return "the file exists already";
    case LIBSSH2_FX_NO_SPACE_ON_FILESYSTEM:
    case LIBSSH2_FX_QUOTA_EXCEEDED:
      return "no space left on the router";
    default:
      return "SFTP status " + std::to_string(status);
  }
}

}  // namespace

struct Session::Impl {
  Options options;
  std::string host;  // without brackets
  std::string endpoint;
  std::string user;
  std::string fingerprint;
  // Declaration order is destruction order reversed: SFTP, then the session, then the socket.
  Socket socket;
  SessionPtr session;
  SftpPtr sftp;
  std::unique_ptr<Io> io;
  std::optional<std::string> upload_dir;  // "flash/" or "", once looked up
  std::uint64_t round_trips = 0;
  bool broken = false;

  void ensure_usable() const {
    if (broken) {
      throw Error(ErrorKind::Channel, "ssh " + endpoint +
                                          ": the connection failed earlier in this session; "
                                          "open a new one");
    }
  }

  // Runs `body`; a transport failure inside it leaves the session unusable.
  template <class F>
  auto guarded(F&& body) -> decltype(body()) {
    ensure_usable();
    try {
      return body();
    } catch (const Error& e) {
      broken = broken || e.kind() != ErrorKind::Usage;
      throw;
    } catch (const Interrupted&) {
      broken = true;  // the step was abandoned half-way
      throw;
    }
  }

  Error lost(std::string_view what, long long rc) const {
    std::string why = io->last_error();
    return Error(ErrorKind::Channel,
                 "ssh " + endpoint + ": " + std::string(what) +
                     " failed: " + (why.empty() ? "libssh2 error " + std::to_string(rc) : why) +
                     "; the connection may have dropped");
  }

  Error sftp_error(std::string_view what) const {
    std::string why = io->last_error();
    if (libssh2_session_last_errno(session.get()) == LIBSSH2_ERROR_SFTP_PROTOCOL && sftp) {
      why = sftp_status_text(libssh2_sftp_last_error(sftp.get()));
    }
    return Error(ErrorKind::Sftp, "ssh " + endpoint + ": SFTP: " + std::string(what) + ": " + why);
  }

  void ensure_sftp() {
    if (sftp) {
      return;
    }
    LIBSSH2_SFTP* handle = io->call_ptr<LIBSSH2_SFTP>(
        [&] { return libssh2_sftp_init(session.get()); }, options.step_timeout, "starting SFTP");
    if (handle == nullptr) {
      throw Error(ErrorKind::Sftp, "ssh " + endpoint + ": the server refused SFTP (" +
                                       io->last_error() +
                                       "); the user may lack file access on the router");
    }
    sftp = SftpPtr(handle, SftpDeleter{session.get()});
  }

  // "flash/" when the router has that directory (files there survive a reboot, §5.1).
  const std::string& directory_for_uploads() {
    if (!upload_dir) {
      LIBSSH2_SFTP_ATTRIBUTES attrs{};
      int rc = io->call(
          [&] { return libssh2_sftp_stat_ex(sftp.get(), "flash", 5, LIBSSH2_SFTP_STAT, &attrs); },
          options.step_timeout, "looking for flash/");
      bool dir = rc == 0 && ((attrs.flags & LIBSSH2_SFTP_ATTR_PERMISSIONS) == 0 ||
                             LIBSSH2_SFTP_S_ISDIR(attrs.permissions));
      upload_dir = dir ? "flash/" : "";
    }
    return *upload_dir;
  }
};

std::string endpoint_of(const Options& options) {
  return endpoint_text(options.host, options.port);
}

Session::Session(const Options& options) : impl_(std::make_unique<Impl>()) {
  Impl& s = *impl_;
  s.options = options;
  s.host = strip_brackets(options.host);
  s.endpoint = endpoint_text(s.host, options.port);
  if (s.host.empty()) {
    throw Error(ErrorKind::Usage, "ssh: no host given");
  }
  if (options.port < 1 || options.port > 65535) {
    throw Error(ErrorKind::Usage, "ssh " + s.host + ": port " + std::to_string(options.port) +
                                      " is not between 1 and 65535");
  }
  s.user = options.user.empty() ? local_user() : options.user;
  if (options.interrupt != nullptr && options.interrupt->load()) {
    throw Interrupted("ssh " + s.endpoint + ": interrupted before connecting");
  }
  ensure_libssh2();
  s.socket =
      connect_tcp(s.host, options.port, options.connect_timeout, s.endpoint, options.interrupt);
  s.session = SessionPtr(libssh2_session_init());
  if (!s.session) {
    throw Error(ErrorKind::Handshake, "ssh " + s.endpoint + ": libssh2 could not start a session");
  }
  libssh2_session_set_blocking(s.session.get(), 0);
  s.io = std::make_unique<Io>(s.session.get(), s.socket.fd(), s.endpoint);
  s.io->set_interrupt(options.interrupt);
  int rc = s.io->call([&] { return libssh2_session_handshake(s.session.get(), s.socket.fd()); },
                      options.step_timeout, "SSH handshake (the server's banner and key exchange)");
  if (rc != 0) {
    throw handshake_error(*s.io, rc, options.port);
  }
  std::filesystem::path known_hosts =
      options.known_hosts.empty() ? default_known_hosts() : options.known_hosts;
  HostKey key = check_host_key(*s.io, known_hosts, s.host, options);
  s.fingerprint = key.fingerprint;
  if (key.recorded && options.notice) {
    options.notice("recorded the " + key.type + " host key " + key.fingerprint + " of " + key.name +
                   " in " + known_hosts.string());
  }
  authenticate(*s.io, options, s.user);
}

void Session::set_interruptible(bool on) {
  impl_->io->set_interrupt(on ? impl_->options.interrupt : nullptr);
}

Session::~Session() = default;
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;

CommandResult Session::run(std::string_view command,
                           std::optional<std::chrono::seconds> idle_timeout) {
  Impl& s = *impl_;
  if (command.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos) {
    throw Error(ErrorKind::Usage, "ssh " + s.endpoint + ": '" + command_head(command) +
                                      "' is not a single line; RouterOS runs one command line "
                                      "per exec channel (upload a script and /import it)");
  }
  return s.guarded([&] {
    std::chrono::seconds step = s.options.step_timeout;
    std::chrono::seconds idle = idle_timeout.value_or(step);
    std::string head = "'" + command_head(command) + "'";
    std::string sentinel = new_sentinel();
    std::string line = with_sentinel(command, sentinel);
    LIBSSH2_SESSION* session = s.session.get();
    ++s.round_trips;
    ChannelPtr channel(
        s.io->call_ptr<LIBSSH2_CHANNEL>([&] { return libssh2_channel_open_session(session); }, step,
                                        "opening an exec channel for " + head),
        ChannelDeleter{session});
    if (!channel) {
      throw s.lost("opening an exec channel for " + head, libssh2_session_last_errno(session));
    }
    int rc = s.io->call([&] { return libssh2_channel_exec(channel.get(), line.c_str()); }, step,
                        "starting " + head);
    if (rc != 0) {
      throw s.lost("starting " + head, rc);
    }
    // Both streams are drained together: a full stderr must not stall stdout (or back).
    std::string out;
    std::string err;
    char buffer[32768];
    Clock::time_point deadline = Clock::now() + idle;
    bool eof_seen = false;
    for (;;) {
      bool progress = false;
      for (int stream : {0, SSH_EXTENDED_DATA_STDERR}) {
        for (;;) {
          ssize_t n = libssh2_channel_read_ex(channel.get(), stream, buffer, sizeof buffer);
          if (n > 0) {
            (stream == 0 ? out : err).append(buffer, static_cast<std::size_t>(n));
            progress = true;
            if (out.size() + err.size() > kMaxOutput) {
              throw Error(ErrorKind::Channel, "ssh " + s.endpoint + ": the output of " + head +
                                                  " exceeds 256 MiB; refused");
            }
            continue;
          }
          if (n == 0 || n == LIBSSH2_ERROR_EAGAIN) {
            break;
          }
          throw s.lost("reading the output of " + head, n);
        }
      }
      if (progress) {
        deadline = Clock::now() + idle;
        continue;
      }
      if (eof_seen) {
        break;  // a last pass after EOF found nothing more
      }
      if (libssh2_channel_eof(channel.get()) != 0) {
        eof_seen = true;
        continue;
      }
      s.io->wait(deadline, idle, "waiting for the output of " + head);
    }
    CommandResult result;
    result.command = std::string(command);
    try {  // the output is complete; a failure to close only spoils later commands
      s.io->call([&] { return libssh2_channel_close(channel.get()); }, step, "closing " + head);
      s.io->call([&] { return libssh2_channel_wait_closed(channel.get()); }, step,
                 "closing " + head);
    } catch (const Error&) {
      s.broken = true;
    }
    result.exit_status = libssh2_channel_get_exit_status(channel.get());
    finish_result(result, out, err, sentinel);
    return result;
  });
}

CommandResult Session::run_checked(std::string_view command,
                                   std::optional<std::chrono::seconds> idle_timeout) {
  CommandResult result = run(command, idle_timeout);
  if (result.ok()) {
    return result;
  }
  std::string why = !result.error.empty() ? "RouterOS says: " + result.error
                    : !result.completed
                        ? "it did not run to its end (no completion marker in its output)"
                        : "it exited with status " + std::to_string(result.exit_status);
  throw Error(ErrorKind::Command,
              "ssh " + impl_->endpoint + ": '" + command_head(command) + "' failed: " + why);
}

std::string Session::upload(std::string_view bytes, std::string_view name) {
  Impl& s = *impl_;
  if (!valid_upload_name(name)) {
    throw Error(ErrorKind::Usage, "ssh " + s.endpoint + ": '" + command_head(name) +
                                      "' is not an upload name rosgen uses (letters, digits, "
                                      "'.', '_', '-'; never *.auto.rsc, which RouterOS runs)");
  }
  return s.guarded([&] {
    std::chrono::seconds step = s.options.step_timeout;
    ++s.round_trips;
    s.ensure_sftp();
    std::string path = s.directory_for_uploads() + "rosgen-" +
                       new_sentinel().substr(std::string_view("rosgen-done-").size(), 8) + "-" +
                       std::string(name);
    LIBSSH2_SFTP_HANDLE* raw = s.io->call_ptr<LIBSSH2_SFTP_HANDLE>(
        [&] {
          return libssh2_sftp_open_ex(s.sftp.get(), path.data(), static_cast<unsigned>(path.size()),
                                      LIBSSH2_FXF_WRITE | LIBSSH2_FXF_CREAT | LIBSSH2_FXF_EXCL,
                                      0644, LIBSSH2_SFTP_OPENFILE);
        },
        step, "creating " + path);
    if (raw == nullptr) {
      throw s.sftp_error("cannot create " + path);
    }
    SftpHandlePtr handle(raw, SftpHandleDeleter{s.session.get()});
    std::string_view left = bytes;
    while (!left.empty()) {
      ssize_t n = s.io->call(
          [&] {
            return libssh2_sftp_write(handle.get(), left.data(),
                                      std::min<std::size_t>(left.size(), 65536));
          },
          step, "writing " + path);
      if (n <= 0) {
        throw s.sftp_error("cannot write " + path);
      }
      left.remove_prefix(static_cast<std::size_t>(n));
    }
    LIBSSH2_SFTP_HANDLE* closing = handle.release();  // freed by libssh2 once closed
    if (s.io->call([&] { return libssh2_sftp_close_handle(closing); }, step, "closing " + path) !=
        0) {
      throw s.sftp_error("cannot finish " + path);
    }
    LIBSSH2_SFTP_ATTRIBUTES attrs{};
    int rc = s.io->call(
        [&] {
          return libssh2_sftp_stat_ex(s.sftp.get(), path.data(), static_cast<unsigned>(path.size()),
                                      LIBSSH2_SFTP_STAT, &attrs);
        },
        step, "checking " + path);
    if (rc != 0) {
      throw s.sftp_error("cannot check " + path);
    }
    if ((attrs.flags & LIBSSH2_SFTP_ATTR_SIZE) != 0 && attrs.filesize != bytes.size()) {
      throw Error(ErrorKind::Sftp, "ssh " + s.endpoint + ": SFTP: " + path + " holds " +
                                       std::to_string(attrs.filesize) + " bytes, not " +
                                       std::to_string(bytes.size()) +
                                       "; is the router's disk full?");
    }
    return path;
  });
}

void Session::remove_file(std::string_view path) {
  Impl& s = *impl_;
  s.guarded([&] {
    ++s.round_trips;
    s.ensure_sftp();
    std::string file(path);
    int rc = s.io->call(
        [&] {
          return libssh2_sftp_unlink_ex(s.sftp.get(), file.data(),
                                        static_cast<unsigned>(file.size()));
        },
        s.options.step_timeout, "removing " + file);
    if (rc != 0) {
      throw s.sftp_error("cannot remove " + file);
    }
  });
}

std::uint64_t Session::round_trips() const {
  return impl_->round_trips;
}

const std::string& Session::host_key_fingerprint() const {
  return impl_->fingerprint;
}

const std::string& Session::endpoint() const {
  return impl_->endpoint;
}

}  // namespace rosgen::transport
