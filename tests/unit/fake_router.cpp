// The fake RouterOS test harness (see fake_router.hpp).
#include "fake_router.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace rosgen::test {

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool port_accepts(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

// Starts argv with stdout and stderr to `log` (appended); returns its pid.
pid_t spawn(const std::vector<std::string>& argv, const fs::path& log) {
  pid_t pid = ::fork();
  if (pid < 0)
    throw std::runtime_error("fake router: fork failed");
  if (pid == 0) {
    int null = ::open("/dev/null", O_RDONLY);
    int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    ::dup2(null, 0);
    ::dup2(out, 1);
    ::dup2(out, 2);
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  return pid;
}

void stop_pid(pid_t& pid) {
  if (pid <= 0)
    return;
  ::kill(pid, SIGTERM);
  for (int i = 0; i < 100; ++i) {
    if (::waitpid(pid, nullptr, WNOHANG) == pid) {
      pid = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  pid = -1;
}

// Keys are made once per test process (RSA key generation is slow) and copied into each
// router's directory; the cache directory goes when the process exits.
struct KeyCache {
  fs::path dir;

  KeyCache() {
    char name[] = "/tmp/rosgen-fake-keys-XXXXXX";
    if (::mkdtemp(name) == nullptr)
      throw std::runtime_error("fake router: mkdtemp failed");
    dir = name;
    for (const auto& [file, type] : {std::pair{"host_ed25519", "ed25519"},
                                     {"host_rsa", "rsa"},
                                     {"client_ed25519", "ed25519"},
                                     {"client_rsa", "rsa"}}) {
      ProcessResult made = run_process({"ssh-keygen", "-q", "-t", type, "-N", "", "-C",
                                        std::string("fake-") + file, "-f", (dir / file).string()});
      if (made.status != 0)
        throw std::runtime_error("fake router: ssh-keygen failed: " + made.err);
    }
  }

  ~KeyCache() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
};

const fs::path& key_cache() {
  static KeyCache cache;
  return cache.dir;
}

// Reaps the zombies that were reparented to this process (a subreaper, see the
// constructor): an sshd session process whose connection a fault dropped.
void reap_orphans() {
  for (const auto& entry : fs::directory_iterator("/proc")) {
    std::string name = entry.path().filename().string();
    if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit))
      continue;
    std::string stat = slurp(entry.path() / "stat");
    std::size_t close = stat.rfind(')');
    if (close == std::string::npos)
      continue;
    std::istringstream rest(stat.substr(close + 2));
    char state = 0;
    long parent = 0;
    rest >> state >> parent;
    if (state == 'Z' && parent == ::getpid())
      ::waitpid(static_cast<pid_t>(std::stol(name)), nullptr, WNOHANG);
  }
}

}  // namespace

std::uint16_t free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t size = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0)
    throw std::runtime_error("fake router: no free port on 127.0.0.1");
  ::close(fd);
  return ntohs(address.sin_port);
}

