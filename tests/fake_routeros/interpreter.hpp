// The fake RouterOS CLI: runs one exec command line, an imported file or a job's script
// on the device in DIR, the way a RouterOS console would, and collects what it prints
// (CRLF line ends). Statements changing the modeled firewall menus (add / set / remove /
// move / enable / disable, rosgen's placement blocks) go to rosgen's script reader in
// import mode (routeros/script_reader.hpp), which refuses what RouterOS refuses; the rest
// is here (interpreter.cpp: dispatch, :put/:execute/:delay/:do, /import; menus.cpp: print,
// export, find/get, /file, /system scheduler, resource, clock, identity, device-mode,
// script job). Errors come back as RouterOS-style text; the exit status stays 0.
// Entry point: Interpreter.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "device.hpp"
#include "script.hpp"

namespace rosgen::fake {

// `block` with every $<name> not preceded by '\\' replaced by `value`, escaped as inside a
// quoted string: how the fake models "...$e..." in an :onerror handler.
std::string substitute(std::string_view block, const std::string& name, const std::string& value);

class Interpreter {
 public:
  struct Options {
    fs::path dir;   // the device directory
    fs::path self;  // this executable (jobs run `self --job DIR ID`)
    Control control;
    bool from_scheduler = false;  // a scheduler event's job
  };

  explicit Interpreter(Options options);
  ~Interpreter();

  // Runs `text` (statements separated by ';' or newlines); stops at the first error, which
  // it prints. Returns false after an error.
  bool run(std::string_view text);

  // Saves the device if anything changed and releases the lock.
  void finish();

  const std::string& output() const { return out_; }

 private:
  friend class Menus;
  friend class MenuRun;

  Device& device();  // locked and loaded on first use
  void print(std::string_view line);
  bool fail(const std::string& message, const Statement& statement, std::size_t offset,
            bool syntax);
  bool run_statements(std::string_view text);
  bool statement(const Statement& statement, std::vector<std::string>& path);
  bool script_command(const Statement& statement, const std::vector<Word>& words,
                      const std::vector<std::string>& path);
  bool reader_statement(const Statement& statement, const std::string& text);
  bool import(const Statement& statement, const std::vector<Word>& words, std::size_t first);
  bool run_block(std::string_view block);
  // `:onerror NAME in={ } do={ }` (RouterOS 7.13+): on a failure in `in`, its printed text
  // (lines joined by "; ") is caught and `do` runs with $NAME replaced by it. The fake
  // replaces the variable in the text (it is meant inside quoted strings), it keeps no
  // variables.
  bool onerror(const Statement& statement, const std::vector<Word>& words);
  // The value of a [ ... ] expression; nullopt (and *error) when the fake cannot evaluate
  // it. `count` is set when the value is a list (find).
  std::optional<std::string> evaluate(std::string_view expression,
                                      const std::vector<std::string>& path, std::string* error,
                                      std::optional<std::size_t>* count = nullptr);

  Options options_;
  std::unique_ptr<DeviceLock> lock_;
  std::optional<Device> device_;
  bool changed_ = false;
  std::string out_;
  int depth_ = 0;
  // The syntax pass of /import: statements are checked, nothing runs; errors collect here.
  bool check_only_ = false;
  std::vector<std::string> check_errors_;
  std::uint32_t line_offset_ = 0;  // lines of the enclosing statement (blocks)
  std::uint32_t failed_line_ = 0;  // the line of the last failure
  bool prechecked_ = false;        // the run pass of /import: its syntax pass checked it all
};

}  // namespace rosgen::fake
