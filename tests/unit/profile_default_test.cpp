// The shipped default profile (src/profile/default-profile.toml): regenerated here from
// the shared captures exactly as tools/make-default-profile.sh does, it must be byte for
// byte the shipped file (so it cannot go stale); the binary embeds that file; and it says
// what the optimiser needs to know: "HTTP/1." is common on the HTTP gate and "CONNECT "
// rare. Also: --profile and the default reach the pipeline.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "capture_table.hpp"
#include "cli/app.hpp"
#include "pcap_util.hpp"
#include "profile/default_profile.hpp"
#include "profile/profile_toml.hpp"
#include "test_util.hpp"

using namespace rosgen;
namespace fs = std::filesystem;

namespace {

fs::path shipped() {
  return fs::path(test::source_dir()) / "src/profile/default-profile.toml";
}

int run_rosgen(const std::vector<std::string>& args, std::string* err = nullptr) {
  std::vector<const char*> argv = {"rosgen"};
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out, errors;
  int code = cli::run(static_cast<int>(argv.size()), argv.data(), {&out, &errors, false, false});
  if (err != nullptr)
    *err = errors.str();
  return code;
}

// The gate of examples/cafe.pol's proxy-connect signature.
profile::Gate cafe_http_gate() {
  return profile::make_gate(sema::Protocol::Tcp, {{80, 80}, {3128, 3128}, {8080, 8080}}, 2048);
}

}  // namespace

TEST_SUITE("profile default") {
  TEST_CASE("default profile: regenerated from the shared captures, it is the shipped file") {
    fs::path pcaps = fs::path(test::shared_data_dir()) / "pcap";
    if (!fs::is_directory(pcaps)) {
      MESSAGE("skipped: the shared captures are not at " << pcaps.string()
                                                         << " (set ROSGEN_SHARED_DATA_DIR)");
      return;
    }
    // The same arguments as tools/make-default-profile.sh: the policies of examples/ and
    // policies/, every capture of captures.tsv with its client prefixes.
    std::vector<std::string> args = {"profile"};
    std::vector<std::string> policies;
    for (const char* dir : {"examples", "policies"}) {
      for (const auto& entry : fs::directory_iterator(fs::path(test::source_dir()) / dir)) {
        if (entry.path().extension() == ".pol")
          policies.push_back(entry.path().string());
      }
    }
    std::sort(policies.begin(), policies.end());
    args.insert(args.end(), policies.begin(), policies.end());
    std::vector<test::Capture> captures = test::capture_table();
    CHECK(captures.size() >= 25);
    for (const test::Capture& c : captures) {
      args.insert(args.end(), {"--pcap", (pcaps / c.file).string()});
      for (const std::string& prefix : c.clients) args.insert(args.end(), {"--clients", prefix});
    }
    test::TempDir dir;
    args.insert(args.end(), {"-o", (dir.path / "default-profile.toml").string()});
    std::string err;
    REQUIRE_MESSAGE(run_rosgen(args, &err) == 0, err);
    CHECK(err.empty());
    std::string regenerated = test::read_text(dir.path / "default-profile.toml");
    CHECK_MESSAGE(regenerated == test::read_text(shipped()),
                  "src/profile/default-profile.toml is stale: regenerate it with "
                  "`cmake --build build --target default-profile` and review the diff");
  }

  TEST_CASE("default profile: the binary embeds the shipped file, and it reads") {
    CHECK(profile::default_profile_text() == test::read_text(shipped()));
    support::DiagnosticEngine diags;
    auto file = std::make_shared<const support::SourceFile>(
        "default-profile.toml", std::string(profile::default_profile_text()));
    auto read = profile::read_profile(file, diags);
    REQUIRE_MESSAGE(read, support::render_all(diags));
    CHECK(*read == profile::default_profile());
    // Every gate of the example and library signatures is there.
    CHECK(profile::default_profile().gates.size() >= 5);
  }

  TEST_CASE("default profile: HTTP/1. is common on the HTTP gate, CONNECT rare") {
    const profile::Profile& p = profile::default_profile();
    const profile::GateCounts* gate = p.find(cafe_http_gate());
    REQUIRE(gate != nullptr);
    CHECK(gate->packets >= 40);
    auto http = p.probability(cafe_http_gate(), "HTTP/1.", false);
    auto connect = p.probability(cafe_http_gate(), "CONNECT ", true);
    REQUIRE(http);
    REQUIRE(connect);
    CHECK(http->basis == profile::Basis::Gate);
    CHECK(connect->basis == profile::Basis::Gate);
    CHECK(http->probability > 0.2);  // the handshake's packets are at the gate too
    CHECK(connect->probability < 0.05);
    CHECK(connect->matches >= 1);  // the CONNECT of ndpi_http_connect.pcap
    CHECK(http->probability > 20 * connect->probability);
    // Which forms of CONNECT real traffic used.
    auto forms = p.case_forms(cafe_http_gate(), "CONNECT ");
    REQUIRE(forms);
    CHECK(forms->forms.count("CONNECT ") == 1);
  }

  TEST_CASE("pipeline: the default profile without --profile, the file with it") {
    fs::path saved = fs::current_path();
    fs::current_path(test::source_dir());
    support::DiagnosticEngine diags;
    cli::PipelineResult plain = cli::run_pipeline({"examples/cafe.pol"}, diags);
    REQUIRE(plain.profile);
    CHECK(*plain.profile == profile::default_profile());

    test::TempDir dir;
    std::string path = (dir.path / "p.toml").string();
    profile::Profile mine;
    mine.gates.push_back({cafe_http_gate(), 10, {{"HTTP/1.", 9, 9, {}}}, std::nullopt});
    std::ofstream(path) << profile::write_profile(mine, {});
    cli::PipelineOptions options("examples/cafe.pol");
    options.profile_path = path;
    cli::PipelineResult given = cli::run_pipeline(options, diags);
    REQUIRE(given.profile);
    CHECK(*given.profile == mine);
    // The optimiser orders and covers by it: a profile in which "HTTP/1." is in 9 of 10
    // gate packets and nothing else is known writes other rules than the default.
    CHECK(given.script != plain.script);
    CHECK_FALSE(diags.has_errors());
    fs::current_path(saved);
  }

  TEST_CASE("compile --profile: a bad profile is exit 1 with file:line:col, missing is 3") {
    fs::path saved = fs::current_path();
    fs::current_path(test::source_dir());
    test::TempDir dir;
    std::string bad = (dir.path / "bad.toml").string();
    std::ofstream(bad) << "format = \"rosgen-profile/1\"\n[[gate]]\nprotocol = \"tcp\"\n"
                          "packets = -4\n";
    for (const char* command : {"compile", "check", "diff", "simulate"}) {
      INFO(command);
      std::vector<std::string> args = {command, "examples/cafe.pol", "--profile", bad};
      if (std::string(command) == "diff")
        args.insert(args.end(), {"--against", "tests/golden/compile/examples/cafe.rsc"});
      if (std::string(command) == "simulate")
        args.insert(args.end(), {"--scenario", "examples/cafe-traffic.json"});
      std::string err;
      CHECK(run_rosgen(args, &err) == 1);
      CHECK(err.find(bad + ":4:11: error: 'packets' must not be negative (-4)\n") == 0);
    }
    std::string err;
    CHECK(run_rosgen({"compile", "examples/cafe.pol", "--profile", bad + ".none"}, &err) == 3);
    CHECK(err == "rosgen: error: cannot open '" + bad + ".none': No such file or directory\n");
    CHECK(run_rosgen({"compile", "examples/cafe.pol", "--profile", ""}) == 64);
    fs::current_path(saved);
  }
}
