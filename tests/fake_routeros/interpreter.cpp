// The fake RouterOS CLI's dispatch, script commands and /import (see interpreter.hpp).
// Texts it prints (RouterOS-like; what a client detects, reference §5.1):
//   bad command name X (line L column C)     unknown command or menu verb
//   expected end of command (line L column C) unknown argument (also: add with an unknown
//                                             property; dry-run before 7.16)
//   syntax error: ... (line L column C)      a value or bracket the fake cannot read
//   failure: ... / no such item ...          a run-time refusal (nothing printed after it)
//   /import: "Script file loaded and executed successfully"; a syntax error anywhere:
//   the error, then "Script Error: nothing imported (syntax error)"; a run-time failure:
//   the error, then "Script Error: import stopped at line N; the lines before it stay
//   applied"; dry-run: every syntax error, then "Script Error: dry-run found N errors"
//   or "Script file loaded successfully (dry-run: nothing changed)".
#include "interpreter.hpp"

#include <cctype>
#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "menus.hpp"
#include "routeros/canonical.hpp"
#include "routeros/script_reader.hpp"

namespace rosgen::fake {

namespace {

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// True when `path` names no menu RouterOS has, judged by the menus the fake knows in full:
// the modeled ones (nothing below them) and the directories above them. *extra: the first
// word that makes it unknown.
bool unknown_menu(const std::string& path, std::string* extra) {
  if (ir::menu_from_path(path))
    return false;
  for (ir::Menu menu : routeros::kModeledMenus) {
    std::string known(ir::menu_path(menu));
    if (path.starts_with(known + " ")) {
      std::string rest = path.substr(known.size() + 1);
      *extra = rest.substr(0, rest.find(' '));
      return true;
    }
  }
  static const std::pair<std::string_view, std::string_view> kDirectories[] = {
      {"/ip firewall",
       " filter mangle nat raw address-list layer7-protocol connection service-port calea "},
      {"/queue", " tree type simple interface "}};
  for (const auto& [directory, children] : kDirectories) {
    if (!path.starts_with(std::string(directory) + " "))
      continue;
    std::string rest = path.substr(directory.size() + 1);
    std::string child = rest.substr(0, rest.find(' '));
    if (children.find(" " + child + " ") == std::string_view::npos) {
      *extra = child;
      return true;
    }
  }
  return false;
}

// The offset of `word` after the statement's first word (for error columns).
std::size_t word_offset(const std::string& text, const std::string& word) {
  std::size_t at = text.find(" " + word);
  return at == std::string::npos ? 0 : at + 1;
}

}  // namespace

// `block` with every unescaped $<name> replaced by `value` escaped for a quoted string.
std::string substitute(std::string_view block, const std::string& name, const std::string& value) {
  std::string escaped;
  for (char c : value) {
    if (c == '"' || c == '\\' || c == '$')
      escaped += '\\';
    escaped += c;
  }
  auto name_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
  };
  std::string out;
  for (std::size_t i = 0; i < block.size(); ++i) {
    if (block[i] == '\\' && i + 1 < block.size()) {
      out += block.substr(i, 2);
      ++i;
      continue;
    }
    std::size_t end = i + 1 + name.size();
    if (block[i] == '$' && block.substr(i + 1, name.size()) == name &&
        (end >= block.size() || !name_char(block[end]))) {
      out += escaped;
      i = end - 1;
      continue;
    }
    out += block[i];
  }
  return out;
}

