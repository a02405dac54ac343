// Login: ssh-agent, key files, password (auth.hpp).
#include "transport/auth.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>

#include "transport/known_hosts.hpp"

namespace rosgen::transport::detail {

namespace {

namespace fs = std::filesystem;

// A secret that is wiped from memory when it goes away.
class Secret {
 public:
  explicit Secret(std::string text) : text_(std::move(text)) {}

  ~Secret() { OPENSSL_cleanse(text_.data(), text_.size()); }

  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;

  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

// The secret in environment variable `name`, else the user's answer to `prompt`.
std::unique_ptr<Secret> ask(const Options& options, const char* name, const std::string& prompt) {
  if (const char* value = std::getenv(name); value != nullptr) {
    return std::make_unique<Secret>(value);
  }
  if (options.ask_secret) {
    if (std::optional<std::string> answer = options.ask_secret(prompt)) {
      auto secret = std::make_unique<Secret>(std::move(*answer));
      OPENSSL_cleanse(answer->data(), answer->size());
      return secret;
    }
  }
  return nullptr;
}

struct AgentDeleter {
  void operator()(LIBSSH2_AGENT* agent) const {
    libssh2_agent_disconnect(agent);
    libssh2_agent_free(agent);
  }
};

using AgentPtr = std::unique_ptr<LIBSSH2_AGENT, AgentDeleter>;

bool is_rsa(const std::string& type) {
  return type == "ssh-rsa";
}

// What was tried and how it went, for the final message.
struct Attempts {
  std::vector<std::string> notes;
  bool rsa_refused = false;
};

enum class Outcome { LoggedIn, Refused, Failed };

// Classifies a libssh2 userauth return code; throws when the connection is gone.
Outcome outcome_of(int rc, Io& io, const Attempts& attempts, const std::string& user) {
  if (rc == 0) {
    return Outcome::LoggedIn;
  }
  if (rc == LIBSSH2_ERROR_AUTHENTICATION_FAILED || rc == LIBSSH2_ERROR_PUBLICKEY_UNVERIFIED) {
    return Outcome::Refused;
  }
  if (rc == LIBSSH2_ERROR_SOCKET_DISCONNECT || rc == LIBSSH2_ERROR_SOCKET_RECV ||
      rc == LIBSSH2_ERROR_SOCKET_SEND || rc == LIBSSH2_ERROR_SOCKET_TIMEOUT) {
    std::string tried;
    for (const std::string& note : attempts.notes) {
      tried += (tried.empty() ? "" : "; ") + note;
    }
    throw Error(ErrorKind::Auth, "ssh " + io.endpoint() + ": login as '" + user +
                                     "' failed: the server closed the connection (" +
                                     io.last_error() + ") after: " + tried +
                                     "; too many keys offered? pass the right one with -i");
  }
  return Outcome::Failed;
}

bool try_agent(Io& io, const Options& options, const std::string& user, Attempts& attempts) {
  std::string socket = options.agent_socket;
  if (socket.empty()) {
    const char* env = std::getenv("SSH_AUTH_SOCK");
    socket = env != nullptr ? env : "";
  }
  if (socket.empty()) {
    attempts.notes.push_back("ssh-agent: SSH_AUTH_SOCK is not set");
    return false;
  }
  AgentPtr agent(libssh2_agent_init(io.session()));
  if (!agent) {
    attempts.notes.push_back("ssh-agent: " + io.last_error());
    return false;
  }
  libssh2_agent_set_identity_path(agent.get(), socket.c_str());
  if (libssh2_agent_connect(agent.get()) != 0) {
    attempts.notes.push_back("ssh-agent: cannot connect to " + socket);
    return false;
  }
  if (libssh2_agent_list_identities(agent.get()) != 0) {
    attempts.notes.push_back("ssh-agent: cannot list its keys (" + io.last_error() + ")");
    return false;
  }
  libssh2_agent_publickey* identity = nullptr;
  int count = 0;
  while (libssh2_agent_get_identity(agent.get(), &identity, identity) == 0) {
    ++count;
    std::string type = key_type_of_blob(
        std::string_view(reinterpret_cast<const char*>(identity->blob), identity->blob_len));
    int rc = io.call([&] { return libssh2_agent_userauth(agent.get(), user.c_str(), identity); },
                     options.step_timeout, "logging in with an ssh-agent key");
    Outcome outcome = outcome_of(rc, io, attempts, user);
    if (outcome == Outcome::LoggedIn) {
      return true;
    }
    std::string comment = identity->comment != nullptr ? identity->comment : "";
    attempts.notes.push_back("ssh-agent key '" + comment + "' (" + type + "): " +
                             (outcome == Outcome::Refused ? "refused by the server"
                                                          : "failed (" + io.last_error() + ")"));
    attempts.rsa_refused |= is_rsa(type) && outcome == Outcome::Refused;
  }
  if (count == 0) {
    attempts.notes.push_back("ssh-agent: holds no keys");
  }
  return false;
}

bool try_key_file(Io& io, const Options& options, const std::string& user, const fs::path& path,
                  Attempts& attempts) {
  KeyFileInfo info = inspect_key_file(path);
  std::string label = "key " + path.string() + (info.type.empty() ? "" : " (" + info.type + ")");
  if (!info.readable) {
    attempts.notes.push_back(label + ": cannot read it");
    return false;
  }
  std::unique_ptr<Secret> passphrase;
  if (info.encrypted) {
    passphrase =
        ask(options, "ROSGEN_SSH_PASSPHRASE", "Enter passphrase for key '" + path.string() + "': ");
    if (!passphrase) {
      attempts.notes.push_back(label +
                               ": encrypted, and no passphrase (set ROSGEN_SSH_PASSPHRASE "
                               "or run on a terminal), or load it into ssh-agent");
      return false;
    }
  }
  std::string file = path.string();
  const char* secret = passphrase ? passphrase->text().c_str() : nullptr;
  int rc = io.call(
      [&] {
        return libssh2_userauth_publickey_fromfile_ex(io.session(), user.data(),
                                                      static_cast<unsigned>(user.size()), nullptr,
                                                      file.c_str(), secret);
      },
      options.step_timeout, "logging in with " + label);
  Outcome outcome = outcome_of(rc, io, attempts, user);
  if (outcome == Outcome::LoggedIn) {
    return true;
  }
  if (rc == LIBSSH2_ERROR_FILE) {
    attempts.notes.push_back(label + ": libssh2 cannot read it (" +
                             std::string(info.encrypted ? "wrong passphrase, or " : "") +
                             "a key format libssh2 1.10 does not read)");
    return false;
  }
  attempts.notes.push_back(
      label + ": " +
      (outcome == Outcome::Refused ? "refused by the server" : "failed (" + io.last_error() + ")"));
  attempts.rsa_refused |= is_rsa(info.type) && outcome == Outcome::Refused;
  return false;
}

bool try_password(Io& io, const Options& options, const std::string& user, Attempts& attempts) {
  std::unique_ptr<Secret> password =
      ask(options, "ROSGEN_SSH_PASSWORD", user + "@" + io.endpoint() + "'s password: ");
  if (!password) {
    attempts.notes.push_back(
        "password: ROSGEN_SSH_PASSWORD is not set and there is no terminal to ask on");
    return false;
  }
  const std::string& text = password->text();
  int rc = io.call(
      [&] {
        return libssh2_userauth_password_ex(io.session(), user.data(),
                                            static_cast<unsigned>(user.size()), text.data(),
                                            static_cast<unsigned>(text.size()), nullptr);
      },
      options.step_timeout, "logging in with a password");
  Outcome outcome = outcome_of(rc, io, attempts, user);
  if (outcome == Outcome::LoggedIn) {
    return true;
  }
  attempts.notes.push_back(
      rc == LIBSSH2_ERROR_PASSWORD_EXPIRED ? "password: expired (change it on the router's console)"
      : outcome == Outcome::Refused        ? "password: refused by the server"
                                           : "password: failed (" + io.last_error() + ")");
  return false;
}

bool offers(const std::string& methods, std::string_view method) {
  std::istringstream in(methods);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (item == method) {
      return true;
    }
  }
  return false;
}

}  // namespace

KeyFileInfo inspect_key_file(const fs::path& path) {
  KeyFileInfo info;
  std::ifstream in(path, std::ios::binary);
  std::string text;
  if (!in || !std::getline(in, text, '\0')) {
    return info;
  }
  info.readable = true;
  auto has = [&](std::string_view s) { return text.find(s) != std::string::npos; };
  static constexpr std::string_view kOpenSsh = "-----BEGIN OPENSSH PRIVATE KEY-----";
  if (std::size_t begin = text.find(kOpenSsh); begin != std::string::npos) {
    std::string body;
    std::size_t end = text.find("-----END", begin + kOpenSsh.size());
    for (std::size_t i = begin + kOpenSsh.size(); i < std::min(end, text.size()); ++i) {
      if (!std::isspace(static_cast<unsigned char>(text[i]))) {
        body += text[i];
      }
    }
    // openssh-key-v1: magic, string cipher, string kdf, string kdf options, uint32 count,
    // string public key blob (PROTOCOL.key in OpenSSH).
    std::string blob(body.size() / 4 * 3 + 3, '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(blob.data()),
                            reinterpret_cast<const unsigned char*>(body.data()),
                            static_cast<int>(body.size()));
    blob.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    std::string_view rest(blob);
    static constexpr std::string_view kMagic("openssh-key-v1\0", 15);
    if (rest.starts_with(kMagic)) {
      rest.remove_prefix(kMagic.size());
      std::string cipher = key_type_of_blob(rest);  // a string: length + bytes
      info.encrypted = cipher != "none";
      for (int skip = 0; skip < 3 && rest.size() >= 4; ++skip) {
        std::size_t length = 4 + key_type_of_blob(rest).size();
        rest.remove_prefix(std::min(length, rest.size()));
      }
      if (rest.size() >= 4) {
        rest.remove_prefix(4);  // the key count
        std::string public_blob = key_type_of_blob(rest);
        info.type = key_type_of_blob(public_blob);
      }
    }
  } else if (has("-----BEGIN RSA PRIVATE KEY-----")) {
    info.type = "ssh-rsa";
    info.encrypted = has("ENCRYPTED");
  } else if (has("-----BEGIN EC PRIVATE KEY-----")) {
    info.type = "ecdsa";
    info.encrypted = has("ENCRYPTED");
  } else if (has("-----BEGIN DSA PRIVATE KEY-----")) {
    info.type = "ssh-dss";
    info.encrypted = has("ENCRYPTED");
  } else {
    info.encrypted = has("-----BEGIN ENCRYPTED PRIVATE KEY-----");
  }
  if (info.type.empty()) {  // the .pub beside it names the type
    std::ifstream pub(path.string() + ".pub");
    pub >> info.type;
  }
  return info;
}

std::vector<fs::path> default_identity_files() {
  fs::path ssh_dir = default_known_hosts().parent_path();
  std::vector<fs::path> files;
  for (const char* name : {"id_ed25519", "id_ecdsa", "id_rsa"}) {
    std::error_code ec;
    if (fs::exists(ssh_dir / name, ec)) {
      files.push_back(ssh_dir / name);
    }
  }
  return files;
}

void authenticate(Io& io, const Options& options, const std::string& user) {
  char* list = io.call_ptr<char>(
      [&] {
        return libssh2_userauth_list(io.session(), user.data(), static_cast<unsigned>(user.size()));
      },
      options.step_timeout, "asking which login methods the server offers");
  if (list == nullptr) {
    if (libssh2_userauth_authenticated(io.session()) != 0) {
      return;  // the server let us in without any ("none" authentication)
    }
    throw Error(ErrorKind::Auth, "ssh " + io.endpoint() +
                                     ": the server closed the connection before login (" +
                                     io.last_error() + ")");
  }
  std::string methods = list;
  Attempts attempts;
  if (offers(methods, "publickey")) {
    if (options.use_agent && try_agent(io, options, user, attempts)) {
      return;
    }
    std::vector<fs::path> files =
        options.identity_files ? *options.identity_files : default_identity_files();
    for (const fs::path& file : files) {
      if (try_key_file(io, options, user, file, attempts)) {
        return;
      }
    }
    if (files.empty()) {
      attempts.notes.push_back("key files: none given (-i) and none in ~/.ssh");
    }
  } else {
    attempts.notes.push_back("keys: not offered by the server");
  }
  if (!options.use_password) {
    attempts.notes.push_back("password: not allowed by the options");
  } else if (!offers(methods, "password")) {
    attempts.notes.push_back("password: not offered by the server");
  } else if (try_password(io, options, user, attempts)) {
    return;
  }
  std::string message = "ssh " + io.endpoint() + ": login as '" + user +
                        "' failed; the server offers: " + methods + "; tried: ";
  for (std::size_t i = 0; i < attempts.notes.size(); ++i) {
    message += (i == 0 ? "" : "; ") + attempts.notes[i];
  }
  if (attempts.rsa_refused) {
    message +=
        "; note: Debian 12's libssh2 1.10 signs with RSA keys only as SHA-1 'ssh-rsa', which "
        "OpenSSH 8.8+ and many routers refuse: use an ed25519 key (RouterOS 7.7+), or allow "
        "'ssh-rsa' on the server";
  }
  message +=
      "; check the user name (-l) and that the router holds your public key (RouterOS: "
      "/user ssh-keys print)";
  throw Error(ErrorKind::Auth, message);
}

}  // namespace rosgen::transport::detail
