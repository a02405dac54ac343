// Include resolution: search path, include-once, cycle detection with the chain shown.
#include "sema/load.hpp"

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

class Loader {
 public:
  Loader(const LoadOptions& options, support::DiagnosticEngine& diags)
      : options_(options), diags_(diags) {}

  void load_file(std::shared_ptr<const support::SourceFile> file, bool from_include) {
    out_.files.push_back(file);
    std::string key = canonical(file->name());
    stack_.push_back({key, file->name()});
    seen_.insert(key);
    syntax::File parsed = syntax::parse_policy(file, diags_);
    for (syntax::Statement& statement : parsed.statements) {
      if (auto* include = std::get_if<syntax::Include>(&statement)) {
        handle_include(file, *include);
        continue;
      }
      out_.statements.push_back({file, std::move(statement), from_include});
    }
    stack_.pop_back();
  }

  LoadedPolicy take() { return std::move(out_); }

 private:
  struct Frame {
    std::string key;
    std::string name;
  };

  // How diagnostics and the script header name a file: relative to the current
  // directory when it lies below it, else as found.
  static std::string display_path(const fs::path& path) {
    std::error_code ec;
    fs::path relative = fs::proximate(path, ec).lexically_normal();
    if (!ec && !relative.empty() && *relative.begin() != "..")
      return relative.string();
    return path.lexically_normal().string();
  }

  static std::string canonical(const std::string& path) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(fs::path(path), ec);
    return ec ? path : p.string();
  }

  std::optional<std::string> resolve(const std::string& including, const std::string& name) {
    std::vector<fs::path> candidates;
    fs::path requested(name);
    if (requested.is_absolute()) {
      candidates.push_back(requested);
    } else {
      candidates.push_back(fs::path(including).parent_path() / requested);
      for (const std::string& dir : options_.include_dirs)
        candidates.push_back(fs::path(dir) / requested);
      if (!options_.library_dir.empty())
        candidates.push_back(fs::path(options_.library_dir) / requested);
    }
    for (const fs::path& candidate : candidates) {
      std::error_code ec;
      if (fs::exists(candidate, ec))
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
      std::string where =
          "'" + (fs::path(file->name()).parent_path() / *name).lexically_normal().string() + "'";
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
    auto text = support::read_file(*path, &reason);
    if (!text) {
      ctx.error(include.path, "cannot read '" + *path + "': " + reason);
      return;
    }
    load_file(std::make_shared<const support::SourceFile>(*path, std::move(*text)), true);
  }

  const LoadOptions& options_;
  support::DiagnosticEngine& diags_;
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
  auto text = support::read_file(path, &reason);
  if (!text) {
    diags.error({}, "cannot read '" + path + "': " + reason);
    return {};
  }
  return load_policy_text(path, std::move(*text), options, diags);
}

LoadedPolicy load_policy_text(const std::string& name, std::string text, const LoadOptions& options,
                              support::DiagnosticEngine& diags) {
  Loader loader(options, diags);
  loader.load_file(std::make_shared<const support::SourceFile>(name, std::move(text)), false);
  return loader.take();
}

}  // namespace rosgen::sema
