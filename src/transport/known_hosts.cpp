// Host key checks against OpenSSH known_hosts files (known_hosts.hpp).
#include "transport/known_hosts.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <vector>

namespace rosgen::transport::detail {

namespace {

namespace fs = std::filesystem;

// One known_hosts line worth matching, with its 1-based line number.
struct Line {
  std::size_t number;
  std::string text;
};

struct KnownHostsDeleter {
  void operator()(LIBSSH2_KNOWNHOSTS* hosts) const { libssh2_knownhost_free(hosts); }
};

using KnownHostsPtr = std::unique_ptr<LIBSSH2_KNOWNHOSTS, KnownHostsDeleter>;

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::optional<std::string> unbase64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) {
    return std::nullopt;
  }
  std::string out(text.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) {
    return std::nullopt;
  }
  std::size_t padding = text.ends_with("==") ? 2 : text.ends_with("=") ? 1 : 0;
  out.resize(static_cast<std::size_t>(n) - padding);
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
    s.remove_suffix(1);
  }
  return s;
}

// Splits off the first whitespace-separated word of `s`.
std::string_view next_word(std::string_view& s) {
  s = trim(s);
  std::size_t end = 0;
  while (end < s.size() && !std::isspace(static_cast<unsigned char>(s[end]))) {
    ++end;
  }
  std::string_view word = s.substr(0, end);
  s.remove_prefix(end);
  return word;
}

int knownhost_key_mask(int hostkey_type) {
  switch (hostkey_type) {
    case LIBSSH2_HOSTKEY_TYPE_RSA:
      return LIBSSH2_KNOWNHOST_KEY_SSHRSA;
    case LIBSSH2_HOSTKEY_TYPE_DSS:
      return LIBSSH2_KNOWNHOST_KEY_SSHDSS;
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_256:
      return LIBSSH2_KNOWNHOST_KEY_ECDSA_256;
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_384:
      return LIBSSH2_KNOWNHOST_KEY_ECDSA_384;
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_521:
      return LIBSSH2_KNOWNHOST_KEY_ECDSA_521;
    case LIBSSH2_HOSTKEY_TYPE_ED25519:
      return LIBSSH2_KNOWNHOST_KEY_ED25519;
    default:
      return LIBSSH2_KNOWNHOST_KEY_UNKNOWN;
  }
}

// The lines to match and the @revoked lines of `file` (both empty if it does not exist).
void read_known_hosts(const fs::path& file, const std::string& endpoint, std::vector<Line>& entries,
                      std::vector<Line>& revoked) {
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    return;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw Error(ErrorKind::KnownHostsFile,
                "ssh " + endpoint + ": cannot read " + file.string() + ": " + std::strerror(errno));
  }
  std::string text;
  for (std::size_t number = 1; std::getline(in, text); ++number) {
    std::string_view line = trim(text);
    if (line.empty() || line.front() == '#') {
      continue;
    }
    if (line.front() == '@') {
      std::string_view rest = line;
      std::string_view marker = next_word(rest);
      if (marker == "@revoked") {
        revoked.push_back({number, std::string(trim(rest))});
      }
      continue;  // @cert-authority: libssh2 1.10 has no certificates
    }
    entries.push_back({number, std::string(line)});
  }
}

// The base64 key of a "hosts type base64 [comment]" line.
std::string key_field(std::string_view line) {
  next_word(line);
  next_word(line);
  return std::string(next_word(line));
}

// The fingerprint of a base64 key as stored in known_hosts, or "an unreadable key".
std::string stored_fingerprint(std::string_view key64) {
  std::optional<std::string> blob = unbase64(key64);
  return blob ? fingerprint_sha256(*blob) : std::string("an unreadable key");
}

void append_line(const fs::path& file, const std::string& line, const std::string& endpoint) {
  auto fail = [&](const std::string& why) {
    return Error(ErrorKind::KnownHostsFile,
                 "ssh " + endpoint + ": cannot record the new host key in " + file.string() + ": " +
                     why + "; check the file's permissions or pass another file");
  };
  std::error_code ec;
  if (file.has_parent_path() && !fs::exists(file.parent_path(), ec)) {
    fs::create_directories(file.parent_path(), ec);
    if (ec) {
      throw fail(ec.message());
    }
    fs::permissions(file.parent_path(), fs::perms::owner_all, ec);
  }
  int fd = ::open(file.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw fail(std::strerror(errno));
  }
  Socket closer(fd);        // a plain descriptor: Socket closes any fd
  ::flock(fd, LOCK_EX);     // parallel pushes may record keys in the same file
  std::string text = line;  // a file that lacks its last newline gets one first

  struct stat st {};

  if (::fstat(fd, &st) == 0 && st.st_size > 0) {
    char last = '\n';
    if (::pread(fd, &last, 1, st.st_size - 1) == 1 && last != '\n') {
      text.insert(0, "\n");
    }
  }
  std::string_view left = text;
  while (!left.empty()) {
    ssize_t n = ::write(fd, left.data(), left.size());
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      throw fail(std::strerror(errno));
    }
    left.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace

std::string fingerprint_sha256(std::string_view blob) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(blob.data(), blob.size(), digest, &length, EVP_sha256(), nullptr);
  std::string text = base64(std::string_view(reinterpret_cast<const char*>(digest), length));
  while (!text.empty() && text.back() == '=') {
    text.pop_back();
  }
  return "SHA256:" + text;
}

