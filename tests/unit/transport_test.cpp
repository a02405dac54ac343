// Tests for transport::Session's connect, host key and login steps against the tests' own
// sshd on 127.0.0.1 (transport_sshd.hpp): names and IPv6 literals, timeouts, known_hosts
// (unknown, accept-new appending one line, changed, hashed, [host]:port, @revoked), and
// ed25519, RSA (ssh-rsa), ssh-agent, encrypted key and password logins.
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>

#include "transport/auth.hpp"
#include "transport/known_hosts.hpp"
#include "transport/session.hpp"
#include "transport_sshd.hpp"

using namespace rosgen;
using namespace rosgen::test;
using transport::ErrorKind;
namespace fs = std::filesystem;

namespace {

template <class F>
transport::Error error_of(F&& body) {
  try {
    body();
  } catch (const transport::Error& e) {
    return e;
  }
  FAIL("no transport::Error thrown");
  return transport::Error(ErrorKind::Usage, "");
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Sets (or unsets, for nullptr) an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) {
      old_ = old;
    }
    value != nullptr ? ::setenv(name, value, 1) : ::unsetenv(name);
  }

  ~ScopedEnv() { old_ ? ::setenv(name_, old_->c_str(), 1) : ::unsetenv(name_); }

  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

std::string host_fingerprint() {
  return ssh_keygen_fingerprint(SshKeys::get().host_ed25519.string() + ".pub");
}

std::string whoami(const transport::Options& options) {
  transport::Session session(options);
  transport::CommandResult r = session.run("/whoami");
  REQUIRE(r.ok());
  return r.out;
}

// A socket listening on 127.0.0.1 that never accepts; fills its queue when `full`.
struct DeafListener {
  int fd = -1;
  int port = 0;
  std::vector<int> fillers;

  explicit DeafListener(bool full) {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(fd, 0) == 0);
    socklen_t length = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length);
    port = ntohs(addr.sin_port);
    for (int i = 0; full && i < 4; ++i) {  // the accept queue holds one; the rest wait
      int c = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
      ::connect(c, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
      fillers.push_back(c);
    }
  }

  ~DeafListener() {
    for (int c : fillers) {
      ::close(c);
    }
    ::close(fd);
  }
};

