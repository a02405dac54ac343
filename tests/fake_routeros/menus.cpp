// The menus the fake runs itself (see menus.hpp). Print output is simplified: a flags
// legend, then per item " N FL ;;; comment" and its properties on an indented line
// (`terse`: one line); print numbers count dynamic items, as RouterOS does. Ids from
// `find` are "*<hex>" of the print number plus one: not stable across changes (RouterOS's
// are), so scripts select by comment or name, as they should (reference §5).
#include "menus.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "emit/rsc_writer.hpp"
#include "routeros/canonical.hpp"

namespace rosgen::fake {

namespace {

enum class Table { Firewall, Scheduler, File, Job, Resource, Clock, Identity, DeviceMode, None };

struct Target {
  Table table = Table::None;
  std::optional<ir::Menu> menu;
};

Target target_of(const std::vector<std::string>& path) {
  std::string text = path_text(path);
  if (std::optional<ir::Menu> menu = ir::menu_from_path(text))
    return {Table::Firewall, menu};
  static const std::pair<const char*, Table> kTables[] = {
      {"/system scheduler", Table::Scheduler},   {"/file", Table::File},
      {"/system script job", Table::Job},        {"/system resource", Table::Resource},
      {"/system clock", Table::Clock},           {"/system identity", Table::Identity},
      {"/system device-mode", Table::DeviceMode}};
  for (const auto& [name, table] : kTables) {
    if (text == name)
      return {table, std::nullopt};
  }
  return {};
}

std::string hex_id(std::size_t position) {
  std::ostringstream out;
  out << '*' << std::uppercase << std::hex << position + 1;
  return out.str();
}

Record record_of(const ir::Item& item) {
  Record record;
  for (const ir::Property& p : item.properties) record[p.name] = p.value;
  return record;
}

std::vector<Record> file_records(const fs::path& root) {
  std::vector<Record> out;
  std::vector<fs::path> paths;
  for (const auto& entry : fs::recursive_directory_iterator(root)) paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  for (const fs::path& path : paths) {
    Record record;
    record["name"] = fs::relative(path, root).generic_string();
    bool directory = fs::is_directory(path);
    record["type"] = directory ? (record["name"] == "flash" ? "disk" : "directory")
                     : path.extension() == ".rsc" ? "script"
                                                  : "file";
    if (!directory)
      record["size"] = std::to_string(fs::file_size(path));
    out.push_back(std::move(record));
  }
  return out;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const char* kSchedulerKeys[] = {"name",     "on-event", "start-date", "start-time",
                                "interval", "disabled", "comment",    "policy"};

}  // namespace

class MenuRun {
 public:
  MenuRun(Interpreter& in, const Statement& statement, const Head& head,
          const std::vector<Word>& words)
      : in_(in), statement_(statement), head_(head), words_(words) {}

  std::optional<bool> run();
  std::optional<std::string> value(std::string* error, std::optional<std::size_t>* count);

 private:
  bool fail(const std::string& message, std::size_t word, bool syntax) {
    std::size_t offset = word < words_.size() ? words_[word].offset : 0;
    return in_.fail(message, statement_, offset, syntax);
  }

  std::vector<Record> records();
  std::optional<std::vector<std::size_t>> select(const Word& word, std::string* error);
  bool print();
  bool export_menu(bool all);
  bool scheduler_change();
  bool file_change();
  std::string system_value(const std::string& name);

