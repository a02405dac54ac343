// The fake device's directory, state file, lock, logs and jobs (see device.hpp).
#include "device.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace rosgen::fake {

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file_atomically(const fs::path& path, const std::string& text) {
  fs::path temp = path;
  temp += ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out)
      throw std::runtime_error("cannot write " + temp.string());
  }
  fs::rename(temp, path);
}

std::optional<ir::Menu> menu_by_short_name(std::string_view name) {
  for (ir::Menu menu : routeros::kModeledMenus) {
    if (ir::menu_short_name(menu) == name)
      return menu;
  }
  return std::nullopt;
}

// Appends one line to `path` under an exclusive flock of the file itself.
void append_line(const fs::path& path, const std::string& line) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0)
    return;
  ::flock(fd, LOCK_EX);
  std::string text = line + "\n";
  [[maybe_unused]] ssize_t n = ::write(fd, text.data(), text.size());
  ::close(fd);
}

}  // namespace

// control.conf keys: drop-before=N drop-after=N drop-matching=REGEX drop-matching-nth=N
// delay-ms=N delay-matching=REGEX delay-matching-nth=N statement-delay-ms=N
// reject=REGEX reject-message=TEXT reject-syntax=REGEX lockout-after-import=yes version=7.16.2
// device-mode-scheduler=no. Unknown keys are an error (a typo must not pass silently).
Control Control::load(const fs::path& dir) {
  Control control;
  std::istringstream lines(read_file(dir / "control.conf"));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#')
      continue;
    std::size_t eq = line.find('=');
    if (eq == std::string::npos)
      throw std::runtime_error("control.conf: expected key=value: " + line);
    std::string key = line.substr(0, eq);
    std::string value = line.substr(eq + 1);
    if (key == "drop-before")
      control.drop_before = std::stoull(value);
    else if (key == "drop-after")
      control.drop_after = std::stoull(value);
    else if (key == "drop-matching")
      control.drop_matching = value;
    else if (key == "drop-matching-nth")
      control.drop_matching_nth = std::stoull(value);
    else if (key == "delay-ms")
      control.delay_ms = std::stoi(value);
    else if (key == "delay-matching")
      control.delay_matching = value;
    else if (key == "delay-matching-nth")
      control.delay_matching_nth = std::stoull(value);
    else if (key == "statement-delay-ms")
      control.statement_delay_ms = std::stoi(value);
    else if (key == "reject")
      control.reject = value;
    else if (key == "reject-syntax")
      control.reject_syntax = value;
    else if (key == "reject-message")
      control.reject_message = value;
    else if (key == "lockout-after-import")
      control.lockout_after_import = value == "yes";
    else if (key == "version")
      control.version = value;
    else if (key == "device-mode-scheduler")
      control.scheduler_allowed = value != "no";
    else
      throw std::runtime_error("control.conf: unknown key '" + key + "'");
  }
  return control;
}

int Control::major() const {
  return std::atoi(version.c_str());
}

int Control::minor() const {
  std::size_t dot = version.find('.');
  return dot == std::string::npos ? 0 : std::atoi(version.c_str() + dot + 1);
}

Device Device::load(const fs::path& dir) {
  Device device;
  fs::path path = dir / "state.json";
  if (!fs::exists(path))
    return device;
  nlohmann::json json = nlohmann::json::parse(read_file(path));
  for (const auto& [name, items] : json.at("menus").items()) {
    std::optional<ir::Menu> menu = menu_by_short_name(name);
    if (!menu)
      throw std::runtime_error("state.json: unknown menu " + name);
    for (const auto& properties : items) {
      ir::Item item;
      item.menu = *menu;
      for (const auto& [key, value] : properties.items()) item.set(key, value.get<std::string>());
      device.state.items(*menu).push_back(std::move(item));
    }
  }
  for (const auto& entry : json.at("scheduler")) {
    Record record;
    for (const auto& [key, value] : entry.items()) record[key] = value.get<std::string>();
    device.scheduler.push_back(std::move(record));
  }
  device.locked_out = json.value("locked_out", false);
  device.locked_at = json.value("locked_at", std::int64_t{0});
  device.lockout_used = json.value("lockout_used", false);
  device.next_job = json.value("next_job", std::uint64_t{1});
  routeros::sync_dynamic_items(device.state);
  return device;
}