std::string key_type_of_blob(std::string_view blob) {
  if (blob.size() < 4) {
    return "";
  }
  std::size_t length = 0;
  for (int i = 0; i < 4; ++i) {
    length = length << 8 | static_cast<unsigned char>(blob[static_cast<std::size_t>(i)]);
  }
  if (length > blob.size() - 4) {
    return "";
  }
  return std::string(blob.substr(4, length));
}

std::string known_hosts_name(std::string_view host, int port) {
  std::string name;
  for (char c : host) {
    name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (name.size() >= 2 && name.front() == '[' && name.back() == ']') {
    name = name.substr(1, name.size() - 2);
  }
  return port == 22 ? name : "[" + name + "]:" + std::to_string(port);
}

fs::path default_known_hosts() {
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') {
    const passwd* pw = ::getpwuid(::getuid());
    home = pw != nullptr ? pw->pw_dir : "/";
  }
  return fs::path(home) / ".ssh" / "known_hosts";
}

HostKey check_host_key(Io& io, const fs::path& file, const std::string& host,
                       const Options& options) {
  const std::string& endpoint = io.endpoint();
  std::size_t length = 0;
  int type = LIBSSH2_HOSTKEY_TYPE_UNKNOWN;
  const char* key = libssh2_session_hostkey(io.session(), &length, &type);
  if (key == nullptr || length == 0) {
    throw Error(ErrorKind::Handshake, "ssh " + endpoint + ": the server sent no host key");
  }
  std::string_view blob(key, length);
  std::string fingerprint = fingerprint_sha256(blob);
  std::string key_type = key_type_of_blob(blob);
  std::string name = known_hosts_name(host, options.port);
  const std::string& command = options.record_key_command;
  std::string where = file.string();

  std::vector<Line> entries;
  std::vector<Line> revoked;
  read_known_hosts(file, endpoint, entries, revoked);

  std::string key64 = base64(blob);
  for (const Line& line : revoked) {
    if (key_field(line.text) == key64) {
      throw Error(ErrorKind::HostKeyRevoked,
                  "ssh " + endpoint + ": the server's " + key_type + " host key " + fingerprint +
                      " is marked @revoked in " + where + ":" + std::to_string(line.number) +
                      "; it must never be accepted: give the router a new host key (RouterOS: "
                      "/ip ssh regenerate-host-key) and check the new one out of band");
    }
  }

  int typemask =
      LIBSSH2_KNOWNHOST_TYPE_PLAIN | LIBSSH2_KNOWNHOST_KEYENC_RAW | knownhost_key_mask(type);
  const Line* changed = nullptr;
  std::string changed_key64;
  for (const Line& line : entries) {
    // One line at a time: a line libssh2 cannot parse is skipped, and a refusal names it.
    KnownHostsPtr hosts(libssh2_knownhost_init(io.session()));
    if (!hosts) {
      throw Error(ErrorKind::KnownHostsFile, "ssh " + endpoint + ": out of memory");
    }
    if (libssh2_knownhost_readline(hosts.get(), line.text.data(), line.text.size(),
                                   LIBSSH2_KNOWNHOST_FILE_OPENSSH) != 0) {
      continue;
    }
    libssh2_knownhost* found = nullptr;
    // Port -1: check exactly `name`, as OpenSSH does; with a port libssh2 would also accept
    // entries for the host on port 22.
    int rc = libssh2_knownhost_checkp(hosts.get(), name.c_str(), -1, key, length, typemask, &found);
    if (rc == LIBSSH2_KNOWNHOST_CHECK_MATCH) {
      return {fingerprint, key_type, name, false};
    }
    if (rc == LIBSSH2_KNOWNHOST_CHECK_MISMATCH && changed == nullptr) {
      changed = &line;
      changed_key64 = found != nullptr && found->key != nullptr ? found->key : "";
    }
  }
  if (changed != nullptr) {
    throw Error(ErrorKind::HostKeyChanged,
                "ssh " + endpoint + ": HOST KEY CHANGED: the server offers the " + key_type +
                    " key " + fingerprint + " but " + where + ":" +
                    std::to_string(changed->number) + " holds " +
                    stored_fingerprint(changed_key64) + " for '" + name +
                    "'; someone may be intercepting the connection, or the router's key was "
                    "regenerated; only if you know it was, remove the old line (ssh-keygen -R '" +
                    name + "' -f " + where + ") and " +
                    (command.empty() ? "connect once with --accept-new-host-key"
                                     : "record the new key once with: " + command));
  }
  if (!options.accept_new_host_key) {
    std::error_code ec;
    std::string missing = fs::exists(file, ec) ? "" : " (the file does not exist)";
    throw Error(ErrorKind::HostKeyUnknown,
                "ssh " + endpoint + ": unknown host key: the server's " + key_type + " key " +
                    fingerprint + " is not in " + where + missing + " for '" + name +
                    "'; compare that fingerprint with the router's own (on its console), then " +
                    (command.empty() ? "connect once with --accept-new-host-key to record it"
                                     : "record it once with: " + command));
  }
  append_line(file, name + " " + key_type + " " + key64 + "\n", endpoint);
  return {fingerprint, key_type, name, true};
}

}  // namespace rosgen::transport::detail