  Interpreter& in_;
  const Statement& statement_;
  const Head& head_;
  const std::vector<Word>& words_;
  Target target_ = target_of(head_.path);
};

std::vector<Record> MenuRun::records() {
  std::vector<Record> out;
  switch (target_.table) {
    case Table::Firewall:
      for (const ir::Item& item : in_.device().state.items(*target_.menu))
        out.push_back(record_of(item));
      break;
    case Table::Scheduler:
      out = in_.device().scheduler;
      break;
    case Table::File:
      fs::create_directories(in_.options_.dir / "files" / "flash");
      out = file_records(in_.options_.dir / "files");
      break;
    case Table::Job:
      out = running_jobs(in_.options_.dir);
      break;
    default:
      break;
  }
  return out;
}

std::optional<std::vector<std::size_t>> MenuRun::select(const Word& word, std::string* error) {
  std::vector<Record> all = records();
  std::vector<std::size_t> out;
  if (word.name.starts_with('[')) {
    std::string body = inner(word.name);
    std::optional<std::vector<Word>> inner_words = split_words(body, error);
    if (!inner_words)
      return std::nullopt;
    std::optional<Head> head = parse_head(*inner_words, head_.path);
    if (!head || head->verb != "find" || head->path != head_.path) {
      *error = "the fake selects only with [find ...] on the same menu";
      return std::nullopt;
    }
    std::optional<Where> where = Where::parse(*inner_words, head->first_arg, error);
    if (!where)
      return std::nullopt;
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (where->matches(all[i]))
        out.push_back(i);
    }
    return out;
  }
  std::istringstream parts(word.name);
  std::string part;
  while (std::getline(parts, part, ',')) {
    std::optional<std::size_t> at;
    if (!part.empty() && std::all_of(part.begin(), part.end(), ::isdigit)) {
      at = std::stoul(part);
    } else if (part.starts_with('*') && part.size() > 1) {
      at = std::stoul(part.substr(1), nullptr, 16) - 1;
    } else {
      for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i]["name"] == part)
          at = i;
      }
    }
    if (!at || *at >= all.size()) {
      *error = "no such item";
      return std::nullopt;
    }
    out.push_back(*at);
  }
  return out;
}

bool MenuRun::print() {
  bool count_only = false;
  bool terse = false;
  std::size_t where_at = words_.size();
  for (std::size_t i = head_.first_arg; i < words_.size(); ++i) {
    const std::string& name = words_[i].name;
    if (words_[i].value && name == "proplist")
      continue;
    if (name == "where") {
      where_at = i + 1;
      break;
    }
    if (name == "count-only")
      count_only = true;
    else if (name == "terse" || name == "show-ids")
      terse = true;
    else if (name != "detail" && name != "without-paging" && name != "brief")
      return fail("expected end of command", i, true);
  }
  std::string error;
  std::optional<Where> where = Where::parse(words_, where_at, &error);
  if (!where)
    return fail("syntax error: " + error, where_at, true);
  if (in_.check_only_)
    return true;
  if (target_.table == Table::Resource || target_.table == Table::Clock ||
      target_.table == Table::Identity || target_.table == Table::DeviceMode) {
    for (const char* name : {"version", "uptime", "board-name", "architecture-name", "time", "date",
                             "name", "mode", "scheduler"}) {
      std::string v = system_value(name);
      if (!v.empty())
        in_.print(std::string(20 - std::min<std::size_t>(20, std::string(name).size()), ' ') +
                  name + ": " + v);
    }
    return true;
  }
  std::vector<Record> all = records();
  std::size_t n = 0;
  std::string body;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (!where->matches(all[i]))
      continue;
    ++n;
    if (count_only)
      continue;
    Record& r = all[i];
    std::string flags;
    flags += r["disabled"] == "yes" ? "X" : " ";
    flags += r["dynamic"] == "yes" ? "D" : " ";
    std::string line = (i < 10 ? " " : "") + std::to_string(i) + " " + flags;
    std::string properties;
    for (const auto& [key, value] : r) {
      if (key.starts_with('.') || key == "disabled" || key == "dynamic" ||
          (key == "comment" && !terse))
        continue;
      properties += " " + key + "=" + shown(value);
    }
    if (!terse && r.count("comment"))
      line += " ;;; " + r["comment"] + "\r\n     ";
    in_.print(line + properties);
  }
  if (count_only)
    in_.print(std::to_string(n));
  return true;
}

