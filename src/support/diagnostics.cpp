// Diagnostics storage and the single clang-style renderer. Colour only when asked
// (the CLI asks when stderr is a TTY and NO_COLOR is unset).
#include "support/diagnostics.hpp"

#include <algorithm>

#include "support/utf8.hpp"

namespace rosgen::support {

SourceFile::SourceFile(std::string name, std::string text)
    : name_(std::move(name)), text_(std::move(text)) {
  line_starts_.push_back(0);
  // Old Mac line ends: when the first line end is a lone CR, every lone CR ends a line
  // (the export reader applies the same rule), so positions stay right in such files.
  std::size_t first_end = text_.find_first_of("\r\n");
  bool cr_lines = first_end != std::string::npos && text_[first_end] == '\r' &&
                  (first_end + 1 == text_.size() || text_[first_end + 1] != '\n');
  for (std::uint32_t i = 0; i < text_.size(); ++i) {
    bool lone_cr = cr_lines && text_[i] == '\r' && (i + 1 == text_.size() || text_[i + 1] != '\n');
    if (text_[i] == '\n' || lone_cr)
      line_starts_.push_back(i + 1);
  }
}

SourceFile::LineCol SourceFile::line_col(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
  return {line, offset - line_starts_[line - 1] + 1};
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size())
    return {};
  std::uint32_t begin = line_starts_[line - 1];
  std::uint32_t end = line < line_starts_.size() ? line_starts_[line] - 1
                                                 : static_cast<std::uint32_t>(text_.size());
  std::string_view text(text_);
  text = text.substr(begin, end - begin);
  if (!text.empty() && text.back() == '\r')
    text.remove_suffix(1);
  return text;
}

namespace {

Diagnostic make(Severity severity, SourceRange range, std::string message) {
  Diagnostic d;
  d.severity = severity;
  d.range = std::move(range);
  d.message = std::move(message);
  return d;
}

const char* severity_word(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Note:
      return "note";
  }
  return "error";
}

const char* severity_color(Severity s) {
  switch (s) {
    case Severity::Error:
      return "\033[1;31m";
    case Severity::Warning:
      return "\033[1;35m";
    case Severity::Note:
      return "\033[1;36m";
  }
  return "";
}

// A source line as the terminal gets it, and the caret line's indentation. Characters
// are shown as they are, except that control characters (C0 but tabs, DEL, C1:
// support::control_length) become a space, so that a policy file cannot drive the
// terminal, and bytes that are not UTF-8 are written \xE9, so that the terminal gets
// valid UTF-8. The caret line is indented by one space per character shown (four per
// escaped byte), tabs kept, so that it lines up below the source line; the column in
// the "file:line:col" prefix stays a byte column (SourceFile::line_col).
struct ShownLine {
  std::string text;
  std::string indent;       // up to the caret
  std::uint32_t width = 0;  // of the underlined range, at least 1
};

ShownLine show_line(std::string_view line, std::uint32_t caret, std::uint32_t end) {
  static const char kHex[] = "0123456789ABCDEF";
  ShownLine out;
  std::uint32_t width = 0;
  for (std::size_t i = 0; i < line.size();) {
    auto c = static_cast<unsigned char>(line[i]);
    std::size_t length = std::max<std::size_t>(utf8_char_length(line, i), 1);
    std::size_t columns = 1;
    if (c == '\t') {
      out.text += '\t';
    } else if (utf8_char_length(line, i) == 0) {
      out.text += std::string("\\x") + kHex[c >> 4] + kHex[c & 15];  // also a stray C1 byte
      columns = 4;
    } else if (control_length(line, i) != 0) {
      out.text += ' ';
    } else {
      out.text += line.substr(i, length);
    }
    if (i < caret)
      out.indent += c == '\t' ? std::string("\t") : std::string(columns, ' ');
    else if (i < end)
      width += static_cast<std::uint32_t>(columns);
    i += length;
  }
  out.width = std::max<std::uint32_t>(width, 1);
  return out;
}

void render_one(std::string& out, const Diagnostic& d, const RenderOptions& options) {
  const char* bold = options.color ? "\033[1m" : "";
  const char* reset = options.color ? "\033[0m" : "";
  const SourceFile* file = d.range.file.get();
  if (file != nullptr) {
    auto lc = file->line_col(d.range.begin);
    out += bold;
    // A file name can hold any byte but '/' and NUL: `rosgen check $'x\n/system reboot'`
    // must not forge a line of rosgen's output.
    // The column is a byte column, whatever the characters before it (show_line()).
    out += escape_controls(file->name()) + ":" + std::to_string(lc.line) + ":" +
           std::to_string(lc.column) + ": ";
    out += reset;
  } else {
    out += std::string(bold) + "rosgen: " + reset;
  }
  if (options.color)
    out += severity_color(d.severity);
  out += severity_word(d.severity);
  out += ": ";
  out += reset;
  out += bold;
  out += escape_controls(d.message);  // messages quote file names and export text
  out += reset;
  out += '\n';
  if (file == nullptr)
    return;
  auto lc = file->line_col(d.range.begin);
  std::string_view line = file->line_text(lc.line);
  // Byte offsets in `line`: the caret, and the end of the range (the end of the line at
  // most: a range that spans lines is underlined to the end of its first line).
  std::uint32_t caret = lc.column - 1;
  std::uint32_t line_start = d.range.begin - caret;
  std::uint32_t end = std::min(std::max(d.range.end, d.range.begin) - line_start,
                               static_cast<std::uint32_t>(line.size()));
  // A very long line (a 10 MB export line) is shown as a window around the column.
  constexpr std::uint32_t kContext = 80;
  std::string prefix, suffix;
  if (line.size() > 2 * kContext + 40) {
    std::uint32_t from = caret > kContext ? caret - kContext : 0;
    // The window starts and ends on whole UTF-8 characters.
    for (int i = 0; i < 3 && from > 0 && (static_cast<unsigned char>(line[from]) & 0xC0) == 0x80;
         ++i)
      --from;
    std::size_t length = utf8_prefix(line.substr(from), 2 * kContext).size();
    if (from > 0)
      prefix = "...";
    if (from + length < line.size())
      suffix = "...";
    line = line.substr(from, length);
    end = std::min(end, caret + kContext) - from;
    caret -= from;
  }
  ShownLine shown = show_line(line, caret, end);
  out += "  " + prefix + shown.text + suffix + "\n  ";
  out += std::string(prefix.size(), ' ') + shown.indent;
  if (options.color)
    out += "\033[1;32m";
  out += '^';
  out += std::string(shown.width - 1, '~');
  out += reset;
  out += '\n';
}

}  // namespace