ProcessResult run_process(const std::vector<std::string>& argv) {
  char out_name[] = "/tmp/rosgen-fake-out-XXXXXX";
  char err_name[] = "/tmp/rosgen-fake-err-XXXXXX";
  int out = ::mkstemp(out_name);
  int err = ::mkstemp(err_name);
  pid_t pid = ::fork();
  if (pid == 0) {
    int null = ::open("/dev/null", O_RDONLY);
    ::dup2(null, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  ::close(out);
  ::close(err);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ProcessResult result;
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = slurp(out_name);
  result.err = slurp(err_name);
  ::unlink(out_name);
  ::unlink(err_name);
  return result;
}

FakeRouter::FakeRouter(FakeRouterOptions options) : options_(std::move(options)) {
  if (!fs::exists(options_.sshd))
    throw std::runtime_error("fake router: " + options_.sshd +
                             " not found: the SSH tests need OpenSSH's server "
                             "(apt-get install -y openssh-server)");
  char name[] = "/tmp/rosgen-fake-router-XXXXXX";
  if (::mkdtemp(name) == nullptr)
    throw std::runtime_error("fake router: mkdtemp failed");
  root_ = name;
  // sshd session processes orphaned by a dropped link come to this process, not to init
  // (which may not reap them in a container): stop() reaps them.
  ::prctl(PR_SET_CHILD_SUBREAPER, 1);
  passwd* me = ::getpwuid(::getuid());
  user_ = me != nullptr ? me->pw_name : "root";
  fs::create_directories(files_dir() / "flash");
  control("");
  for (const char* file : {"host_ed25519", "host_rsa", "client_ed25519", "client_rsa"}) {
    for (const std::string suffix : {"", ".pub"}) {
      fs::copy_file(key_cache() / (file + suffix), root_ / (file + suffix));
      fs::permissions(root_ / (file + suffix), fs::perms(suffix.empty() ? 0600 : 0644));
    }
  }
  std::ofstream(root_ / "authorized_keys")
      << slurp(root_ / "client_ed25519.pub") << slurp(root_ / "client_rsa.pub");
  // sshd (as root) refuses to start without its privilege separation directory, which
  // Debian creates at boot; a container may lack it.
  if (::getuid() == 0 && !fs::exists("/run/sshd")) {
    fs::create_directories("/run/sshd");
    fs::permissions("/run/sshd", fs::perms(0755));
  }
  start_sshd();
  std::ofstream known(known_hosts());
  for (const char* key : {"host_ed25519.pub", "host_rsa.pub"}) {
    std::istringstream fields(slurp(root_ / key));
    std::string type;
    std::string blob;
    fields >> type >> blob;
    known << "[127.0.0.1]:" << port_ << " " << type << " " << blob << "\n";
  }
  known.close();
  daemon_pid_ =
      spawn({ROSGEN_FAKE_ROUTEROS, "--daemon", device_dir().string()}, root_ / "daemon.log");
}

void FakeRouter::start_sshd() {
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = free_port();
    std::string algorithms = options_.ssh_rsa_only ? "ssh-rsa" : "+ssh-rsa";
    std::ofstream config(root_ / "sshd_config");
    config << "ListenAddress 127.0.0.1:" << port_ << "\n"
           << "HostKey " << (root_ / "host_ed25519").string() << "\n"
           << "HostKey " << (root_ / "host_rsa").string() << "\n"
           << "PidFile " << (root_ / "sshd.pid").string() << "\n"
           << "AuthorizedKeysFile " << (root_ / "authorized_keys").string() << "\n"
           << "StrictModes no\nUsePAM no\nPubkeyAuthentication yes\n"
           << "PasswordAuthentication no\nKbdInteractiveAuthentication no\n"
           << "PermitRootLogin prohibit-password\nPrintMotd no\nLogLevel INFO\n"
           << "MaxStartups 200\nMaxSessions 64\n"
           << "HostKeyAlgorithms " << algorithms << "\n"
           << "PubkeyAcceptedAlgorithms " << algorithms << "\n"
           << "ForceCommand " << ROSGEN_FAKE_ROUTEROS << " --device " << device_dir().string()
           << "\n"
           << "Subsystem sftp internal-sftp\n";
    config.close();
    sshd_pid_ = spawn({options_.sshd, "-D", "-e", "-f", (root_ / "sshd_config").string()},
                      root_ / "sshd.log");
    for (int i = 0; i < 250; ++i) {
      if (port_accepts(port_))
        return;
      if (::waitpid(sshd_pid_, nullptr, WNOHANG) == sshd_pid_) {
        sshd_pid_ = -1;
        break;  // exited: the port was taken, or the config is bad
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    stop_pid(sshd_pid_);
  }
  std::string log = slurp(root_ / "sshd.log");
  stop();
  throw std::runtime_error("fake router: sshd did not start: " + log);
}

FakeRouter::~FakeRouter() {
  stop();
  std::error_code ignored;
  if (!root_.empty() && std::getenv("ROSGEN_KEEP_FAKE_ROUTER") == nullptr)
    fs::remove_all(root_, ignored);
}

void FakeRouter::stop() {
  stop_pid(sshd_pid_);
  // Jobs are the daemon's children: give running ones a moment to end; the daemon kills
  // and reaps the rest when it stops.
  for (int i = 0; i < 100 && daemon_pid_ > 0 && !fake::running_jobs(device_dir()).empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  stop_pid(daemon_pid_);
  reap_orphans();
}

ProcessResult FakeRouter::ssh(const std::string& command, const fs::path& key) const {
  std::vector<std::string> argv = {"ssh",
                                   "-F",
                                   "/dev/null",
                                   "-p",
                                   std::to_string(port_),
                                   "-i",
                                   (key.empty() ? ed25519_key() : key).string(),
                                   "-o",
                                   "IdentitiesOnly=yes",
                                   "-o",
                                   "BatchMode=yes",
                                   "-o",
                                   "StrictHostKeyChecking=yes",
                                   "-o",
                                   "UserKnownHostsFile=" + known_hosts().string(),
                                   "-o",
                                   "ConnectTimeout=10",
                                   "-o",
                                   "LogLevel=ERROR",
                                   "-T",
                                   "-l",
                                   user_};
  if (options_.ssh_rsa_only) {
    argv.insert(argv.end(),
                {"-o", "HostKeyAlgorithms=ssh-rsa", "-o", "PubkeyAcceptedAlgorithms=ssh-rsa"});
  }
  argv.push_back(host());
  argv.push_back(command);
  return run_process(argv);
}

ProcessResult FakeRouter::sftp(const std::string& batch) const {
  fs::path file = root_ / "sftp-batch";
  std::ofstream(file) << batch;
  return run_process({"sftp", "-F", "/dev/null", "-P", std::to_string(port_), "-i",
                      ed25519_key().string(), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
                      "-o", "UserKnownHostsFile=" + known_hosts().string(), "-o", "LogLevel=ERROR",
                      "-b", file.string(), user_ + "@" + host()});
}

ProcessResult FakeRouter::upload(const fs::path& local, const std::string& remote) const {
  return sftp("put \"" + local.string() + "\" \"" + remote + "\"\n");
}

std::string FakeRouter::run_local(const std::string& command) const {
  return run_process({ROSGEN_FAKE_ROUTEROS, "--run", device_dir().string(), command}).out;
}

void FakeRouter::load(const fs::path& rsc) const {
  fs::copy_file(rsc, files_dir() / rsc.filename(), fs::copy_options::overwrite_existing);
  ProcessResult r = run_process({ROSGEN_FAKE_ROUTEROS, "--run", device_dir().string(),
                                 "/import file-name=" + rsc.filename().string()});
  fs::remove(files_dir() / rsc.filename());
  if (r.status != 0)
    throw std::runtime_error("fake router: loading " + rsc.string() + " failed: " + r.out + r.err);
}

routeros::RouterState FakeRouter::state() const {
  fake::DeviceLock lock(device_dir());
  return fake::Device::load(device_dir()).state;
}

std::vector<fake::Record> FakeRouter::scheduler() const {
  fake::DeviceLock lock(device_dir());
  return fake::Device::load(device_dir()).scheduler;
}

std::uint64_t FakeRouter::commands() const {
  return command_log().size();
}

std::vector<std::string> FakeRouter::command_log() const {
  std::vector<std::string> out;
  std::istringstream lines(slurp(device_dir() / "commands.log"));
  std::string line;
  while (std::getline(lines, line)) out.push_back(line.substr(line.find(' ') + 1));
  return out;
}

std::vector<std::string> FakeRouter::late_events() const {
  std::vector<std::string> out;
  std::istringstream lines(slurp(device_dir() / "late.log"));
  std::string line;
  while (std::getline(lines, line)) out.push_back(line);
  return out;
}

std::vector<std::string> FakeRouter::unmodeled() const {
  std::vector<std::string> out;
  std::istringstream lines(slurp(device_dir() / "unmodeled.log"));
  std::string line;
  while (std::getline(lines, line)) out.push_back(line);
  return out;
}

void FakeRouter::control(const std::string& lines) const {
  std::ofstream(device_dir() / "control.conf.tmp") << "version=" << options_.version << "\n"
                                                   << lines;
  fs::rename(device_dir() / "control.conf.tmp", device_dir() / "control.conf");
}

std::string FakeRouter::configuration() const {
  std::string out;
  std::istringstream in(export_terse());
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with("#"))
      out += line + "\n";
  }
  return out;
}

}  // namespace rosgen::test
