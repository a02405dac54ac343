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

// Collects diagnostics from every stage; the driver renders them once.
class DiagnosticEngine {
 public:
  Diagnostic& error(SourceRange range, std::string message);
  Diagnostic& warning(SourceRange range, std::string message);
  Diagnostic& note(SourceRange range, std::string message);

  bool has_errors() const { return error_count_ > 0; }

  std::size_t error_count() const { return error_count_; }

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
  std::size_t error_count_ = 0;
};

struct RenderOptions {
  bool color = false;
};

// Renders one diagnostic (and its notes) in clang style, each line ending in '\n'.
std::string render(const Diagnostic& diagnostic, const RenderOptions& options = {});
// Renders all diagnostics in the order they were reported, then a summary line
// ("2 errors and 1 warning generated.") when there is more than one.
std::string render_all(const DiagnosticEngine& engine, const RenderOptions& options = {});

// Makes a note that belongs to a diagnostic.
Diagnostic make_note(SourceRange range, std::string message);

}  // namespace rosgen::support