Diagnostic make_note(SourceRange range, std::string message) {
  return make(Severity::Note, std::move(range), std::move(message));
}

bool DiagnosticEngine::keep(Severity severity) {
  if (severity == Severity::Note)
    return true;
  bool error = severity == Severity::Error;
  ++(error ? error_count_ : warning_count_);
  std::size_t& kept = error ? kept_errors_ : kept_warnings_;
  std::size_t limit = error ? error_limit_ : warning_limit_;
  if (limit != 0 && kept >= limit) {
    ++(error ? dropped_errors_ : dropped_warnings_);
    return false;
  }
  ++kept;
  return true;
}

Diagnostic& DiagnosticEngine::error(SourceRange range, std::string message) {
  if (!keep(Severity::Error)) {
    scratch_ = make(Severity::Error, std::move(range), std::move(message));
    return scratch_;
  }
  return diagnostics_.emplace_back(make(Severity::Error, std::move(range), std::move(message)));
}

Diagnostic& DiagnosticEngine::warning(SourceRange range, std::string message) {
  if (!keep(Severity::Warning)) {
    scratch_ = make(Severity::Warning, std::move(range), std::move(message));
    return scratch_;
  }
  return diagnostics_.emplace_back(make(Severity::Warning, std::move(range), std::move(message)));
}

void DiagnosticEngine::add(Diagnostic diagnostic) {
  if (!keep(diagnostic.severity))
    return;
  diagnostics_.push_back(std::move(diagnostic));
}

void DiagnosticEngine::merge(DiagnosticEngine&& other) {
  for (Diagnostic& d : other.diagnostics_) add(std::move(d));
  error_count_ += other.dropped_errors_;
  dropped_errors_ += other.dropped_errors_;
  warning_count_ += other.dropped_warnings_;
  dropped_warnings_ += other.dropped_warnings_;
  // Those `other` counted for a note of its own count here too, and are not noted again.
  error_count_ += other.error_count_ - other.kept_errors_ - other.dropped_errors_;
  warning_count_ += other.warning_count_ - other.kept_warnings_ - other.dropped_warnings_;
  other.diagnostics_.clear();
  other.error_count_ = other.kept_errors_ = other.dropped_errors_ = 0;
  other.warning_count_ = other.kept_warnings_ = other.dropped_warnings_ = 0;
}

void DiagnosticEngine::count_summarized(Severity severity, std::size_t n) {
  if (severity == Severity::Error)
    error_count_ += n;
  else if (severity == Severity::Warning)
    warning_count_ += n;
}

Diagnostic& DiagnosticEngine::note(SourceRange range, std::string message) {
  return diagnostics_.emplace_back(make(Severity::Note, std::move(range), std::move(message)));
}

std::string render(const Diagnostic& diagnostic, const RenderOptions& options) {
  std::string out;
  render_one(out, diagnostic, options);
  for (const Diagnostic& note : diagnostic.notes) render_one(out, note, options);
  return out;
}

std::string render_all(const DiagnosticEngine& engine, const RenderOptions& options) {
  std::string out;
  for (const Diagnostic& d : engine.diagnostics()) out += render(d, options);
  auto plural = [](std::size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
  };
  auto not_shown = [&](std::size_t dropped, std::size_t limit, const char* word) {
    if (dropped == 0)
      return;
    out +=
        render(make_note({}, plural(dropped, (std::string("more ") + word).c_str()) +
                                 " not shown (the first " + std::to_string(limit) + " are above)"),
               options);
  };
  not_shown(engine.errors_not_shown(), engine.error_limit(), "error");
  not_shown(engine.warnings_not_shown(), engine.warning_limit(), "warning");
  std::size_t errors = engine.error_count();
  std::size_t warnings = engine.warning_count();
  if (errors + warnings > 1) {
    if (errors > 0 && warnings > 0) {
      out += plural(errors, "error") + " and " + plural(warnings, "warning") + " generated.\n";
    } else if (errors > 0) {
      out += plural(errors, "error") + " generated.\n";
    } else {
      out += plural(warnings, "warning") + " generated.\n";
    }
  }
  return out;
}

}  // namespace rosgen::support
