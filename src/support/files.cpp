// Input files: regular files only, size-checked before reading, read whole or not at all.
// Output files: temporary file + fsync + rename for regular files (mode and owner kept,
// symlinks followed), direct writes for devices and FIFOs, refusal for the rest and for
// the run's own inputs.
#include "support/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <new>

#include "support/errors.hpp"

namespace rosgen::support {

namespace fs = std::filesystem;

namespace {

// POSIX allows 8 hops at least; Linux follows 40. The same as Linux.
constexpr int kMaxSymlinkHops = 40;

std::string errno_text(int error) {
  return std::strerror(error);
}

// "a FIFO", "a directory", ... for messages about a file of the wrong kind.
std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode))
    return "a directory";
  if (S_ISFIFO(mode))
    return "a FIFO";
  if (S_ISCHR(mode))
    return "a character device";
  if (S_ISBLK(mode))
    return "a block device";
  if (S_ISSOCK(mode))
    return "a socket";
  if (S_ISLNK(mode))
    return "a symbolic link";
  return "not a regular file";
}

FileIdentity identity_of(const struct stat& st) {
  return {static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)};
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}

  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;

  ~Fd() {
    if (fd_ >= 0)
      ::close(fd_);
  }

  int get() const { return fd_; }

  // Closes now and reports close's result (a deferred write error shows up here).
  int close() {
    int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  int fd_;
};

// Reads until EOF into `text`, which already holds `size` reserved bytes. Returns 0 or
// an errno value; throws IoError on out of memory or when the file grows past the limit.
int read_all(int fd, const std::string& path, std::string& text, std::size_t size) {
  std::size_t have = 0;
  while (true) {
    if (have == text.size()) {
      if (text.size() >= kMaxInputBytes)
        throw IoError("cannot read '" + path + "': it grew past the 256 MiB limit for input files");
      try {
        text.resize(std::max<std::size_t>(text.size() + 65536, size));
      } catch (const std::bad_alloc&) {
        throw IoError("cannot read '" + path + "': out of memory");
      }
    }
    ssize_t n = ::read(fd, text.data() + have, text.size() - have);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return errno;
    }
    if (n == 0)
      break;
    have += static_cast<std::size_t>(n);
  }
  text.resize(have);
  return 0;
}

void write_all(int fd, const std::string& contents, const std::string& name) {
  const char* p = contents.data();
  std::size_t left = contents.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      throw IoError("cannot write '" + name + "': " + errno_text(errno));
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

// Follows `path` through symlinks to the name of the file finally named (which may not
// exist). Sets *st and returns true when that file exists.
bool resolve_output(const std::string& path, std::string& target, struct stat& st) {
  target = path;
  for (int hops = 0;; ++hops) {
    if (::lstat(target.c_str(), &st) != 0) {
      if (errno == ENOENT || errno == ENOTDIR)
        return false;  // the directory part is reported when the temporary file is made
      throw IoError("cannot write '" + path + "': " + errno_text(errno));
    }
    if (!S_ISLNK(st.st_mode))
      return true;
    if (hops >= kMaxSymlinkHops)
      throw IoError("cannot write '" + path + "': " + errno_text(ELOOP));
    std::error_code ec;
    fs::path link = fs::read_symlink(target, ec);
    if (ec)
      throw IoError("cannot write '" + path + "': " + ec.message());
    target = link.is_absolute() ? link.string() : (fs::path(target).parent_path() / link).string();
  }
}

// ---- removing the temporary file when a signal ends the process (issue 7 review) ----
// Only what a signal handler may touch: a static path buffer and a flag; the handler
// calls only unlink, sigaction and raise, all async-signal-safe (POSIX.1-2017 2.4.3).
constexpr std::array<int, 4> kFatalSignals = {SIGTERM, SIGINT, SIGHUP, SIGQUIT};
char g_temporary_path[4096];
volatile std::sig_atomic_t g_temporary_registered = 0;

extern "C" void remove_temporary_and_die(int signal) {
  if (g_temporary_registered != 0)
    ::unlink(g_temporary_path);
  g_temporary_registered = 0;

  struct sigaction default_action {};

  default_action.sa_handler = SIG_DFL;
  sigemptyset(&default_action.sa_mask);
  ::sigaction(signal, &default_action, nullptr);
  // Blocked while the handler runs: delivered, with the default action, when it returns.
  ::raise(signal);
}

sigset_t fatal_signal_set() {
  sigset_t set;
  sigemptyset(&set);
  for (int signal : kFatalSignals) sigaddset(&set, signal);
  return set;
}

// Blocks kFatalSignals for its lifetime (restoring the previous mask): no signal can end
// the process between creating a temporary file and registering it for removal.
class FatalSignalsBlocked {
 public:
  FatalSignalsBlocked() {
    sigset_t set = fatal_signal_set();
    ::sigprocmask(SIG_BLOCK, &set, &previous_);
  }

  FatalSignalsBlocked(const FatalSignalsBlocked&) = delete;
  FatalSignalsBlocked& operator=(const FatalSignalsBlocked&) = delete;

  ~FatalSignalsBlocked() { ::sigprocmask(SIG_SETMASK, &previous_, nullptr); }

 private:
  sigset_t previous_;
};

// The process's umask (read by setting and restoring it: rosgen is single-threaded).
mode_t current_umask() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}