void Device::save(const fs::path& dir) const {
  nlohmann::ordered_json json;
  json["menus"] = nlohmann::ordered_json::object();
  routeros::RouterState plain = routeros::exported(state);
  std::string terse;
  for (ir::Menu menu : routeros::kModeledMenus) {
    auto& items = json["menus"][std::string(ir::menu_short_name(menu))];
    items = nlohmann::ordered_json::array();
    for (const ir::Item& item : plain.items(menu)) {
      nlohmann::ordered_json properties = nlohmann::ordered_json::object();
      terse += std::string(ir::menu_path(menu)) + " add";
      for (const ir::Property& p : item.properties) {
        properties[p.name] = p.value;
        terse += " " + p.name + "=" + shown(p.value);
      }
      terse += "\n";
      items.push_back(std::move(properties));
    }
  }
  json["scheduler"] = nlohmann::ordered_json::array();
  for (const Record& record : scheduler) {
    nlohmann::ordered_json entry = nlohmann::ordered_json::object();
    for (const auto& [key, value] : record) entry[key] = value;
    json["scheduler"].push_back(std::move(entry));
  }
  json["locked_out"] = locked_out;
  json["locked_at"] = locked_at;
  json["lockout_used"] = lockout_used;
  json["next_job"] = next_job;
  write_file_atomically(dir / "state.json", json.dump(1) + "\n");
  // Read by new sessions without the lock (a job may hold it for minutes).
  std::error_code ignored;
  if (locked_out)
    write_file_atomically(dir / "locked-out", std::to_string(locked_at) + "\n");
  else
    fs::remove(dir / "locked-out", ignored);
  write_file_atomically(dir / "export.rsc", terse);
}

