// The transport tests' sshd, ssh-agent and key material (transport_sshd.hpp).
#include "transport_sshd.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace rosgen::test {

namespace fs = std::filesystem;

namespace {

constexpr const char* kSshd = "/usr/sbin/sshd";
constexpr const char* kSftpServer = "/usr/lib/openssh/sftp-server";
// sha512-crypt of kPassword (openssl passwd -6 -salt rosgentestsalt), for the private shadow.
constexpr const char* kPasswordHash =
    "$6$rosgentestsalt$iCJd1yCiKwp2dHFUbMSBkQADIl0vwxkbNgc/jRyrLL/"
    "V7ZzTZYwJuiUbJ2Y.QS7luPqFSffRwSOwog5i1ygl4/";

fs::path make_temp_dir(const char* prefix) {
  std::string tmpl = (fs::temp_directory_path() / (std::string(prefix) + "-XXXXXX")).string();
  REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
  return tmpl;
}

// Starts argv with stdout and stderr appended to `log`; returns the pid.
pid_t spawn(const std::vector<std::string>& argv, const fs::path& log,
            const std::vector<std::string>& env = {}) {
  std::vector<std::string> env_text;
  for (char** e = environ; *e != nullptr; ++e) {
    env_text.emplace_back(*e);
  }
  env_text.insert(env_text.end(), env.begin(), env.end());
  std::vector<char*> envp;
  for (std::string& e : env_text) {
    envp.push_back(e.data());
  }
  envp.push_back(nullptr);
  std::vector<std::string> args = argv;
  std::vector<char*> cargs;
  for (std::string& a : args) {
    cargs.push_back(a.data());
  }
  cargs.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, cargs[0], &actions, nullptr, cargs.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE_MESSAGE(rc == 0, "cannot start " << argv[0] << ": " << std::strerror(rc));
  return pid;
}

// SIGTERM, then SIGKILL after 3 s; reaps the process.
void stop(pid_t pid) {
  if (pid <= 0) {
    return;
  }
  ::kill(pid, SIGTERM);
  for (int i = 0; i < 300; ++i) {
    if (::waitpid(pid, nullptr, WNOHANG) == pid) {
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
}

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t length = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length);
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool accepts(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

void keygen(const fs::path& path, const char* type, const char* passphrase = "") {
  std::vector<std::string> argv = {
      "ssh-keygen", "-q",         "-t", type,
      "-N",         passphrase,   "-C", "rosgen-test-" + path.filename().string(),
      "-f",         path.string()};
  if (std::string(type) == "rsa") {
    argv.insert(argv.begin() + 4, {"-b", "2048"});
  }
  REQUIRE_MESSAGE(run_program(argv) == 0, "ssh-keygen failed for " << path);
}

// Removes the shared key directory when the test process ends.
struct KeysHolder {
  SshKeys keys;

  ~KeysHolder() {
    std::error_code ec;
    fs::remove_all(keys.dir, ec);
  }
};

}  // namespace

const SshKeys& SshKeys::get() {
  if (!fs::exists(kSshd) || !fs::exists(kSftpServer)) {
    FAIL("the transport tests need OpenSSH's server (" << kSshd << ", " << kSftpServer
                                                       << "): apt-get install -y openssh-server");
  }
  static KeysHolder holder = [] {
    KeysHolder h;
    h.keys.dir = make_temp_dir("rosgen-ssh-keys");
    h.keys.host_ed25519 = h.keys.dir / "host_ed25519";
    h.keys.other_host = h.keys.dir / "other_host_ed25519";
    h.keys.host_ecdsa = h.keys.dir / "host_ecdsa";
    h.keys.host_rsa = h.keys.dir / "host_rsa";
    h.keys.user_ed25519 = h.keys.dir / "id_ed25519";
    h.keys.user_rsa = h.keys.dir / "id_rsa";
    h.keys.user_encrypted = h.keys.dir / "id_encrypted";
    h.keys.user_unknown = h.keys.dir / "id_unknown";
    keygen(h.keys.host_ed25519, "ed25519");
    keygen(h.keys.other_host, "ed25519");
    keygen(h.keys.host_ecdsa, "ecdsa");
    keygen(h.keys.host_rsa, "rsa");
    keygen(h.keys.user_ed25519, "ed25519");
    keygen(h.keys.user_rsa, "rsa");
    keygen(h.keys.user_encrypted, "ed25519", kEncryptedPassphrase);
    keygen(h.keys.user_unknown, "ed25519");
    return h;
  }();
  return holder.keys;
}

bool can_make_password_account() {
  return ::geteuid() == 0 &&
         run_program({"unshare", "--mount", "--propagation", "private", "--", "true"}) == 0;
}

TestSshd::TestSshd(SshdOptions options) {
  const SshKeys& keys = SshKeys::get();
  dir_ = make_temp_dir("rosgen-sshd");
  fs::permissions(dir_, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
  fs::path script = dir_ / "fake-routeros.sh";
  fs::copy_file(fs::path(ROSGEN_SOURCE_DIR) / "tests/unit/transport_fake_routeros.sh", script);
  fs::permissions(script, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
  fs::create_directories(options.flash_directory ? files() / "flash" : files());
  std::string authorized;
  for (const fs::path& key : {keys.user_ed25519, keys.user_rsa, keys.user_encrypted}) {
    authorized += file_text(key.string() + ".pub");
  }
  put_file(dir_ / "authorized_keys", authorized);
  port_ = free_port();

  std::ostringstream config;
  config << "Port " << port_ << "\nListenAddress 127.0.0.1\n"
         << (options.ipv6 ? "ListenAddress ::1\n" : "") << "HostKey "
         << (options.rsa_host_key ? keys.host_rsa : keys.host_ed25519).string()
         << "\nPidFile none\nAuthorizedKeysFile " << (dir_ / "authorized_keys").string()
         << "\nStrictModes no\nUsePAM no\nPubkeyAuthentication yes\n"
         << "PasswordAuthentication " << (options.password_user ? "yes" : "no")
         << "\nKbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\n"
         << "PermitEmptyPasswords no\nAllowTcpForwarding no\nX11Forwarding no\nPermitTTY no\n"
         << "MaxStartups 100\nLogLevel VERBOSE\n"
         << (options.allow_ssh_rsa
                 ? "PubkeyAcceptedAlgorithms +ssh-rsa\nHostKeyAlgorithms +ssh-rsa\n"
                 : "")
         << "ForceCommand " << script.string() << "\nSubsystem sftp " << kSftpServer << "\n";
  put_file(dir_ / "sshd_config", config.str());

  std::string exec_sshd =
      std::string("exec ") + kSshd + " -D -e -f " + (dir_ / "sshd_config").string();
  std::vector<std::string> argv = {kSshd, "-D", "-e", "-f", (dir_ / "sshd_config").string()};
  if (::geteuid() == 0) {
    // Root's sshd wants /run/sshd; a private tmpfs gives it one without touching the host.
    std::string script_text = "mount -t tmpfs -o mode=0755 tmpfs /run && mkdir /run/sshd && ";
    if (options.password_user) {
      uid_t uid = 64000;
      while (::getpwuid(uid) != nullptr) {
        ++uid;
      }
      fs::path home = dir_ / "home";
      fs::create_directories(home);
      fs::permissions(home, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                fs::perms::others_read | fs::perms::others_exec);
      std::string id = std::to_string(uid);
      put_file(dir_ / "passwd", file_text("/etc/passwd") + kPasswordUser + ":x:" + id + ":" + id +
                                    ":rosgen test:" + home.string() + ":/bin/sh\n");
      // Only the test account: no real password hash is copied anywhere.
      put_file(dir_ / "shadow",
               std::string(kPasswordUser) + ":" + kPasswordHash + ":19000:0:99999:7:::\n");
      ::chmod((dir_ / "passwd").c_str(), 0644);
      ::chmod((dir_ / "shadow").c_str(), 0600);
      script_text += "mount --bind " + (dir_ / "passwd").string() + " /etc/passwd && " +
                     "mount --bind " + (dir_ / "shadow").string() + " /etc/shadow && ";
    }
    argv = {"unshare", "--mount", "--propagation",        "private", "--",
            "/bin/sh", "-c",      script_text + exec_sshd};
  } else {
    REQUIRE_MESSAGE(!options.password_user, "a password account needs root");
  }
  pid_ = spawn(argv, dir_ / "sshd.log");
  for (int i = 0; i < 500; ++i) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      FAIL("sshd exited at start; its log:\n" << log());
    }
    if (accepts(port_)) {
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  FAIL("sshd did not listen on 127.0.0.1:" << port_ << " within 5 s; its log:\n" << log());
}

TestSshd::~TestSshd() {
  stop(pid_);
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

std::string TestSshd::known_hosts_line(const std::string& name) const {
  std::istringstream pub(file_text(SshKeys::get().host_ed25519.string() + ".pub"));
  std::string type;
  std::string key;
  pub >> type >> key;
  return name + " " + type + " " + key;
}

transport::Options TestSshd::options(bool trusted) const {
  transport::Options o;
  o.host = "127.0.0.1";
  o.port = port_;
  o.identity_files = std::vector<fs::path>{SshKeys::get().user_ed25519};
  o.known_hosts = dir_ / "known_hosts";
  if (trusted) {
    put_file(o.known_hosts, known_hosts_line("[127.0.0.1]:" + std::to_string(port_)) + "\n");
  }
  o.use_agent = false;
  o.use_password = false;
  o.ask_secret = [](const std::string&) { return std::optional<std::string>(); };
  // Generous: a loaded CI machine running ASan builds can take seconds for one exec; the
  // tests that are about timeouts set their own short ones.
  o.connect_timeout = std::chrono::seconds(10);
  o.step_timeout = std::chrono::seconds(20);
  return o;
}

std::string TestSshd::log() const {
  return file_text(dir_ / "sshd.log");
}

TestAgent::TestAgent(const fs::path& key) {
  dir_ = make_temp_dir("rosgen-agent");
  socket_ = (dir_ / "agent.sock").string();
  pid_ = spawn({"ssh-agent", "-D", "-a", socket_}, dir_ / "agent.log");
  for (int i = 0; i < 500 && !fs::exists(socket_); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE_MESSAGE(fs::exists(socket_),
                  "ssh-agent made no socket: " << file_text(dir_ / "agent.log"));
  REQUIRE(run_program({"ssh-add", "-q", key.string()}, nullptr, {"SSH_AUTH_SOCK=" + socket_}) == 0);
}

TestAgent::~TestAgent() {
  stop(pid_);
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

int run_program(const std::vector<std::string>& argv, std::string* out,
                const std::vector<std::string>& env) {
  fs::path dir = make_temp_dir("rosgen-run");
  pid_t pid = spawn(argv, dir / "out", env);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (out != nullptr) {
    *out = file_text(dir / "out");
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string ssh_keygen_fingerprint(const fs::path& pub) {
  std::string out;
  REQUIRE(run_program({"ssh-keygen", "-l", "-E", "sha256", "-f", pub.string()}, &out) == 0);
  std::istringstream in(out);
  std::string bits;
  std::string fingerprint;
  in >> bits >> fingerprint;
  return fingerprint;
}

std::string file_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void put_file(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

}  // namespace rosgen::test