bool MenuRun::export_menu(bool all) {
  bool terse = false;
  std::optional<std::string> file;
  std::size_t where_at = words_.size();
  int major = in_.options_.control.major();
  for (std::size_t i = head_.first_arg; i < words_.size(); ++i) {
    const Word& w = words_[i];
    if (w.value && w.name == "file") {
      file = *w.value;
    } else if (!w.value && w.name == "where" && !all) {
      where_at = i + 1;
      break;
    } else if (!w.value && w.name == "terse") {
      terse = true;
    } else if (!w.value && (w.name == "compact" || w.name == "verbose")) {
    } else if (!w.value && w.name == (major >= 7 ? "show-sensitive" : "hide-sensitive")) {
    } else {
      return fail("expected end of command", i, true);
    }
  }
  std::string error;
  std::optional<Where> where = Where::parse(words_, where_at, &error);
  if (!where)
    return fail("syntax error: " + error, where_at, true);
  if (in_.check_only_)
    return true;
  std::int64_t now = now_epoch();
  std::string text = "# " + date_text(now) + " " + time_text(now) + " by RouterOS " +
                     in_.options_.control.version + "\r\n# software id = \r\n#\r\n";
  auto section = [&](const std::string& path, const std::vector<std::string>& lines) {
    if (lines.empty())
      return;
    if (!terse)
      text += path + "\r\n";
    for (const std::string& line : lines) text += (terse ? path + " " : "") + line + "\r\n";
  };
  std::vector<ir::Menu> menus;
  if (all)
    menus.assign(routeros::kModeledMenus.begin(), routeros::kModeledMenus.end());
  else if (target_.menu)
    menus.push_back(*target_.menu);
  for (ir::Menu menu : menus) {
    std::vector<std::string> lines;
    for (const ir::Item& item : in_.device().state.items(menu)) {
      if (routeros::is_dynamic(item) || !where->matches(record_of(item)))
        continue;
      std::string line = "add";
      for (const ir::Property& p : item.properties) line += " " + emit::property_text(p);
      lines.push_back(std::move(line));
    }
    section(std::string(ir::menu_path(menu)), lines);
  }
  if (all || target_.table == Table::Scheduler) {
    std::vector<std::string> lines;
    for (const Record& entry : in_.device().scheduler) {
      std::string line = "add";
      for (const auto& [key, value] : entry) {
        if (std::find(std::begin(kSchedulerKeys), std::end(kSchedulerKeys), key) !=
            std::end(kSchedulerKeys))
          line += " " + key + "=" + shown(value);
      }
      lines.push_back(std::move(line));
    }
    section("/system scheduler", lines);
  }
  if (file) {
    std::string name = *file + (file->ends_with(".rsc") ? "" : ".rsc");
    std::ofstream(in_.options_.dir / "files" / name, std::ios::binary) << text;
    return true;
  }
  in_.out_ += text;
  return true;
}

void Menus::schedule(Record& entry, std::int64_t now) {
  std::uint64_t interval = routeros::parse_routeros_time(entry["interval"]).value_or(0);
  std::optional<std::int64_t> start = parse_start(entry["start-date"], entry["start-time"]);
  std::optional<std::int64_t> next;
  if (start && interval > 0) {
    auto step = static_cast<std::int64_t>(interval);
    next = *start;
    if (*next <= now)
      *next += ((now - *next) / step + 1) * step;
  } else if (start && *start > now) {
    next = start;
  }
  entry[".next-run"] = next ? std::to_string(*next) : "";
  entry["next-run"] = next ? date_text(*next) + " " + time_text(*next) : "";
}

