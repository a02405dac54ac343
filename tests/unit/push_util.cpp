// Helpers of the push tests (push_util.hpp).
#include "push_util.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <thread>

#include "cli/app.hpp"
#include "diff/plan.hpp"
#include "test_util.hpp"

namespace rosgen::test::push_util {

namespace fs = std::filesystem;

std::string source(const std::string& relative) {
  return test::source_dir() + "/" + relative;
}

// The policy at `path` compiled as `rosgen compile` would.
ir::Ruleset compile(const std::string& path) {
  support::DiagnosticEngine diags;
  cli::PipelineResult result = cli::run_pipeline(cli::PipelineOptions{path}, diags);
  REQUIRE_MESSAGE(result.ruleset.has_value(), support::render_all(diags, {false}));
  return *result.ruleset;
}

// cafe.pol with `from` replaced by `to` (an edit), written next to the router's files.
std::string edited_cafe(const fs::path& dir, const std::string& from, const std::string& to) {
  std::ifstream in(source("examples/cafe.pol"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  fs::path path = dir / "cafe.pol";
  std::ofstream(path) << text;
  return path.string();
}

transport::Options ssh_options(const test::FakeRouter& router) {
  transport::Options options;
  options.host = router.host();
  options.port = router.port();
  options.user = router.user();
  options.identity_files = std::vector<fs::path>{router.ed25519_key()};
  options.known_hosts = router.known_hosts();
  options.use_agent = false;
  options.use_password = false;
  options.step_timeout = std::chrono::seconds(20);
  options.connect_timeout = std::chrono::seconds(5);
  return options;
}

push::Request request_for(const test::FakeRouter& router, const ir::Ruleset& desired) {
  push::Request request;
  request.ssh = ssh_options(router);
  request.desired = &desired;
  request.confirm_timeout = std::chrono::seconds(4);
  request.apply_limit = std::chrono::seconds(120);
  request.poll_first = std::chrono::milliseconds(100);
  request.poll_max = std::chrono::milliseconds(500);
  if (std::getenv("ROSGEN_TEST_PROGRESS") != nullptr) {
    request.progress = [start = std::chrono::steady_clock::now()](const std::string& line) {
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - start);
      std::fprintf(stderr, "  [%6lld ms] %s\n", static_cast<long long>(ms.count()), line.c_str());
    };
  }
  return request;
}

// The device with the default configuration (defconf with FastTrack) and the interfaces
// the café policy names.
void load_defconf(const test::FakeRouter& router) {
  router.load(source("tests/import/defconf-v7.rsc"));
}

// An item as one line of name=value pairs.
std::string item_text(const ir::Item& item) {
  std::string text;
  for (const ir::Property& p : item.properties) text += " " + p.name + "=" + p.value;
  return text;
}

// An export without its header comments (they hold the time).
std::string body(const std::string& exported) {
  std::string out;
  std::size_t pos = 0;
  while (pos < exported.size()) {
    std::size_t end = exported.find('\n', pos);
    std::string line = exported.substr(pos, end == std::string::npos ? end : end - pos + 1);
    if (!line.starts_with("#"))
      out += line;
    pos = end == std::string::npos ? exported.size() : end + 1;
  }
  return out;
}

// The owned items of a state as text, in the order that has a meaning: per chain in the
// firewall tables (where chains interleave in any order), sorted in the other menus.
std::string owned_text(const routeros::RouterState& state, const std::string& policy) {
  std::string text;
  for (ir::Menu menu : routeros::kModeledMenus) {
    std::map<std::string, std::vector<std::string>> lines;  // by chain ("" elsewhere)
    for (const ir::Item& item : state.items(menu)) {
      if (!diff::owner_key(item, policy))
        continue;
      const std::string* chain = item.get("chain");
      lines[ir::is_firewall_table(menu) && chain ? *chain : ""].push_back(item_text(item));
    }
    for (auto& [chain, chain_lines] : lines) {
      if (!ir::is_firewall_table(menu))
        std::sort(chain_lines.begin(), chain_lines.end());
      for (const std::string& line : chain_lines)
        text += std::string(ir::menu_path(menu)) + " " + chain + ":" + line + "\n";
    }
  }
  return text;
}

// True when the router's state equals the policy (the plan is empty).
bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds limit) {
  auto end = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= end)
      return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return true;
}

bool in_sync(const test::FakeRouter& router, const ir::Ruleset& desired) {
  return diff::make_plan(desired, router.state(), 7).in_sync();
}


}  // namespace rosgen::test::push_util
