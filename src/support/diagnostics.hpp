// Source files, source ranges and diagnostics, and the one place they are rendered
// (clang style: "file:line:col: error: message", the source line, a caret).
// Entry points: SourceFile, DiagnosticEngine, render().
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rosgen::support {

// A file's name (as the user wrote it or as an include resolved it) and its bytes.
class SourceFile {
 public:
  SourceFile(std::string name, std::string text);

  const std::string& name() const { return name_; }

  const std::string& text() const { return text_; }

  struct LineCol {
    std::uint32_t line = 1;    // 1-based
    std::uint32_t column = 1;  // 1-based byte column
    bool operator==(const LineCol&) const = default;
  };

  LineCol line_col(std::uint32_t offset) const;
  // The text of the 1-based line, without its line terminator.
  std::string_view line_text(std::uint32_t line) const;

 private:
  std::string name_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

// A byte range [begin, end) in one source file. A null file means "no location"
// (diagnostics about the command line or the whole run).
struct SourceRange {
  std::shared_ptr<const SourceFile> file;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  bool operator==(const SourceRange&) const = default;
};

enum class Severity { Error, Warning, Note };

struct Diagnostic {
  Severity severity = Severity::Error;
  SourceRange range;
  std::string message;
  std::vector<Diagnostic> notes;  // attached "note:" lines, e.g. "first defined here"
};

// Collects diagnostics from every stage; the driver renders them once. Errors are capped
// (both readers, every stage): the first error_limit() are kept, later ones are only
// counted, and render_all() ends with "N more errors not shown". error_count() and
// has_errors() count every error, kept or not.
class DiagnosticEngine {
 public:
  static constexpr std::size_t kDefaultErrorLimit = 100;

  // Reports an error. Past the limit the returned diagnostic is a scratch object that is
  // never rendered (callers may still attach notes to it).
  Diagnostic& error(SourceRange range, std::string message);
  Diagnostic& warning(SourceRange range, std::string message);
  Diagnostic& note(SourceRange range, std::string message);

  // Adds a diagnostic made elsewhere (errors count against the limit).
  void add(Diagnostic diagnostic);
  // Moves every diagnostic of `other` here, in order, with its count of errors not kept.
  void merge(DiagnosticEngine&& other);

  bool has_errors() const { return error_count_ > 0; }

  std::size_t error_count() const { return error_count_; }

  // How many errors were counted but not kept.
  std::size_t errors_not_shown() const { return dropped_errors_; }

  std::size_t error_limit() const { return error_limit_; }

  // 0 means no limit.
  void set_error_limit(std::size_t limit) { error_limit_ = limit; }

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  bool keep_error();

  std::vector<Diagnostic> diagnostics_;
  std::size_t error_count_ = 0;
  std::size_t kept_errors_ = 0;
  std::size_t dropped_errors_ = 0;
  std::size_t error_limit_ = kDefaultErrorLimit;
  Diagnostic scratch_;
};

struct RenderOptions {
  bool color = false;
};

// Renders one diagnostic (and its notes) in clang style, each line ending in '\n'.
std::string render(const Diagnostic& diagnostic, const RenderOptions& options = {});
// Renders all diagnostics in the order they were reported, then "N more errors not
// shown" when errors were capped, then a summary line ("2 errors and 1 warning
// generated.", counting every error) when there is more than one.
std::string render_all(const DiagnosticEngine& engine, const RenderOptions& options = {});

// Makes a note that belongs to a diagnostic.
Diagnostic make_note(SourceRange range, std::string message);

}  // namespace rosgen::support
