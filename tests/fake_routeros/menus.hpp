// The fake RouterOS menus that the interpreter runs itself: print / export / find / get on
// the modeled firewall menus, `/export`, `/file`, `/system scheduler`, `/system resource`,
// `/system clock`, `/system identity`, `/system device-mode`, `/system script job`.
// Entry point: Menus (used by interpreter.cpp only).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "interpreter.hpp"

namespace rosgen::fake {

class Menus {
 public:
  // Runs `statement` if it is on one of the menus above; nullopt when it is not (the
  // reader runs it). false after an error (printed).
  static std::optional<bool> run(Interpreter& in, const Statement& statement, const Head& head,
                                 const std::vector<Word>& words);

  // The value of a `find`, `get` or `print count-only` inside [ ... ]; `count` is set for
  // a find (its items, as "*N" ids joined by ';', are the value).
  static std::optional<std::string> value(Interpreter& in, const Head& head,
                                          const std::vector<Word>& words, std::string* error,
                                          std::optional<std::size_t>* count);

  // Recomputes ".next-run" (epoch) and "next-run" of a scheduler entry at `now`.
  static void schedule(Record& entry, std::int64_t now);
};

}  // namespace rosgen::fake