namespace {

void sleep_ms(int ms) {
  if (ms > 0)
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

}  // namespace

Interpreter::Interpreter(Options options) : options_(std::move(options)) {}

Interpreter::~Interpreter() = default;

Device& Interpreter::device() {
  if (!device_) {
    lock_ = std::make_unique<DeviceLock>(options_.dir);
    device_ = Device::load(options_.dir);
  }
  return *device_;
}

void Interpreter::finish() {
  if (device_ && changed_)
    device_->save(options_.dir);
  changed_ = false;
  device_.reset();
  lock_.reset();
}

void Interpreter::print(std::string_view line) {
  out_ += line;
  out_ += "\r\n";
}

bool Interpreter::fail(const std::string& message, const Statement& statement, std::size_t offset,
                       bool syntax) {
  std::string where = " (line " + std::to_string(statement.line + line_offset_) + " column " +
                      std::to_string(statement.column + offset) + ")";
  if (check_only_) {
    check_errors_.push_back(message + where);
    return true;  // the syntax pass goes on, to list every error
  }
  print(syntax ? message + where : message);
  failed_line_ = statement.line + line_offset_;
  return false;
}

bool Interpreter::run(std::string_view text) {
  return run_statements(text);
}

bool Interpreter::run_statements(std::string_view text) {
  SplitResult split = split_statements(text);
  if (split.error) {
    Statement where{"", split.error_line, split.error_column};
    fail("syntax error: " + *split.error, where, 0, true);
    return false;
  }
  std::vector<std::string> path;
  for (const Statement& s : split.statements) {
    if (options_.control.reject_syntax &&
        std::regex_search(s.text, std::regex(*options_.control.reject_syntax))) {
      fail("expected end of command", s, 0, true);
      if (!check_only_)
        return false;
      continue;
    }
    if (!check_only_) {
      sleep_ms(options_.control.statement_delay_ms);
      if (options_.control.reject &&
          std::regex_search(s.text, std::regex(*options_.control.reject)))
        return fail(options_.control.reject_message, s, 0, false);
    }
    if (!statement(s, path) && !check_only_)
      return false;
  }
  return true;
}

bool Interpreter::statement(const Statement& s, std::vector<std::string>& path) {
  std::string error;
  std::optional<std::vector<Word>> words = split_words(s.text, &error);
  if (!words)
    return fail("syntax error: " + error, s, 0, true);
  if (words->empty())
    return true;
  char c = s.text[0];
  if (c == ':')
    return script_command(s, *words, path);
  if (c == '{' || c == '$')
    return reader_statement(s, s.text);  // rosgen's placement blocks; other scripting
  std::optional<Head> head = parse_head(*words, path);
  if (!head)
    return fail("bad command name " + (*words)[0].name, s, 0, true);
  std::string menu = path_text(head->path);
  std::string extra;
  if (head->verb.empty()) {  // a section header
    if (unknown_menu(menu, &extra))
      return fail("bad command name " + extra, s, word_offset(s.text, extra), true);
    path = head->path;
    return true;
  }
  if (!is_verb(head->verb))
    return fail("bad command name " + head->verb, s, head->verb_offset, true);
  if (unknown_menu(menu, &extra))
    return fail("bad command name " + extra, s, word_offset(s.text, extra), true);
  if (head->path.empty() && head->verb == "import")
    return import(s, *words, head->first_arg);
  if (std::optional<bool> done = Menus::run(*this, s, *head, *words))
    return *done;
  std::string rest = s.text.substr(head->verb_offset);
  if (head->verb == "enable" || head->verb == "disable") {
    rest = "set" + rest.substr(head->verb.size()) +
           (head->verb == "enable" ? " disabled=no" : " disabled=yes");
  }
  return reader_statement(s, menu + " " + rest);
}

bool Interpreter::reader_statement(const Statement& s, const std::string& text) {
  auto file = std::make_shared<const support::SourceFile>("command", text);
  // First as an export, on an empty router: what RouterOS's parser refuses (an unknown
  // property, a value the reader cannot know) stops the statement before it changes anything.
  if (!prechecked_ || check_only_) {
    support::DiagnosticEngine diags;
    routeros::ReadResult result = routeros::read_script(file, diags);
    for (const support::Diagnostic& d : diags.diagnostics()) {
      if (d.severity == support::Severity::Error)
        return fail("syntax error: " + d.message, s, 0, true);
      if (d.message.starts_with("unknown property")) {  // "unknown property 'x' for ..."
        std::size_t open = d.message.find('\'');
        std::string name = d.message.substr(open + 1, d.message.find('\'', open + 1) - open - 1);
        std::size_t at = s.text.find(" " + name + "=");
        return fail("expected end of command", s, at == std::string::npos ? 0 : at + 1, true);
      }
    }
    for (const routeros::OpaqueStatement& op : result.opaque) {
      if (ir::menu_from_path(op.menu))
        return fail(
            "failure: the fake RouterOS does not model this (" + op.menu + ": " + op.reason + ")",
            s, 0, false);
    }
    if (check_only_)
      return true;
    for (const routeros::OpaqueStatement& op : result.opaque)
      record_unmodeled(options_.dir, text + "    # " + op.menu + ": " + op.reason);
    if (!result.opaque.empty() && result.commands == 0)
      return true;
  }
  support::DiagnosticEngine diags;
  routeros::ReadOptions options;
  options.import = true;
  routeros::ReadResult result =
      routeros::read_script(file, diags, std::move(device().state), options);
  device().state = std::move(result.state);
  changed_ = true;
  if (prechecked_) {
    for (const routeros::OpaqueStatement& op : result.opaque)
      record_unmodeled(options_.dir, text + "    # " + op.menu + ": " + op.reason);
  }
  for (const support::Diagnostic& d : diags.diagnostics()) {
    if (d.severity != support::Severity::Error)
      continue;
    std::string message = d.message;
    std::size_t cut = message.find("; /import stops here");
    if (cut != std::string::npos)
      message.resize(cut);
    if (!message.starts_with("failure:") && message.find("no such item") == std::string::npos)
      message = "failure: " + message;
    return fail(message, s, 0, false);
  }
  return true;
}

bool Interpreter::script_command(const Statement& s, const std::vector<Word>& words,
                                 const std::vector<std::string>& path) {
  const std::string& name = words[0].name;
  std::string error;
  if (name == ":put") {
    std::string value;
    if (words.size() > 1) {
      const Word& w = words[1];
      if (!w.quoted && w.name.starts_with('[')) {
        if (check_only_)
          return true;
        std::optional<std::string> v = evaluate(w.name, path, &error);
        if (!v)
          return fail(error, s, w.offset, false);
        value = *v;
      } else if (!w.quoted && (w.name.starts_with('(') || w.name.starts_with('$'))) {
        return fail("failure: the fake RouterOS cannot evaluate '" + w.name + "'", s, w.offset,
                    false);
      } else {
        value = w.name;
      }
    }
    if (!check_only_)
      print(value);
    return true;
  }
  if (name == ":delay") {
    std::string text = words.size() > 1 ? words[1].name : "1s";
    int ms = 0;
    if (text.ends_with("ms")) {
      ms = std::atoi(text.c_str());
    } else if (auto seconds = routeros::parse_routeros_time(text)) {
      ms = static_cast<int>(*seconds * 1000);
    } else {
      return fail("invalid value for argument delay-time", s, words[1].offset, true);
    }
    if (!check_only_)
      sleep_ms(ms);
    return true;
  }
  if (name == ":log")
    return true;
  if (name == ":error") {
    if (check_only_)
      return true;
    return fail(words.size() > 1 ? words[1].name : "error", s, 0, false);
  }
  if (name == ":execute") {
    std::string script;
    for (std::size_t i = 1; i < words.size(); ++i) {
      if (words[i].value && words[i].name == "script")
        script = words[i].value->starts_with('{') ? inner(*words[i].value) : *words[i].value;
      else if (!words[i].value)
        script = words[i].name.starts_with('{') ? inner(words[i].name) : words[i].name;
      else
        return fail("expected end of command", s, words[i].offset, true);
    }
    if (check_only_)
      return true;
    queue_job(options_.dir, device(), script, "execute");
    changed_ = true;
    return true;
  }
  if (name == ":do") {
    if (words.size() < 2 || !words[1].name.starts_with('{'))
      return fail("syntax error: :do needs { ... }", s, 0, true);
    std::optional<std::string> handler;
    for (std::size_t i = 2; i < words.size(); ++i) {
      if (words[i].value && words[i].name == "on-error")
        handler = *words[i].value;
      else
        return fail("expected end of command", s, words[i].offset, true);
    }
    if (check_only_) {
      run_block(words[1].name);
      return !handler || run_block(*handler);
    }
    std::size_t before = out_.size();
    if (run_block(words[1].name))
      return true;
    if (!handler)
      return false;
    out_.resize(before);  // on-error catches the failure and its text
    return run_block(*handler);
  }
  if (name == ":onerror")
    return onerror(s, words);
  static const std::string_view kScripting[] = {":if",  ":local", ":global", ":foreach",
                                                ":for", ":while", ":set",    ":return"};
  for (std::string_view word : kScripting) {
    if (name == word)
      return reader_statement(s, s.text);
  }
  return fail("bad command name " + name.substr(1), s, 0, true);
}

bool Interpreter::onerror(const Statement& s, const std::vector<Word>& words) {
  const Control& control = options_.control;
  if (control.major() < 7 || (control.major() == 7 && control.minor() < 13))
    return fail("bad command name onerror", s, 0, true);  // 7.13+ [RESTRAML]
  if (words.size() != 4 || words[1].value || !words[2].value || words[2].name != "in" ||
      !words[3].value || words[3].name != "do")
    return fail("syntax error: :onerror NAME in={ ... } do={ ... }", s, 0, true);
  if (check_only_) {
    run_block(*words[2].value);
    return run_block(*words[3].value);
  }
  std::size_t before = out_.size();
  if (run_block(*words[2].value))
    return true;
  // The error's text: what the failure printed, its lines joined by "; ".
  std::string text;
  std::istringstream printed(out_.substr(before));
  for (std::string line; std::getline(printed, line);) {
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    if (!line.empty())
      text += (text.empty() ? "" : "; ") + line;
  }
  out_.resize(before);
  return run_block(substitute(*words[3].value, words[1].name, text));
}

bool Interpreter::run_block(std::string_view block) {
  ++depth_;
  bool ok = run_statements(inner(block));
  --depth_;
  return ok;
}

std::optional<std::string> Interpreter::evaluate(std::string_view expression,
                                                 const std::vector<std::string>& path,
                                                 std::string* error,
                                                 std::optional<std::size_t>* count) {
  std::string body = inner(expression);
  std::optional<std::vector<Word>> words = split_words(body, error);
  if (!words || words->empty()) {
    if (words)
      *error = "syntax error: empty expression";
    return std::nullopt;
  }
  const std::string& first = (*words)[0].name;
  if (first == ":len") {
    if (words->size() != 2) {
      *error = "syntax error: :len takes one value";
      return std::nullopt;
    }
    const std::string& arg = (*words)[1].name;
    if ((*words)[1].quoted || !arg.starts_with('['))
      return std::to_string(arg.size());
    std::optional<std::size_t> n;
    std::optional<std::string> v = evaluate(arg, path, error, &n);
    if (!v)
      return std::nullopt;
    return std::to_string(n ? *n : v->size());
  }
  if (first == ":execute") {
    Statement none;
    std::size_t jobs = device().next_job;
    if (!script_command(none, *words, path))
      return std::nullopt;
    return "*" + std::to_string(jobs);
  }
  std::optional<Head> head = parse_head(*words, path);
  if (!head || head->verb.empty()) {
    *error = "the fake RouterOS cannot evaluate [" + body + "]";
    return std::nullopt;
  }
  std::optional<std::size_t> n;
  std::optional<std::string> v = Menus::value(*this, *head, *words, error, &n);
  if (count)
    *count = n;
  return v;
}

bool Interpreter::import(const Statement& s, const std::vector<Word>& words, std::size_t first) {
  std::string name;
  bool verbose = false;
  bool dry_run = false;
  for (std::size_t i = first; i < words.size(); ++i) {
    const Word& w = words[i];
    if (w.value && w.name == "file-name") {
      name = *w.value;
    } else if (w.value && w.name == "verbose") {
      verbose = *w.value == "yes";
    } else if (w.value && w.name == "from-line") {
    } else if (!w.value && w.name == "dry-run") {
      bool supported = options_.control.major() > 7 ||
                       (options_.control.major() == 7 && options_.control.minor() >= 16);
      if (!supported)
        return fail("expected end of command", s, w.offset, true);
      dry_run = true;
    } else if (!w.value && name.empty()) {
      name = w.name;
    } else {
      return fail("expected end of command", s, w.offset, true);
    }
  }
  if (dry_run && !verbose)
    return fail("failure: dry-run needs verbose=yes", s, 0, false);
  if (check_only_)
    return true;
  fs::path file = options_.dir / "files" / name;
  if (name.empty() || name.find("..") != std::string::npos || !fs::is_regular_file(file))
    return fail("failure: no such file: " + name, s, 0, false);
  std::string text = read_text(file);
  // The whole file is parsed first: a syntax error anywhere applies nothing (§5.1).
  bool was_checking = check_only_;
  std::vector<std::string> errors;
  std::swap(errors, check_errors_);
  check_only_ = true;
  ++depth_;
  run_statements(text);
  --depth_;
  check_only_ = was_checking;
  std::swap(errors, check_errors_);
  if (!errors.empty()) {
    for (std::size_t i = 0; i < (dry_run ? errors.size() : 1); ++i) print(errors[i]);
    print(dry_run ? "Script Error: dry-run found " + std::to_string(errors.size()) + " errors"
                  : "Script Error: nothing imported (syntax error)");
    return false;
  }
  if (dry_run) {
    print("Script file loaded successfully (dry-run: nothing changed)");
    return true;
  }
  std::uint32_t outer = line_offset_;
  line_offset_ = 0;
  ++depth_;
  bool was_prechecked = prechecked_;
  prechecked_ = true;
  bool ok = run_statements(text);
  prechecked_ = was_prechecked;
  --depth_;
  line_offset_ = outer;
  if (!ok) {
    print("Script Error: import stopped at line " + std::to_string(failed_line_) +
          "; the lines before it stay applied");
    return false;
  }
  print("Script file loaded and executed successfully");
  if (options_.control.lockout_after_import && !device().lockout_used) {
    device().locked_out = true;
    device().lockout_used = true;
    device().locked_at = now_epoch();
    changed_ = true;
  }
  return true;
}

}  // namespace rosgen::fake
