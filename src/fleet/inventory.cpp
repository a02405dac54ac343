// Reading rosgen.toml (inventory.hpp) on top of config::TomlReader: each table's settings
// are read into a Settings of optional values, then every router's are laid over the
// [defaults] ones.
#include "fleet/inventory.hpp"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>

#include "config/toml_reader.hpp"

namespace rosgen::fleet {

namespace {

namespace fs = std::filesystem;

// The keys a router and [defaults] share.
const std::vector<std::string_view> kSettingKeys = {"anchor",      "connect-timeout", "identity",
                                                    "known-hosts", "policy",          "port",
                                                    "routeros",    "timeout",         "user"};

constexpr std::size_t kMaxNameLength = 64;
constexpr int kMaxSeconds = 86400;

// What one table ([defaults] or a [[router]]) says; absent: not said there.
struct Settings {
  std::optional<int> port;
  std::optional<std::string> user;
  std::optional<std::vector<fs::path>> identity;
  std::optional<fs::path> known_hosts;
  std::optional<std::string> policy;
  std::optional<std::pair<int, std::string>> routeros;  // major, as written
  std::optional<bool> anchor_top;
  std::optional<int> connect_timeout;
  std::optional<int> timeout;
};

fs::path home_directory() {
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') {
    const passwd* pw = ::getpwuid(::getuid());
    home = pw != nullptr ? pw->pw_dir : "/";
  }
  return home;
}

bool has_controls(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

// The major version of a RouterOS version written as "7", "7.16" or "6.49.10"; nullopt
// when it is none of those or the major is not 6 or 7.
std::optional<int> routeros_major(std::string_view text) {
  if (text.empty() || text.front() == '.' || text.back() == '.' ||
      text.find("..") != std::string_view::npos ||
      text.find_first_not_of("0123456789.") != std::string_view::npos ||
      std::count(text.begin(), text.end(), '.') > 2)
    return std::nullopt;
  std::string_view major = text.substr(0, text.find('.'));
  if (major == "6" || major == "7")
    return major[0] - '0';
  return std::nullopt;
}

class Reader : config::TomlReader {
 public:
  Reader(std::shared_ptr<const support::SourceFile> file, support::DiagnosticEngine& diags)
      : TomlReader(file, diags), base_(fs::path(file->name()).parent_path()) {}

  std::optional<Inventory> read() {
    std::optional<toml::table> parsed = parse();
    if (!parsed)
      return std::nullopt;
    std::size_t errors = diags().error_count();
    const toml::table& root = *parsed;
    check_keys(root, {"defaults", "router"}, "the inventory");
    Settings defaults;
    if (const toml::node* node = root.get("defaults")) {
      if (const toml::table* table = node->as_table())
        defaults = read_settings(*table, "[defaults]");
      else
        error(*node, "'defaults' must be a table ([defaults]), not " +
                         std::string(config::type_name(node->type())));
    }
    Inventory inventory;
    inventory.path = file()->name();
    const toml::node* routers = root.get("router");
    if (routers != nullptr && !config::is_tables(*routers)) {
      error(*routers, "'router' must be an array of tables, one [[router]] per router, not " +
                          std::string(config::type_name(routers->type())));
    } else if (routers != nullptr) {
      for (const toml::node& node : *routers->as_array())
        read_router(*node.as_table(), defaults, inventory);
    }
    if (diags().error_count() != errors)
      return std::nullopt;
    if (inventory.routers.empty()) {
      diags().error({file(), 0, 0},
                    "the inventory lists no routers: add a [[router]] table with 'name' and "
                    "'host' for each");
      return std::nullopt;
    }
    return inventory;
  }

 private:
  // A path as written, resolved: "~/..." under the home directory, a relative path under
  // the inventory's directory.
  fs::path resolve(const std::string& text) const {
    if (text == "~" || text.starts_with("~/"))
      return home_directory() / text.substr(std::min<std::size_t>(2, text.size()));
    fs::path path(text);
    if (path.is_absolute() || base_.empty())
      return path;
    return (base_ / path).lexically_normal();
  }

  // A non-empty string without control characters.
  std::optional<std::string> text_of(const toml::node& node, std::string_view key) {
    std::optional<std::string> text = string_of(node, key);
    if (text && text->empty()) {
      error(node, "'" + std::string(key) + "' must not be empty");
      return std::nullopt;
    }
    if (text && has_controls(*text)) {
      error(node, "'" + std::string(key) + "' must not hold control characters");
      return std::nullopt;
    }
    return text;
  }

  std::optional<fs::path> path_of(const toml::node& node, std::string_view key) {
    std::optional<std::string> text = text_of(node, key);
    return text ? std::optional<fs::path>(resolve(*text)) : std::nullopt;
  }

  std::optional<std::string> policy_of(const toml::node& node) {
    std::optional<fs::path> path = path_of(node, "policy");
    return path ? std::optional<std::string>(path->string()) : std::nullopt;
  }

  std::optional<int> ranged(const toml::node& node, std::string_view key, int low, int high,
                            std::string_view unit) {
    std::optional<std::int64_t> value = integer_of(node, key);
    if (value && (*value < low || *value > high)) {
      error(node, "'" + std::string(key) + "' must be " + std::string(unit) + " from " +
                      std::to_string(low) + " to " + std::to_string(high) + ", not " +
                      std::to_string(*value));
      return std::nullopt;
    }
    return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
  }

  std::optional<std::vector<fs::path>> identities_of(const toml::node& node) {
    if (node.is_string()) {
      std::optional<fs::path> path = path_of(node, "identity");
      return path ? std::optional<std::vector<fs::path>>({*path}) : std::nullopt;
    }
    const toml::array* array = node.as_array();
    if (array == nullptr) {
      error(node, "'identity' must be a key file or a list of key files, not " +
                      std::string(config::type_name(node.type())));
      return std::nullopt;
    }
    std::vector<fs::path> files;
    bool ok = true;
    for (const toml::node& element : *array) {
      std::optional<fs::path> path = path_of(element, "identity");
      ok = ok && path.has_value();
      if (path)
        files.push_back(*path);
    }
    return ok ? std::optional<std::vector<fs::path>>(std::move(files)) : std::nullopt;
  }

  std::optional<std::pair<int, std::string>> routeros_of(const toml::node& node) {
    std::string text;
    if (const auto* integer = node.as_integer()) {
      text = std::to_string(integer->get());
    } else if (const auto* string = node.as_string()) {
      text = string->get();
    } else if (node.is_floating_point()) {
      error(node,
            "'routeros' must be a version in quotes, such as \"7.16\": unquoted, TOML "
            "reads it as a number");
      return std::nullopt;
    } else {
      error(node, "'routeros' must be a version string such as \"7.16\", not " +
                      std::string(config::type_name(node.type())));
      return std::nullopt;
    }
    if (std::optional<int> major = routeros_major(text))
      return std::pair{*major, text};
    error(node,
          "'routeros' must be a RouterOS version such as \"7.16\" or \"6.49.10\" (major 6 "
          "or 7), not '" +
              text + "'");
    return std::nullopt;
  }

  std::optional<bool> anchor_of(const toml::node& node) {
    std::optional<std::string> text = string_of(node, "anchor");
    if (text && (*text == "top" || *text == "bottom"))
      return *text == "top";
    if (text)
      error(node,
            "'anchor' must be 'top' (before the router's own rules) or 'bottom' (after "
            "them), not '" +
                *text + "'");
    return std::nullopt;
  }

  // Reads one setting into `s`; false when `key` is none.
  bool read_setting(std::string_view key, const toml::node& node, Settings& s) {
    if (key == "port")
      s.port = ranged(node, "port", 1, 65535, "a port");
    else if (key == "user")
      s.user = text_of(node, "user");
    else if (key == "identity")
      s.identity = identities_of(node);
    else if (key == "known-hosts")
      s.known_hosts = path_of(node, "known-hosts");
    else if (key == "policy")
      s.policy = policy_of(node);
    else if (key == "routeros")
      s.routeros = routeros_of(node);
    else if (key == "anchor")
      s.anchor_top = anchor_of(node);
    else if (key == "connect-timeout")
      s.connect_timeout = ranged(node, "connect-timeout", 1, kMaxSeconds, "seconds");
    else if (key == "timeout")
      s.timeout = ranged(node, "timeout", 1, kMaxSeconds, "seconds");
    else
      return false;
    return true;
  }

  // The settings of `table`, read in file order so that its errors come in that order.
  Settings read_settings(const toml::table& table, std::string_view what) {
    if (what == "[defaults]") {
      check_keys(table, kSettingKeys, what, {"host", "name"});  // those two: below
    }
    Settings s;
    for (auto [key_ptr, node] : config::in_file_order(table)) {
      std::string_view key = key_ptr->str();
      if (!read_setting(key, *node, s) && what == "[defaults]" && (key == "name" || key == "host"))
        error(*node,
              "'" + std::string(key) + "' cannot be a default: each [[router]] gives its own");
    }
    return s;
  }

  std::optional<std::string> name_of(const toml::node& node) {
    std::optional<std::string> name = string_of(node, "name");
    if (!name)
      return std::nullopt;
    bool ok = !name->empty() && name->size() <= kMaxNameLength &&
              std::all_of(name->begin(), name->end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '.' || c == '_' || c == '-';
              });
    if (!ok) {
      error(node, "a router's name must be 1 to " + std::to_string(kMaxNameLength) +
                      " letters, digits, '.', '_' or '-'");
      return std::nullopt;
    }
    auto [first, inserted] = names_.emplace(*name, range(node.source()));
    if (!inserted) {
      error(node, "duplicate router name '" + *name + "'")
          .notes.push_back(support::make_note(first->second, "first used here"));
      return std::nullopt;
    }
    return name;
  }

  std::optional<std::string> host_of(const toml::node& node) {
    std::optional<std::string> host = text_of(node, "host");
    if (!host)
      return std::nullopt;
    if (host->find_first_of(" \t") != std::string::npos) {
      error(node, "'host' must be one name or address, without blanks");
      return std::nullopt;
    }
    if (std::count(host->begin(), host->end(), ':') == 1) {
      error(node,
            "'host' holds a port: write it as 'port = " + host->substr(host->find(':') + 1) + "'");
      return std::nullopt;
    }
    return host;
  }

  void read_router(const toml::table& table, const Settings& defaults, Inventory& inventory) {
    std::size_t errors = diags().error_count();
    std::vector<std::string_view> allowed = {"host", "name"};
    allowed.insert(allowed.end(), kSettingKeys.begin(), kSettingKeys.end());
    check_keys(table, allowed, "a router");
    Router router;
    if (const toml::node* node = require(table, "name", "a router"))
      router.name = name_of(*node).value_or("");
    std::string what = router.name.empty() ? "a router" : "router '" + router.name + "'";
    if (const toml::node* node = require(table, "host", what))
      router.ssh.host = host_of(*node).value_or("");
    Settings own = read_settings(table, what);
    if (diags().error_count() != errors)
      return;
    std::optional<std::string> policy = own.policy ? own.policy : defaults.policy;
    if (!policy) {
      diags().error(start_of(table.source()),
                    what + " needs 'policy' (in its [[router]] table or in [defaults])");
      return;
    }
    router.policy = *policy;
    transport::Options& ssh = router.ssh;
    ssh.port = own.port.value_or(defaults.port.value_or(ssh.port));
    ssh.user = own.user.value_or(defaults.user.value_or(""));
    if (own.identity || defaults.identity)
      ssh.identity_files = own.identity ? own.identity : defaults.identity;
    ssh.known_hosts = own.known_hosts.value_or(defaults.known_hosts.value_or(fs::path()));
    if (int s = own.connect_timeout.value_or(defaults.connect_timeout.value_or(0)); s > 0)
      ssh.connect_timeout = std::chrono::seconds(s);
    if (int s = own.timeout.value_or(defaults.timeout.value_or(0)); s > 0)
      ssh.step_timeout = std::chrono::seconds(s);
    ssh.ask_secret = nullptr;  // never a prompt per router (inventory.hpp)
    if (auto routeros = own.routeros ? own.routeros : defaults.routeros) {
      router.target = routeros->first;
      router.routeros = routeros->second;
    }
    router.anchor_top = own.anchor_top ? own.anchor_top : defaults.anchor_top;
    inventory.routers.push_back(std::move(router));
  }

  fs::path base_;                                      // the inventory's directory
  std::map<std::string, support::SourceRange> names_;  // router names seen, where
};

}  // namespace

std::optional<Inventory> read_inventory(const std::shared_ptr<const support::SourceFile>& file,
                                        support::DiagnosticEngine& diags) {
  return Reader(file, diags).read();
}

std::optional<Inventory> load_inventory(const std::string& path, support::DiagnosticEngine& diags,
                                        std::vector<support::InputFile>* inputs) {
  return read_inventory(support::open_source_file(path, inputs), diags);
}

}  // namespace rosgen::fleet
