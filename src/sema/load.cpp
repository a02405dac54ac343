// Include resolution: search path, include-once, cycle detection with the chain shown,
// refusal of files that are not policy text, and the header's names for the sources.
#include "sema/load.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "sema/values.hpp"
#include "support/files.hpp"
#include "syntax/parse.hpp"

namespace rosgen::sema {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxIncludeDepth = 64;

// The first byte of the file that is not a blank or inside a '#' comment (as the
// grammar's skipper sees it), or the file's size.
std::uint32_t first_statement_offset(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
      ++i;
    } else if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else {
      break;
    }
  }
  return static_cast<std::uint32_t>(i);
}

// The line of an included file's first statement when that statement does not parse,
// i.e. the first syntax error lies on it: the file is most likely not policy text at
// all (include "/etc/passwd"), and its errors would only quote it.
std::optional<std::uint32_t> unparsable_first_line(const support::SourceFile& file,
                                                   const support::DiagnosticEngine& parse_diags) {
  for (const support::Diagnostic& d : parse_diags.diagnostics()) {
    if (d.severity != support::Severity::Error)
      continue;
    std::uint32_t first_line = file.line_col(first_statement_offset(file.text())).line;
    if (d.range.file.get() == &file && file.line_col(d.range.begin).line == first_line)
      return first_line;
    return std::nullopt;
  }
  return std::nullopt;
}

bool is_below(const fs::path& path, const fs::path& dir) {
  if (dir.empty())
    return false;
  fs::path relative = path.lexically_relative(dir);
  return !relative.empty() && *relative.begin() != ".." && *relative.begin() != ".";
}

class Loader {
 public:
  Loader(const std::string& main_name, const LoadOptions& options,
         support::DiagnosticEngine& diags)
      : options_(options), diags_(diags) {
    main_dir_ = fs::path(canonical(main_name)).parent_path();
    if (!options.library_dir.empty())
      library_dir_ = canonical(options.library_dir);
  }

  void load_main(std::shared_ptr<const support::SourceFile> file, support::FileIdentity identity) {
    // The file's own name, through symlinks: "mycafe.pol -> a/b/cafe.pol" is "cafe.pol".
    std::string name = fs::path(canonical(file->name())).filename().string();
    syntax::File parsed = syntax::parse_policy(file, diags_);
    expand(file, std::move(parsed), {name, identity}, false);
  }

  LoadedPolicy take() { return std::move(out_); }

 private:
  struct Frame {
    std::string key;
    std::string name;
  };

  void expand(const std::shared_ptr<const support::SourceFile>& file, syntax::File parsed,
              LoadedSource source, bool from_include) {
    out_.files.push_back(file);
    out_.sources.push_back(std::move(source));
    std::string key = canonical(file->name());
    stack_.push_back({key, file->name()});
    seen_.insert(key);
    for (syntax::Statement& statement : parsed.statements) {
      if (auto* include = std::get_if<syntax::Include>(&statement)) {
        handle_include(file, *include);
        continue;
      }
      out_.statements.push_back({file, std::move(statement), from_include});
    }
    stack_.pop_back();
  }

  // How diagnostics name a file: relative to the current directory when it lies below
  // it, else as found.
  static std::string display_path(const fs::path& path) {
    std::error_code ec;
    fs::path relative = fs::proximate(path, ec).lexically_normal();
    if (!ec && !relative.empty() && *relative.begin() != "..")
      return relative.string();
    return path.lexically_normal().string();
  }