void write_atomically(const std::string& shown, const std::string& target,
                      const std::string& contents, const struct stat* existing) {
  fs::path target_path(target);
  fs::path dir = target_path.parent_path();
  if (dir.empty())
    dir = ".";
  std::string tmp = (dir / ("." + target_path.filename().string() + ".rosgen-XXXXXX")).string();
  std::optional<FatalSignalsBlocked> blocked(std::in_place);
  Fd fd(::mkstemp(tmp.data()));
  if (fd.get() < 0) {
    throw IoError("cannot create a temporary file in '" + dir.string() + "': " + errno_text(errno));
  }
  // Killed (SIGTERM, SIGINT, SIGHUP, SIGQUIT) before the rename, the process removes the
  // temporary file first; a write past 'ulimit -f' fails (SIGXFSZ is ignored, main.cpp)
  // and the catch below removes it.
  RemoveOnFatalSignal cleanup(tmp);
  blocked.reset();  // a signal that came meanwhile is delivered now
  try {
    write_all(fd.get(), contents, shown);  // messages name the file asked for, not the temporary
    // The owner first: changing it may clear set-id bits that fchmod then restores.
    if (existing != nullptr)
      (void)::fchown(fd.get(), existing->st_uid, existing->st_gid);  // best effort
    // An existing file keeps its permission bits but not set-user-ID or set-group-ID
    // (a rules file gains nothing from them, and a copy must not grant more); a new file
    // gets 0666 less the umask, as the shell's > would.
    mode_t mode = existing != nullptr ? (existing->st_mode & 01777) : (0666 & ~current_umask());
    if (::fchmod(fd.get(), mode) != 0 || ::fsync(fd.get()) != 0)
      throw IoError("cannot write '" + shown + "': " + errno_text(errno));
    if (fd.close() != 0)
      throw IoError("cannot write '" + shown + "': " + errno_text(errno));
    if (::rename(tmp.c_str(), target.c_str()) != 0)
      throw IoError("cannot write '" + shown + "': " + errno_text(errno));
  } catch (...) {
    ::unlink(tmp.c_str());
    throw;
  }
  // Make the rename itself durable; a directory that cannot be synced is not an error.
  Fd dir_fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir_fd.get() >= 0)
    (void)::fsync(dir_fd.get());
}

void write_directly(const std::string& shown, const std::string& target,
                    const std::string& contents) {
  // No O_TRUNC and no O_CREAT: the node is written to, never replaced or created.
  Fd fd(::open(target.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0)
    throw IoError("cannot write '" + shown + "': " + errno_text(errno));
  write_all(fd.get(), contents, shown);
  if (fd.close() != 0)
    throw IoError("cannot write '" + shown + "': " + errno_text(errno));
}

}  // namespace

RemoveOnFatalSignal::RemoveOnFatalSignal(const std::string& path) {
  if (path.size() >= sizeof g_temporary_path || g_temporary_registered != 0)
    return;  // best effort: a name this long, or a second file, is not registered
  FatalSignalsBlocked blocked;
  std::memcpy(g_temporary_path, path.c_str(), path.size() + 1);
  g_temporary_registered = 1;

  struct sigaction action {};

  action.sa_handler = remove_temporary_and_die;
  action.sa_mask = fatal_signal_set();  // one handler at a time
  for (std::size_t i = 0; i < kFatalSignals.size(); ++i) {
    ::sigaction(kFatalSignals[i], nullptr, &previous_[i]);
    // A signal the process ignores (nohup's SIGHUP) stays ignored.
    if (previous_[i].sa_handler != SIG_IGN)
      ::sigaction(kFatalSignals[i], &action, nullptr);
  }
  active_ = true;
}