bool MenuRun::scheduler_change() {
  const std::string& verb = head_.verb;
  std::vector<Record>& entries = in_.device().scheduler;
  std::size_t first = head_.first_arg;
  std::vector<std::size_t> selected;
  std::string error;
  if (verb != "add") {
    if (first >= words_.size() || words_[first].value)
      return fail("expected item number or name", first, true);
    if (in_.check_only_)
      return true;
    std::optional<std::vector<std::size_t>> found = select(words_[first], &error);
    if (!found)
      return fail(error, first, false);
    selected = *found;
    ++first;
  }
  if (verb == "remove") {
    std::sort(selected.rbegin(), selected.rend());
    for (std::size_t i : selected) entries.erase(entries.begin() + static_cast<std::ptrdiff_t>(i));
    in_.changed_ = true;
    return true;
  }
  Record values;
  if (verb == "enable" || verb == "disable")
    values["disabled"] = verb == "disable" ? "yes" : "no";
  for (std::size_t i = first; i < words_.size(); ++i) {
    const Word& w = words_[i];
    bool known = std::find(std::begin(kSchedulerKeys), std::end(kSchedulerKeys), w.name) !=
                 std::end(kSchedulerKeys);
    if (!w.value || !known || verb == "enable" || verb == "disable")
      return fail("expected end of command", i, true);
    // Times the fake cannot read (an expression such as ([/system clock get time]+5m),
    // whose arithmetic is unverified on RouterOS, reference §5) are refused, never ignored.
    bool valid = true;
    if (w.name == "start-time")
      valid = *w.value == "startup" || parse_start("2000-01-01", *w.value).has_value();
    else if (w.name == "start-date")
      valid = parse_start(*w.value, "00:00:00").has_value();
    else if (w.name == "interval")
      valid = routeros::parse_routeros_time(*w.value).has_value();
    if (!valid)
      return fail("invalid value for argument " + w.name, i, true);
    if (w.name == "on-event" && w.value->starts_with('{'))
      values[w.name] = inner(*w.value);
    else
      values[w.name] = *w.value;
  }
  if (in_.check_only_)
    return true;
  std::int64_t now = now_epoch();
  if (verb == "add") {
    if (!in_.options_.control.scheduler_allowed)
      return fail("failure: not allowed by device-mode (scheduler=no)", 0, false);
    if (values["name"].empty())
      return fail("failure: name must be set", 0, false);
    for (const Record& e : entries) {
      if (e.at("name") == values["name"])
        return fail("failure: item with such name already exists", 0, false);
    }
    Record entry = {{"interval", "0s"},
                    {"disabled", "no"},
                    {"run-count", "0"},
                    {"owner", "admin"},
                    {"start-date", date_text(now)},
                    {"start-time", time_text(now)},
                    {"policy", "ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon"}};
    for (auto& [key, value] : values) entry[key] = value;
    Menus::schedule(entry, now);
    entries.push_back(std::move(entry));
  } else {
    for (std::size_t i : selected) {
      for (auto& [key, value] : values) entries[i][key] = value;
      Menus::schedule(entries[i], now);
    }
  }
  // Saved at once, not when the command or job ends: on a router the change is live at
  // once, and the daemon's late-event report (which reads the saved state while a job
  // holds the lock) must see an entry the job has just disabled as disabled.
  in_.device().save(in_.options_.dir);
  in_.changed_ = true;
  return true;
}

bool MenuRun::file_change() {
  const std::string& verb = head_.verb;
  fs::path root = in_.options_.dir / "files";
  if (verb == "add") {
    Record values;
    for (std::size_t i = head_.first_arg; i < words_.size(); ++i) {
      if (!words_[i].value ||
          (words_[i].name != "name" && words_[i].name != "contents" && words_[i].name != "type"))
        return fail("expected end of command", i, true);
      values[words_[i].name] = *words_[i].value;
    }
    if (in_.check_only_)
      return true;
    fs::path path = root / values["name"];
    if (values["name"].empty() || values["name"].find("..") != std::string::npos)
      return fail("failure: bad file name", 0, false);
    if (fs::exists(path))
      return fail("failure: file already exists", 0, false);
    fs::create_directories(path.parent_path());
    if (values["type"] == "directory")
      fs::create_directories(path);
    else
      std::ofstream(path, std::ios::binary) << values["contents"];
    return true;
  }
  std::size_t first = head_.first_arg;
  if (first >= words_.size() || words_[first].value)
    return fail("expected item number or name", first, true);
  if (in_.check_only_)
    return true;
  std::string error;
  std::optional<std::vector<std::size_t>> found = select(words_[first], &error);
  if (!found)
    return fail(error, first, false);
  std::vector<Record> all = records();
  for (std::size_t i : *found) {
    std::string name = all[i]["name"];
    if (name != "flash")
      fs::remove_all(root / name);
  }
  return true;
}

std::string MenuRun::system_value(const std::string& name) {
  std::int64_t now = now_epoch();
  switch (target_.table) {
    case Table::Resource:
      if (name == "version")
        return in_.options_.control.version + " (stable)";
      if (name == "board-name")
        return "CHR";
      if (name == "architecture-name")
        return "x86_64";
      if (name == "uptime")
        return "1h";
      break;
    case Table::Clock:
      if (name == "time")
        return time_text(now);
      if (name == "date")
        return date_text(now);
      break;
    case Table::Identity:
      if (name == "name")
        return "MikroTik";
      break;
    case Table::DeviceMode:
      if (name == "mode")
        return "advanced";
      if (name == "scheduler")
        return in_.options_.control.scheduler_allowed ? "yes" : "no";
      break;
    default:
      break;
  }
  return "";
}