DeviceLock::DeviceLock(const fs::path& dir) {
  fd_ = ::open((dir / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0 || ::flock(fd_, LOCK_EX) != 0)
    throw std::runtime_error("cannot lock " + (dir / "lock").string());
}

bool DeviceLock::available(const fs::path& dir) {
  int fd = ::open((dir / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    return false;
  bool free = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
  ::close(fd);
  return free;
}

DeviceLock::~DeviceLock() {
  if (fd_ >= 0)
    ::close(fd_);
}

std::uint64_t record_command(const fs::path& dir, const std::string& text) {
  int fd = ::open((dir / "commands.log").c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0)
    throw std::runtime_error("cannot open commands.log");
  ::flock(fd, LOCK_EX);
  std::string before = read_file(dir / "commands.log");
  std::uint64_t number = 1;
  for (char c : before) number += c == '\n' ? 1 : 0;
  std::string flat = text;
  for (char& c : flat) c = c == '\n' ? ' ' : c;
  std::string line = std::to_string(number) + " " + flat + "\n";
  [[maybe_unused]] ssize_t n = ::write(fd, line.data(), line.size());
  ::close(fd);
  return number;
}

std::uint64_t count_commands_matching(const fs::path& dir, const std::string& pattern) {
  std::regex regex(pattern);
  std::istringstream lines(read_file(dir / "commands.log"));
  std::uint64_t count = 0;
  for (std::string line; std::getline(lines, line);) {
    std::size_t space = line.find(' ');
    if (space != std::string::npos && std::regex_search(line.substr(space + 1), regex))
      ++count;
  }
  return count;
}

void record_unmodeled(const fs::path& dir, const std::string& text) {
  append_line(dir / "unmodeled.log", text);
}

std::int64_t now_epoch() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string date_text(std::int64_t epoch) {
  std::time_t t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
  return buffer;
}

std::string time_text(std::int64_t epoch) {
  std::time_t t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%H:%M:%S", &tm);
  return buffer;
}

std::optional<std::int64_t> parse_start(const std::string& date, const std::string& time) {
  std::tm tm{};
  static constexpr const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};
  int year = 0;
  int month = 0;
  int day = 0;
  if (std::sscanf(date.c_str(), "%d-%d-%d", &year, &month, &day) != 3) {
    char name[4] = {};
    if (std::sscanf(date.c_str(), "%3s/%d/%d", name, &day, &year) != 3)
      return std::nullopt;
    for (int m = 0; m < 12; ++m) month = std::string(name) == kMonths[m] ? m + 1 : month;
    if (month == 0)
      return std::nullopt;
  }
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (std::sscanf(time.c_str(), "%d:%d:%d", &hour, &minute, &second) != 3)
    return std::nullopt;
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  tm.tm_isdst = -1;
  return static_cast<std::int64_t>(std::mktime(&tm));
}

std::string queue_job(const fs::path& dir, Device& device, const std::string& script,
                      const std::string& origin) {
  std::string id = std::to_string(device.next_job++);
  fs::create_directories(dir / "jobs");
  write_file_atomically(dir / "jobs" / (id + ".rsc"), script);
  write_file_atomically(dir / "jobs" / (id + ".pid"), "queued " + origin + "\n");
  return "*" + id;
}

pid_t start_job(const fs::path& self, const fs::path& dir, const std::string& id) {
  write_file_atomically(dir / "jobs" / (id + ".pid"), "starting " + job_origin(dir, id) + "\n");
  pid_t child = ::fork();
  if (child < 0)
    throw std::runtime_error("fork failed");
  if (child == 0) {
    int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 0);
    ::dup2(null, 1);
    ::dup2(null, 2);
    for (int fd = 3; fd < 1024; ++fd) ::close(fd);
    std::string self_text = self.string();
    std::string dir_text = dir.string();
    ::execl(self_text.c_str(), self_text.c_str(), "--job", dir_text.c_str(), id.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return child;
}

std::string job_origin(const fs::path& dir, const std::string& id) {
  std::istringstream words(read_file(dir / "jobs" / (id + ".pid")));
  std::string first;
  std::string origin;
  words >> first >> origin;
  return origin;
}

std::vector<std::string> queued_jobs(const fs::path& dir) {
  std::vector<std::string> out;
  for (const Record& job : running_jobs(dir)) {
    if (job.at("state") == "queued")
      out.push_back(job.at("id").substr(1));
  }
  return out;
}

std::vector<Record> running_jobs(const fs::path& dir) {
  std::vector<Record> out;
  if (!fs::exists(dir / "jobs"))
    return out;
  std::vector<fs::path> pids;
  for (const auto& entry : fs::directory_iterator(dir / "jobs")) {
    if (entry.path().extension() == ".pid")
      pids.push_back(entry.path());
  }
  std::sort(pids.begin(), pids.end(), [](const fs::path& a, const fs::path& b) {
    return std::stoull(a.stem().string()) < std::stoull(b.stem().string());
  });
  for (const fs::path& path : pids) {
    std::string text = read_file(path);
    Record record;
    record["id"] = "*" + path.stem().string();
    std::istringstream words(text);
    std::string first;
    std::string origin;
    words >> first >> origin;
    record["origin"] = origin;
    record["state"] = first == "queued" || first == "starting" ? first : "running";
    if (record["state"] == "running") {
      pid_t pid = static_cast<pid_t>(std::atol(first.c_str()));
      if (pid <= 0 || (::kill(pid, 0) != 0 && errno == ESRCH)) {
        std::error_code ignored;
        fs::remove(path, ignored);  // a job that died without cleaning up
        continue;
      }
      record["pid"] = first;
    }
    out.push_back(std::move(record));
  }
  return out;
}

}  // namespace rosgen::fake
