// The syntax tree of a policy file, as parsed: every leaf is a Token that keeps its text
// and byte offsets, so that sema can convert and range-check values and point at them.
// Plain std types only (the Spirit grammar fills these through ast_adapted.hpp).
// "Optional" clauses are vectors of zero or one element, which X3 fills natively.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace rosgen::syntax {

// A lexeme: a word, number, value like "2KiB" or "192.168.0.0/24", or a string literal
// with its quotes and escapes as written.
struct Token {
  std::string text;
  std::uint32_t begin = 0;  // byte offset of the first character
  std::uint32_t end = 0;    // one past the last character

  bool operator==(const Token&) const = default;
};

// "[tcp|udp] item, item, ..." as used by `set`, `to`, `from` and `except`.
struct ValueList {
  std::vector<Token> protocol;  // zero or one
  std::vector<Token> items;
  bool operator==(const ValueList&) const = default;
};

// "from <addresses>" or "except <addresses>".
struct Source {
  Token mode;
  ValueList addresses;
  bool operator==(const Source&) const = default;
};

// "drop", "reject", "tarpit", "log \"prefix\"", "quarantine 30m", "throttle 64k".
struct Verdict {
  Token kind;
  std::vector<Token> argument;  // zero or one
  bool operator==(const Verdict&) const = default;
};

// [nocase] "text" | [nocase] 0x4f4b
struct Literal {
  bool nocase = false;
  Token body;
  bool operator==(const Literal&) const = default;
};

// One stage of a signature: [at start] alternative { "|" alternative }.
struct Stage {
  std::vector<Token> anchor;  // zero or one: the phrase "at start"
  std::vector<Literal> alternatives;
  bool operator==(const Stage&) const = default;
};

// One "key item, item, ...;" line inside a policy block; an item is one or more words
// ("192.168.88.0/24 via bridge").
struct Setting {
  Token key;
  std::vector<std::vector<Token>> items;
  bool operator==(const Setting&) const = default;
};

struct PolicyDecl {
  Token keyword;
  Token name;
  std::vector<Setting> settings;
  bool operator==(const PolicyDecl&) const = default;
};

struct Include {
  Token keyword;
  Token path;  // a string literal token
  bool operator==(const Include&) const = default;
};

struct SetDecl {
  Token name;
  ValueList body;
  bool operator==(const SetDecl&) const = default;
};

struct Cap {
  Token name;
  bool new_only = false;  // "new connections"
  Token count;
  Token scope;                    // "host" or "/24"
  std::vector<Source> source;     // zero or one
  std::vector<ValueList> target;  // zero or one
  std::vector<Verdict> verdicts;
  bool operator==(const Cap&) const = default;
};

struct Rate {
  Token name;
  Token rate;                  // "5/min"
  std::vector<Token> burst;    // zero or one
  Token scope;                 // "host"
  std::vector<Source> source;  // zero or one
  ValueList target;
  std::vector<Token> back_end;    // zero or one: "queue" | "dst-limit"
  std::vector<Verdict> verdicts;  // may be empty (defaults to drop)
  bool operator==(const Rate&) const = default;
};

struct Signature {
  Token name;
  std::vector<Source> source;  // zero or one
  ValueList target;
  std::vector<Token> window;  // zero or one: "2KiB"
  Token mode;                 // "packet" (in one packet) or "sequence"
  std::vector<Stage> stages;
  std::vector<Verdict> verdicts;
  bool operator==(const Signature&) const = default;
};

using Statement = std::variant<PolicyDecl, Include, SetDecl, Cap, Rate, Signature>;

struct File {
  std::vector<Statement> statements;
  bool operator==(const File&) const = default;
};

}  // namespace rosgen::syntax