std::optional<bool> MenuRun::run() {
  const std::string& verb = head_.verb;
  if (head_.path.empty() && verb == "export")
    return export_menu(true);
  if (target_.table == Table::None)
    return std::nullopt;
  bool system = target_.table == Table::Resource || target_.table == Table::Clock ||
                target_.table == Table::Identity || target_.table == Table::DeviceMode;
  if (verb == "print")
    return print();
  if (verb == "find" || verb == "get") {
    std::string error;
    if (!in_.check_only_ && !value(&error, nullptr))
      return fail(error, head_.first_arg, false);
    return true;
  }
  if (verb == "export" && (target_.table == Table::Firewall || target_.table == Table::Scheduler))
    return export_menu(false);
  if (target_.table == Table::Firewall) {
    if (verb == "reset-counters")
      return true;
    if (verb == "add" || verb == "set" || verb == "remove" || verb == "move" || verb == "enable" ||
        verb == "disable" || verb == "unset" || verb == "comment")
      return std::nullopt;  // the reader runs it
  }
  if (target_.table == Table::Scheduler &&
      (verb == "add" || verb == "set" || verb == "remove" || verb == "enable" || verb == "disable"))
    return scheduler_change();
  if (target_.table == Table::File && (verb == "add" || verb == "remove"))
    return file_change();
  if (target_.table == Table::Job && verb == "remove")
    return fail("failure: the fake cannot stop jobs", 0, false);
  (void)system;
  return fail("bad command name " + verb, head_.first_arg - 1, true);
}

std::optional<std::string> MenuRun::value(std::string* error, std::optional<std::size_t>* count) {
  const std::string& verb = head_.verb;
  if (verb == "print") {
    std::size_t before = in_.out_.size();
    if (!print()) {
      *error = in_.out_.substr(before);
      return std::nullopt;
    }
    std::string printed = in_.out_.substr(before);
    in_.out_.resize(before);
    while (printed.ends_with('\n') || printed.ends_with('\r')) printed.pop_back();
    return printed;
  }
  if (verb == "find") {
    std::optional<Where> where = Where::parse(words_, head_.first_arg, error);
    if (!where)
      return std::nullopt;
    std::vector<Record> all = records();
    std::string ids;
    std::size_t n = 0;
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (!where->matches(all[i]))
        continue;
      ids += (n++ ? ";" : "") + (target_.table == Table::Job ? all[i]["id"] : hex_id(i));
    }
    if (count)
      *count = n;
    return ids;
  }
  if (verb == "get") {
    std::size_t first = head_.first_arg;
    if (target_.table == Table::Resource || target_.table == Table::Clock ||
        target_.table == Table::Identity || target_.table == Table::DeviceMode) {
      std::string v = first < words_.size() ? system_value(words_[first].name) : "";
      if (v.empty())
        *error = "no such property";
      return v.empty() ? std::nullopt : std::optional(v);
    }
    if (first + 1 >= words_.size()) {
      *error = "expected item and property";
      return std::nullopt;
    }
    std::optional<std::vector<std::size_t>> found = select(words_[first], error);
    if (!found || found->size() != 1) {
      if (found)
        *error = "no such item";
      return std::nullopt;
    }
    Record r = records()[found->front()];
    const std::string& property = words_[first + 1].name;
    if (target_.table == Table::File && property == "contents")
      return read_text(in_.options_.dir / "files" / r["name"]);
    return r[property];
  }
  *error = "the fake cannot evaluate '" + verb + "' in an expression";
  return std::nullopt;
}

std::optional<bool> Menus::run(Interpreter& in, const Statement& statement, const Head& head,
                               const std::vector<Word>& words) {
  return MenuRun(in, statement, head, words).run();
}

std::optional<std::string> Menus::value(Interpreter& in, const Head& head,
                                        const std::vector<Word>& words, std::string* error,
                                        std::optional<std::size_t>* count) {
  Statement none;
  return MenuRun(in, none, head, words).value(error, count);
}

}  // namespace rosgen::fake
