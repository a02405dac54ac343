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

// Collects diagnostics from every stage; the driver renders them once. Errors and
// warnings are capped separately (both readers, every stage): the first error_limit()
// errors and the first warning_limit() warnings are kept, later ones are only counted,
// and render_all() ends with "N more errors not shown" / "N more warnings not shown".
// error_count(), warning_count() and has_errors() count every one, kept or not, and so
// does the closing summary ("3 errors and 2 warnings generated."). Notes are not capped.
class DiagnosticEngine {
 public:
  static constexpr std::size_t kDefaultErrorLimit = 100;
  static constexpr std::size_t kDefaultWarningLimit = 100;

  // Reports an error or a warning. Past its limit the returned diagnostic is a scratch
  // object that is never rendered (callers may still attach notes to it).
  Diagnostic& error(SourceRange range, std::string message);
  Diagnostic& warning(SourceRange range, std::string message);
  Diagnostic& note(SourceRange range, std::string message);

  // Adds a diagnostic made elsewhere (errors and warnings count against their limits).
  void add(Diagnostic diagnostic);
  // Moves every diagnostic of `other` here, in order, with its counts of those not kept.
  void merge(DiagnosticEngine&& other);
  // Counts `n` errors or warnings that a stage left out and summed up in a note of its own
  // (the export reader: "N more warnings about F not shown", "N more lines of F hold control
  // bytes"): they count in error_count(), warning_count() and the summary, and are not
  // announced again as "not shown".
  void count_summarized(Severity severity, std::size_t n);

  bool has_errors() const { return error_count_ > 0; }

  std::size_t error_count() const { return error_count_; }

  std::size_t warning_count() const { return warning_count_; }

  // How many errors (warnings) were counted but not kept.
  std::size_t errors_not_shown() const { return dropped_errors_; }

  std::size_t warnings_not_shown() const { return dropped_warnings_; }

  std::size_t error_limit() const { return error_limit_; }

  std::size_t warning_limit() const { return warning_limit_; }

  // 0 means no limit.
  void set_error_limit(std::size_t limit) { error_limit_ = limit; }

  void set_warning_limit(std::size_t limit) { warning_limit_ = limit; }

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  bool keep(Severity severity);

  std::vector<Diagnostic> diagnostics_;
  std::size_t error_count_ = 0;
  std::size_t kept_errors_ = 0;
  std::size_t dropped_errors_ = 0;
  std::size_t error_limit_ = kDefaultErrorLimit;
  std::size_t warning_count_ = 0;
  std::size_t kept_warnings_ = 0;
  std::size_t dropped_warnings_ = 0;
  std::size_t warning_limit_ = kDefaultWarningLimit;
  Diagnostic scratch_;
};

struct RenderOptions {
  bool color = false;
};

// Renders one diagnostic (and its notes) in clang style, each line ending in '\n'. The
// column is a byte column; the source line has its control characters blanked and its
// bytes that are not UTF-8 written \xE9, and the caret line is indented one space per
// character shown (tabs kept) so that the caret lines up.
std::string render(const Diagnostic& diagnostic, const RenderOptions& options = {});
// Renders all diagnostics in the order they were reported, then "N more errors not
// shown" and "N more warnings not shown" when they were capped, then a summary line
// ("2 errors and 1 warning generated.", counting every error and warning, shown or not)
// when there is more than one.
std::string render_all(const DiagnosticEngine& engine, const RenderOptions& options = {});

// Makes a note that belongs to a diagnostic.
Diagnostic make_note(SourceRange range, std::string message);

}  // namespace rosgen::support