  static std::string canonical(const std::string& path) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(fs::absolute(fs::path(path), ec), ec);
    return ec ? fs::path(path).lexically_normal().string() : p.string();
  }

  // See LoadedSource::header_name. `key` and both directories are canonical (symlinks
  // resolved), so the name does not depend on where the checkout lives or how it is reached.
  std::string header_name(const std::string& key) const {
    fs::path p(key);
    if (is_below(p, library_dir_))
      return "library:" + p.lexically_relative(library_dir_).generic_string();
    fs::path relative = p.lexically_relative(main_dir_);
    return relative.empty() ? p.generic_string() : relative.generic_string();
  }

  // The directory an include is looked up in first: the including file's own, through
  // symlinks (a policy reached by a link includes its neighbours, not the link's).
  static fs::path include_dir(const std::string& including) {
    return fs::path(canonical(including)).parent_path();
  }

  std::optional<std::string> resolve(const std::string& including, const std::string& name) {
    std::vector<fs::path> candidates;
    fs::path requested(name);
    if (requested.is_absolute()) {
      candidates.push_back(requested);
    } else {
      candidates.push_back(include_dir(including) / requested);
      for (const std::string& dir : options_.include_dirs)
        candidates.push_back(fs::path(dir) / requested);
      if (!options_.library_dir.empty())
        candidates.push_back(fs::path(options_.library_dir) / requested);
    }
    for (const fs::path& candidate : candidates) {
      // A candidate that exists, or that cannot be examined for another reason than its
      // absence (a symlink loop, a directory without search permission), is the one
      // meant; reading it then reports the reason.
      struct stat st {};
      if (::stat(candidate.c_str(), &st) == 0 || (errno != ENOENT && errno != ENOTDIR))
        return display_path(candidate);
    }
    return std::nullopt;
  }

  void handle_include(const std::shared_ptr<const support::SourceFile>& file,
                      const syntax::Include& include) {
    TokenContext ctx{file, &diags_};
    auto name = decode_string(ctx, include.path);
    if (!name)
      return;
    if (name->empty()) {
      ctx.error(include.path, "include needs a file name");
      return;
    }
    auto path = resolve(file->name(), *name);
    if (!path) {
      std::string where = "'" + display_path(include_dir(file->name()) / *name) + "'";
      for (const std::string& dir : options_.include_dirs)
        where += ", '" + (fs::path(dir) / *name).string() + "'";
      if (!options_.library_dir.empty()) {
        where += " or the library '" + display_path(fs::path(options_.library_dir) / *name) + "'";
      }
      ctx.error(include.path,
                "cannot include '" + *name + "': no such file (looked for " + where + ")");
      return;
    }
    std::string key = canonical(*path);
    for (std::size_t i = 0; i < stack_.size(); ++i) {
      if (stack_[i].key != key)
        continue;
      std::string chain;
      for (std::size_t j = i; j < stack_.size(); ++j) chain += stack_[j].name + " -> ";
      chain += *path;
      ctx.error(include.path, "include cycle: " + chain);
      return;
    }
    if (seen_.count(key) != 0)
      return;  // each file is included once
    if (stack_.size() >= kMaxIncludeDepth) {
      ctx.error(include.path,
                "includes nest deeper than " + std::to_string(kMaxIncludeDepth) + " files");
      return;
    }
    std::string reason;
    auto contents = support::read_input_file(*path, &reason);
    if (!contents) {
      ctx.error(include.path, "cannot read '" + *path + "': " + reason);
      return;
    }
    auto included = std::make_shared<const support::SourceFile>(*path, std::move(contents->text));
    support::DiagnosticEngine parse_diags;
    parse_diags.set_error_limit(diags_.error_limit());
    parse_diags.set_warning_limit(diags_.warning_limit());
    syntax::File parsed = syntax::parse_policy(included, parse_diags);
    if (auto line = unparsable_first_line(*included, parse_diags)) {
      ctx.error(include.path, "'" + *path + "' does not look like a policy file (line " +
                                  std::to_string(*line) + " does not parse); nothing from it is used");
      return;
    }
    diags_.merge(std::move(parse_diags));
    expand(included, std::move(parsed), {header_name(key), contents->identity}, true);
  }

  const LoadOptions& options_;
  support::DiagnosticEngine& diags_;
  fs::path main_dir_;
  fs::path library_dir_;
  LoadedPolicy out_;
  std::vector<Frame> stack_;
  std::set<std::string> seen_;
};

}  // namespace

std::string default_library_dir() {
  if (const char* env = std::getenv("ROSGEN_LIBRARY_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  return ROSGEN_LIBRARY_DIR;
}

LoadedPolicy load_policy(const std::string& path, const LoadOptions& options,
                         support::DiagnosticEngine& diags) {
  std::string reason;
  auto contents = support::read_input_file(path, &reason);
  if (!contents) {
    diags.error({}, "cannot read '" + path + "': " + reason);
    return {};
  }
  return load_policy_text(path, std::move(contents->text), options, diags, contents->identity);
}

LoadedPolicy load_policy_text(const std::string& name, std::string text, const LoadOptions& options,
                              support::DiagnosticEngine& diags, support::FileIdentity identity) {
  Loader loader(name, options, diags);
  loader.load_main(std::make_shared<const support::SourceFile>(name, std::move(text)), identity);
  return loader.take();
}

}  // namespace rosgen::sema