bool has_ipv6_loopback() {
  int fd = ::socket(AF_INET6, SOCK_STREAM, 0);
  if (fd < 0) {
    return false;
  }
  sockaddr_in6 addr{};
  addr.sin6_family = AF_INET6;
  addr.sin6_addr = in6addr_loopback;
  bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

TEST_SUITE("transport") {
  TEST_CASE("transport: default files and key files are read as OpenSSH does") {
    const SshKeys& keys = SshKeys::get();
    fs::path home = keys.dir / "home";
    fs::create_directories(home / ".ssh");
    fs::copy_file(keys.user_rsa, home / ".ssh" / "id_rsa", fs::copy_options::overwrite_existing);
    fs::copy_file(keys.user_ed25519, home / ".ssh" / "id_ed25519",
                  fs::copy_options::overwrite_existing);
    {
      ScopedEnv env("HOME", home.c_str());
      CHECK(transport::detail::default_known_hosts() == home / ".ssh" / "known_hosts");
      CHECK(transport::detail::default_identity_files() ==
            std::vector<fs::path>{home / ".ssh" / "id_ed25519", home / ".ssh" / "id_rsa"});
    }
    transport::detail::KeyFileInfo plain = transport::detail::inspect_key_file(keys.user_ed25519);
    CHECK(plain.readable);
    CHECK(plain.type == "ssh-ed25519");
    CHECK_FALSE(plain.encrypted);
    transport::detail::KeyFileInfo locked =
        transport::detail::inspect_key_file(keys.user_encrypted);
    CHECK(locked.type == "ssh-ed25519");  // the public part of openssh-key-v1 is in clear
    CHECK(locked.encrypted);
    CHECK(transport::detail::inspect_key_file(keys.user_rsa).type == "ssh-rsa");
    CHECK_FALSE(transport::detail::inspect_key_file("/no/such/key").readable);
    CHECK(transport::detail::known_hosts_name("Router.LAN", 22) == "router.lan");
    CHECK(transport::detail::known_hosts_name("[::1]", 2222) == "[::1]:2222");
  }

  TEST_CASE("transport: names, IPv4 and IPv6 literals resolve") {
    TestSshd sshd({.ipv6 = has_ipv6_loopback()});
    transport::Options o = sshd.options();
    std::string port = std::to_string(sshd.port());
    put_file(o.known_hosts, sshd.known_hosts_line("[localhost]:" + port) + "\n" +
                                sshd.known_hosts_line("[::1]:" + port) + "\n" +
                                sshd.known_hosts_line("[127.0.0.1]:" + port) + "\n");
    CHECK(whoami(o) == whoami(sshd.options(false)));  // 127.0.0.1, whatever user we are
    o.host = "LocalHost";  // names are matched in lowercase, as OpenSSH does
    CHECK_FALSE(whoami(o).empty());
    if (!has_ipv6_loopback()) {
      MESSAGE("::1 is absent on this machine: the IPv6 literal cases are skipped");
      return;
    }
    for (const char* host : {"::1", "[::1]"}) {
      o.host = host;
      transport::Session session(o);
      CHECK(session.endpoint() == "[::1]:" + port);
      CHECK(session.run("/whoami").ok());
    }
  }

  TEST_CASE("transport: unreachable hosts fail in time with a clear message") {
    transport::Options o = TestSshd().options();  // its port is closed again at once
    o.connect_timeout = std::chrono::seconds(1);
    transport::Error refused = error_of([&] { transport::Session s(o); });
    CHECK(refused.kind() == ErrorKind::Connect);
    CHECK(contains(refused.what(), "cannot connect (127.0.0.1: Connection refused)"));
    CHECK(contains(refused.what(), "listens on port " + std::to_string(o.port)));

    o.host = "no-such-host.invalid";
    CHECK(error_of([&] { transport::Session s(o); }).kind() == ErrorKind::Resolve);

    {  // TCP connects (the kernel queues it) but no SSH banner ever comes
      DeafListener deaf(false);
      o.host = "127.0.0.1";
      o.port = deaf.port;
      o.step_timeout = std::chrono::seconds(1);
      auto start = std::chrono::steady_clock::now();
      transport::Error e = error_of([&] { transport::Session s(o); });
      CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
      CHECK(e.kind() == ErrorKind::Timeout);
      CHECK(contains(e.what(),
                     "SSH handshake (the server's banner and key exchange): no answer "
                     "within 1 s"));
    }
    {  // the queue is full: the SYN is never answered
      DeafListener deaf(true);
      o.port = deaf.port;
      auto start = std::chrono::steady_clock::now();
      transport::Error e = error_of([&] { transport::Session s(o); });
      CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
      CHECK(e.kind() == ErrorKind::Connect);
      CHECK(contains(e.what(), "127.0.0.1: no answer within 1 s"));
    }
  }

  TEST_CASE("transport: an unknown host key is refused with its SHA256 fingerprint") {
    TestSshd sshd;
    transport::Options o = sshd.options(false);
    std::string name = "[127.0.0.1]:" + std::to_string(sshd.port());
    transport::Error e = error_of([&] { transport::Session s(o); });
    CHECK(e.kind() == ErrorKind::HostKeyUnknown);
    CHECK(std::string(e.what()) ==
          "ssh 127.0.0.1:" + std::to_string(sshd.port()) +
              ": unknown host key: the server's ssh-ed25519 key " + host_fingerprint() +
              " is not in " + o.known_hosts.string() + " (the file does not exist) for '" + name +
              "'; compare that fingerprint with the router's own (on its console), then connect "
              "once with --accept-new-host-key to record it");
    CHECK_FALSE(fs::exists(o.known_hosts));
    // A caller that cannot take --accept-new-host-key (a fleet) names its own command.
    o.record_key_command = "rosgen diff x.pol --host 127.0.0.1 --accept-new-host-key";
    CHECK(std::string(error_of([&] { transport::Session s(o); }).what())
              .ends_with("(on its console), then record it once with: rosgen diff x.pol --host "
                         "127.0.0.1 --accept-new-host-key"));
    o.record_key_command.clear();

    // An entry for the host on port 22, or for another key type, does not vouch for it.
    std::string ecdsa = file_text(SshKeys::get().host_ecdsa.string() + ".pub");
    put_file(o.known_hosts, sshd.known_hosts_line("127.0.0.1") + "\n" + name + " " + ecdsa);
    CHECK(error_of([&] { transport::Session s(o); }).kind() == ErrorKind::HostKeyUnknown);
  }

  TEST_CASE("transport: accept-new appends exactly one line and keeps the others") {
    TestSshd sshd;
    transport::Options o = sshd.options(false);
    std::string other = file_text(SshKeys::get().other_host.string() + ".pub");
    std::string before =
        "# my routers\n"
        "\n"
        "|1|c2FsdHNhbHRzYWx0c2FsdHNhbHQ=|aGFzaGhhc2hoYXNoaGFzaGhhc2g= " +
        other + "@cert-authority *.example.net " + other +
        "a line libssh2 cannot parse\n"
        "[10.0.0.1]:2222 sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29t\n"
        "192.0.2.1 " +
        other.substr(0, other.size() - 1);  // no final newline
    put_file(o.known_hosts, before);
    o.accept_new_host_key = true;
    std::vector<std::string> notices;  // the caller is told what was recorded, once
    o.notice = [&notices](const std::string& line) { notices.push_back(line); };
    std::string name = "[127.0.0.1]:" + std::to_string(sshd.port());
    auto recorded = [&](const fs::path& file) {
      return "recorded the ssh-ed25519 host key " + host_fingerprint() + " of " + name + " in " +
             file.string();
    };
    {
      transport::Session session(o);
      CHECK(session.host_key_fingerprint() == host_fingerprint());
    }
    CHECK(file_text(o.known_hosts) == before + "\n" + sshd.known_hosts_line(name) + "\n");
    CHECK(notices == std::vector<std::string>{recorded(o.known_hosts)});
    o.accept_new_host_key = false;  // now it is known
    CHECK_FALSE(whoami(o).empty());
    o.accept_new_host_key = true;  // and known keys are not appended again
    CHECK_FALSE(whoami(o).empty());
    CHECK(file_text(o.known_hosts) == before + "\n" + sshd.known_hosts_line(name) + "\n");
    CHECK(notices.size() == 1);

    fs::path first = o.known_hosts;
    o.known_hosts = sshd.dir() / "new" / "dir" / "known_hosts";  // created with its directory
    CHECK_FALSE(whoami(o).empty());
    CHECK(file_text(o.known_hosts) == sshd.known_hosts_line(name) + "\n");
    CHECK(notices == std::vector<std::string>{recorded(first), recorded(o.known_hosts)});
  }

  TEST_CASE("transport: a changed host key is refused with both fingerprints") {
    TestSshd sshd;
    transport::Options o = sshd.options(false);
    std::string name = "[127.0.0.1]:" + std::to_string(sshd.port());
    std::string other = file_text(SshKeys::get().other_host.string() + ".pub");
    put_file(o.known_hosts, "# line 1\n" + name + " " + other);
    o.accept_new_host_key = true;  // never overrides a mismatch
    transport::Error e = error_of([&] { transport::Session s(o); });
    CHECK(e.kind() == ErrorKind::HostKeyChanged);
    std::string old_fingerprint =
        ssh_keygen_fingerprint(SshKeys::get().other_host.string() + ".pub");
    CHECK(std::string(e.what()) ==
          "ssh 127.0.0.1:" + std::to_string(sshd.port()) +
              ": HOST KEY CHANGED: the server offers the ssh-ed25519 key " + host_fingerprint() +
              " but " + o.known_hosts.string() + ":2 holds " + old_fingerprint + " for '" + name +
              "'; someone may be intercepting the connection, or the router's key was "
              "regenerated; only if you know it was, remove the old line (ssh-keygen -R '" +
              name + "' -f " + o.known_hosts.string() +
              ") and connect once with --accept-new-host-key");
    CHECK(file_text(o.known_hosts) == "# line 1\n" + name + " " + other);  // untouched
  }

  TEST_CASE("transport: hashed known_hosts entries are matched") {
    TestSshd sshd;
    transport::Options o = sshd.options();
    REQUIRE(run_program({"ssh-keygen", "-H", "-f", o.known_hosts.string()}) == 0);
    REQUIRE(file_text(o.known_hosts).starts_with("|1|"));
    CHECK_FALSE(whoami(o).empty());

    put_file(o.known_hosts, sshd.known_hosts_line("[127.0.0.1]:" + std::to_string(sshd.port())));
    std::string other = file_text(SshKeys::get().other_host.string() + ".pub");
    put_file(o.known_hosts, "[127.0.0.1]:" + std::to_string(sshd.port()) + " " + other);
    REQUIRE(run_program({"ssh-keygen", "-H", "-f", o.known_hosts.string()}) == 0);
    CHECK(error_of([&] { transport::Session s(o); }).kind() == ErrorKind::HostKeyChanged);
  }

  TEST_CASE("transport: a @revoked host key is refused even when listed as known") {
    TestSshd sshd;
    transport::Options o = sshd.options();
    std::string known = file_text(o.known_hosts);
    for (const char* hosts : {"*", "[127.0.0.1]:*"}) {
      std::string key = sshd.known_hosts_line(hosts);
      put_file(o.known_hosts, known + "@revoked " + key + "\n");
      transport::Error e = error_of([&] { transport::Session s(o); });
      CHECK(e.kind() == ErrorKind::HostKeyRevoked);
      CHECK(contains(e.what(), "host key " + host_fingerprint() + " is marked @revoked in " +
                                   o.known_hosts.string() + ":2"));
    }
  }

  TEST_CASE("transport: RSA keys log in only where the server accepts ssh-rsa") {
    transport::Options o;
    {
      TestSshd old_router({.allow_ssh_rsa = true});
      o = old_router.options();
      o.identity_files = std::vector<fs::path>{SshKeys::get().user_rsa};
      CHECK_FALSE(whoami(o).empty());
    }
    TestSshd sshd;
    o = sshd.options();
    fs::path rsa = SshKeys::get().user_rsa;
    o.identity_files = std::vector<fs::path>{rsa};
    transport::Error e = error_of([&] { transport::Session s(o); });
    CHECK(e.kind() == ErrorKind::Auth);
    std::string user = std::string(e.what()).substr(std::string(e.what()).find("login as '"));
    CHECK(contains(e.what(), "failed; the server offers: publickey; tried: key " + rsa.string() +
                                 " (ssh-rsa): refused by the server; password: not allowed by "
                                 "the options; note: Debian 12's libssh2 1.10 signs with RSA keys "
                                 "only as SHA-1 'ssh-rsa', which OpenSSH 8.8+ and many routers "
                                 "refuse: use an ed25519 key (RouterOS 7.7+)"));
  }

  TEST_CASE("transport: an RSA host key works only where the server allows ssh-rsa") {
    // RouterOS's default host key type is rsa (reference §6); libssh2 1.10 verifies RSA host
    // keys only as SHA-1 'ssh-rsa', which OpenSSH 8.8+ no longer offers by default.
    {
      TestSshd sshd({.rsa_host_key = true});
      transport::Options o = sshd.options(false);
      o.accept_new_host_key = true;
      transport::Error e = error_of([&] { transport::Session s(o); });
      CHECK(e.kind() == ErrorKind::Handshake);
      CHECK(contains(e.what(),
                     "SSH handshake failed: no key exchange, host key or cipher "
                     "algorithm in common with libssh2 1.10 ("));
      CHECK(contains(e.what(),
                     "a router with an RSA host key must allow 'ssh-rsa' host keys, or "
                     "use an ed25519 host key (RouterOS 7.9+: /ip ssh set "
                     "host-key-type=ed25519)"));
    }
    TestSshd sshd({.allow_ssh_rsa = true, .rsa_host_key = true});
    transport::Options o = sshd.options(false);
    o.accept_new_host_key = true;
    {
      transport::Session session(o);
      CHECK(session.host_key_fingerprint() ==
            ssh_keygen_fingerprint(SshKeys::get().host_rsa.string() + ".pub"));
    }
    CHECK(file_text(o.known_hosts)
              .starts_with("[127.0.0.1]:" + std::to_string(sshd.port()) + " ssh-rsa AAAA"));
    o.accept_new_host_key = false;
    CHECK_FALSE(whoami(o).empty());
  }

  TEST_CASE("transport: a key the server does not know is refused, with what was tried") {
    TestSshd sshd;
    transport::Options o = sshd.options();
    o.identity_files = std::vector<fs::path>{SshKeys::get().user_unknown, "/no/such/key"};
    transport::Error e = error_of([&] { transport::Session s(o); });
    CHECK(e.kind() == ErrorKind::Auth);
    CHECK(contains(e.what(), "tried: key " + SshKeys::get().user_unknown.string() +
                                 " (ssh-ed25519): refused by the server; key /no/such/key: "
                                 "cannot read it; password: not allowed by the options; check "
                                 "the user name (-l)"));
    CHECK_FALSE(contains(e.what(), "ssh-rsa"));
  }

  TEST_CASE("transport: ssh-agent keys come first, key files after them") {
    TestSshd sshd;
    transport::Options o = sshd.options();
    TestAgent agent(SshKeys::get().user_ed25519);
    o.use_agent = true;
    o.agent_socket = agent.socket();
    o.identity_files = std::vector<fs::path>{};
    CHECK_FALSE(whoami(o).empty());

    TestAgent stranger(SshKeys::get().user_unknown);
    o.agent_socket = stranger.socket();
    transport::Error e = error_of([&] { transport::Session s(o); });
    CHECK(contains(e.what(),
                   "tried: ssh-agent key 'rosgen-test-id_unknown' (ssh-ed25519): "
                   "refused by the server; key files: none given"));
    o.identity_files = std::vector<fs::path>{SshKeys::get().user_ed25519};
    CHECK_FALSE(whoami(o).empty());
  }

  TEST_CASE("transport: an encrypted key takes its passphrase from the environment or a prompt") {
    TestSshd sshd;
    transport::Options o = sshd.options();
    fs::path key = SshKeys::get().user_encrypted;
    o.identity_files = std::vector<fs::path>{key};
    {
      ScopedEnv env("ROSGEN_SSH_PASSPHRASE", kEncryptedPassphrase);
      CHECK_FALSE(whoami(o).empty());
    }
    ScopedEnv unset("ROSGEN_SSH_PASSPHRASE", nullptr);
    transport::Error e = error_of([&] { transport::Session s(o); });
    CHECK(contains(e.what(), "key " + key.string() +
                                 " (ssh-ed25519): encrypted, and no passphrase (set "
                                 "ROSGEN_SSH_PASSPHRASE or run on a terminal)"));
    std::string asked;
    o.ask_secret = [&](const std::string& prompt) {
      asked = prompt;
      return std::optional<std::string>(kEncryptedPassphrase);
    };
    CHECK_FALSE(whoami(o).empty());
    CHECK(asked == "Enter passphrase for key '" + key.string() + "': ");
    o.ask_secret = [](const std::string&) { return std::optional<std::string>("wrong words"); };
    transport::Error wrong = error_of([&] { transport::Session s(o); });
    CHECK(contains(wrong.what(), "libssh2 cannot read it (wrong passphrase, or"));
    CHECK_FALSE(contains(wrong.what(), "wrong words"));
  }

  TEST_CASE("transport: password login with a test account of its own") {
    if (!can_make_password_account()) {
      MESSAGE(
          "password login not tested: making a test account safely needs root and "
          "unshare (a private mount namespace holding the account)");
      return;
    }
    TestSshd sshd({.password_user = true});
    transport::Options o = sshd.options();
    o.user = kPasswordUser;
    o.identity_files = std::vector<fs::path>{};
    o.use_password = true;
    {
      ScopedEnv env("ROSGEN_SSH_PASSWORD", kPassword);
      CHECK(whoami(o) == std::string(kPasswordUser) + "\n");
    }
    ScopedEnv unset("ROSGEN_SSH_PASSWORD", nullptr);
    std::string asked;
    o.ask_secret = [&](const std::string& prompt) {
      asked = prompt;
      return std::optional<std::string>(kPassword);
    };
    CHECK(whoami(o) == std::string(kPasswordUser) + "\n");
    CHECK(asked == std::string(kPasswordUser) + "@127.0.0.1:" + std::to_string(sshd.port()) +
                       "'s password: ");
    ScopedEnv wrong_env("ROSGEN_SSH_PASSWORD", "not-the-password");
    transport::Error wrong = error_of([&] { transport::Session s(o); });
    CHECK(wrong.kind() == ErrorKind::Auth);
    CHECK(contains(wrong.what(),
                   "the server offers: publickey,password; tried: key files: none "
                   "given (-i) and none in ~/.ssh; password: refused by the server"));
    CHECK_FALSE(contains(wrong.what(), "not-the-password"));
  }
}