RemoveOnFatalSignal::~RemoveOnFatalSignal() {
  if (!active_)
    return;
  FatalSignalsBlocked blocked;
  g_temporary_registered = 0;
  for (std::size_t i = 0; i < kFatalSignals.size(); ++i)
    ::sigaction(kFatalSignals[i], &previous_[i], nullptr);
}

std::optional<FileContents> read_input_file(const std::string& path, std::string* reason) {
  auto fail = [&](std::string why) -> std::optional<FileContents> {
    if (reason)
      *reason = std::move(why);
    return std::nullopt;
  };
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (fd.get() < 0)
    return fail(errno_text(errno));

  struct stat st {};

  if (::fstat(fd.get(), &st) != 0)
    return fail(errno_text(errno));
  if (S_ISDIR(st.st_mode))
    return fail("is a directory");
  if (!S_ISREG(st.st_mode))
    return fail("is " + kind_of(st.st_mode) + ", not a regular file");
  auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > kMaxInputBytes) {
    return fail("is larger than the 256 MiB limit for input files (" + std::to_string(size) +
                " bytes)");
  }
  FileContents out;
  out.identity = identity_of(st);
  try {
    out.text.reserve(static_cast<std::size_t>(size) + 1);
  } catch (const std::bad_alloc&) {
    throw IoError("cannot read '" + path + "': out of memory (" + std::to_string(size) + " bytes)");
  }
  if (int error = read_all(fd.get(), path, out.text, static_cast<std::size_t>(size) + 1))
    return fail(errno_text(error));
  return out;
}

std::shared_ptr<const SourceFile> open_source_file(const std::string& path,
                                                   std::vector<InputFile>* inputs) {
  std::string reason;
  std::optional<FileContents> contents = read_input_file(path, &reason);
  if (!contents)
    throw IoError("cannot open '" + path + "': " + reason);
  if (inputs != nullptr)
    inputs->push_back({path, contents->identity});
  return std::make_shared<const SourceFile>(path, std::move(contents->text));
}

std::optional<std::string> read_file(const std::string& path, std::string* reason) {
  auto contents = read_input_file(path, reason);
  if (!contents)
    return std::nullopt;
  return std::move(contents->text);
}

std::optional<FileIdentity> file_identity(const std::string& path) {
  struct stat st {};

  if (::stat(path.c_str(), &st) != 0)
    return std::nullopt;
  return identity_of(st);
}

void write_output_file(const std::string& path, const std::string& contents,
                       const std::vector<InputFile>& inputs) {
  std::string target;

  struct stat st {};

  // What the path finally names, through every link the kernel follows, including the
  // magic links of /dev/fd/N and /proc/self/fd/N that name pipes (bash's -o >(...)).
  // Those cannot be resolved by name, so a node that is not a regular file is written
  // through the path itself.
  struct stat followed {};

  if (::stat(path.c_str(), &followed) == 0 && !S_ISREG(followed.st_mode) &&
      !S_ISDIR(followed.st_mode)) {
    for (const InputFile& input : inputs) {
      if (input.identity == identity_of(followed))
        throw IoError("refusing to write '" + path + "': it is an input of this run");
    }
    if (S_ISCHR(followed.st_mode) || S_ISBLK(followed.st_mode) || S_ISFIFO(followed.st_mode)) {
      write_directly(path, path, contents);
      return;
    }
    throw IoError("cannot write '" + path + "': it is " + kind_of(followed.st_mode) +
                  " (-o takes a file, a device or a FIFO)");
  }
  bool exists = resolve_output(path, target, st);
  if (!exists) {
    write_atomically(path, target, contents, nullptr);
    return;
  }
  for (const InputFile& input : inputs) {
    if (input.identity == identity_of(st)) {
      std::string which = input.name == path ? "" : "'" + input.name + "', ";
      throw IoError("refusing to write '" + path + "': it is " + which +
                    "an input of this run (nothing was written)");
    }
  }
  if (S_ISREG(st.st_mode)) {
    // The rename needs only the directory's permission; refuse, as the shell's > would,
    // a file this process may not write (0444, or another user's), and write nothing.
    if (::faccessat(AT_FDCWD, target.c_str(), W_OK, AT_EACCESS) != 0)
      throw IoError("cannot write '" + path + "': " + errno_text(errno));
    write_atomically(path, target, contents, &st);
  } else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) || S_ISFIFO(st.st_mode)) {
    write_directly(path, target, contents);
  } else {
    throw IoError("cannot write '" + path + "': it is " + kind_of(st.st_mode) +
                  " (-o takes a file, a device or a FIFO)");
  }
}

void write_file_atomically(const std::string& path, const std::string& contents) {
  write_output_file(path, contents);
}

}  // namespace rosgen::support
