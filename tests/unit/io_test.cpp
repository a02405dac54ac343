// Tests for support/files (regular inputs only, size limit, complete or refused outputs),
// the loader's handling of include files that are not policy text and of the header's
// source names, and the command line's exit codes for usage and output errors.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "cli/app.hpp"
#include "sema/load.hpp"
#include "support/errors.hpp"
#include "support/files.hpp"
#include "test_util.hpp"

using namespace rosgen;
namespace fs = std::filesystem;

namespace {

// A fresh directory under the system's temporary directory, removed afterwards.
struct TempDir {
  fs::path path;

  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "rosgen-io-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }

  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }

  std::string file(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return (path / name).string();
  }
};

mode_t mode_of(const fs::path& path) {
  struct stat st {};

  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

// A stream whose every write fails, like std::cout on /dev/full.
struct FullBuf : std::streambuf {
  int overflow(int) override { return traits_type::eof(); }

  std::streamsize xsputn(const char*, std::streamsize) override { return 0; }
};

int run_cli(std::vector<const char*> argv, std::ostream& out, std::ostream& err) {
  argv.insert(argv.begin(), "rosgen");
  return cli::run(static_cast<int>(argv.size()), argv.data(), {&out, &err, false, false});
}

std::string cafe() {
  return test::source_dir() + "/examples/cafe.pol";
}

}  // namespace

TEST_SUITE("io") {
  TEST_CASE("files: a regular file is read whole, with its identity") {
    TempDir dir;
    std::string path = dir.file("a.pol", "policy a {}\n");
    std::string reason;
    auto contents = support::read_input_file(path, &reason);
    REQUIRE(contents);
    CHECK(contents->text == "policy a {}\n");
    CHECK(contents->identity == support::file_identity(path));
    CHECK(contents->identity.inode != 0);
  }

  TEST_CASE("files: FIFOs, devices and directories are refused without blocking") {
    TempDir dir;
    fs::path fifo = dir.path / "fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::string reason;
    CHECK_FALSE(support::read_input_file(fifo.string(), &reason));
    CHECK(reason == "is a FIFO, not a regular file");
    CHECK_FALSE(support::read_input_file("/dev/zero", &reason));
    CHECK(reason == "is a character device, not a regular file");
    CHECK_FALSE(support::read_input_file(dir.path.string(), &reason));
    CHECK(reason == "is a directory");
  }

  TEST_CASE("files: a symlink loop says so") {
    TempDir dir;
    fs::create_symlink(dir.path / "loop", dir.path / "loop");
    std::string reason;
    CHECK_FALSE(support::read_input_file((dir.path / "loop").string(), &reason));
    CHECK(reason == "Too many levels of symbolic links");
  }

  TEST_CASE("files: a file over the size limit is refused before reading") {
    TempDir dir;
    fs::path big = dir.path / "big.pol";
    std::ofstream(big).put('x');
    fs::resize_file(big, support::kMaxInputBytes + 1);  // sparse: costs no disk
    std::string reason;
    CHECK_FALSE(support::read_input_file(big.string(), &reason));
    CHECK(reason == "is larger than the 256 MiB limit for input files (268435457 bytes)");
  }

  TEST_CASE("files: -o to an absent file creates it with 0666 less the umask, no temporary") {
    TempDir dir;
    for (mode_t mask : {mode_t{022}, mode_t{077}, mode_t{002}}) {
      mode_t old = ::umask(mask);
      fs::path out = dir.path / ("new-" + std::to_string(mask) + ".rsc");
      support::write_output_file(out.string(), "script\n");
      ::umask(old);
      CHECK(test::read_text(out) == "script\n");
      CHECK(mode_of(out) == (0666 & ~mask));
    }
    CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 3);
  }

  TEST_CASE("files: -o over a set-user-ID file keeps its permissions but drops set-ID bits") {
    TempDir dir;
    std::string out = dir.file("old.rsc", "old\n");
    ::chmod(out.c_str(), 06750);
    support::write_output_file(out, "new\n");
    CHECK(test::read_text(out) == "new\n");
    CHECK(mode_of(out) == 0750);
  }

  TEST_CASE("files: -o /dev/fd/N naming a pipe (bash's -o >(cmd)) writes into the pipe") {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    std::string path = "/dev/fd/" + std::to_string(fds[1]);
    support::write_output_file(path, "through the pipe\n");
    ::close(fds[1]);
    char buffer[64] = {};
    ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    ::close(fds[0]);
    CHECK(std::string(buffer, n > 0 ? static_cast<std::size_t>(n) : 0) == "through the pipe\n");
  }

  TEST_CASE("files: -o over an existing file keeps its mode") {
    TempDir dir;
    std::string out = dir.file("old.rsc", "old\n");
    fs::permissions(out, fs::perms::owner_read | fs::perms::owner_write);
    support::write_output_file(out, "new\n");
    CHECK(test::read_text(out) == "new\n");
    CHECK(mode_of(out) == 0600);
  }

  TEST_CASE("files: -o through a symlink replaces the file it names; the link stays") {
    TempDir dir;
    std::string target = dir.file("target.rsc", "old\n");
    fs::create_symlink("target.rsc", dir.path / "link.rsc");
    support::write_output_file((dir.path / "link.rsc").string(), "new\n");
    CHECK(fs::is_symlink(dir.path / "link.rsc"));
    CHECK(test::read_text(target) == "new\n");
    // A dangling link: the file it names is created.
    fs::create_symlink("later.rsc", dir.path / "dangling.rsc");
    support::write_output_file((dir.path / "dangling.rsc").string(), "x\n");
    CHECK(fs::is_symlink(dir.path / "dangling.rsc"));
    CHECK(test::read_text(dir.path / "later.rsc") == "x\n");
  }

  TEST_CASE("files: -o to a FIFO writes into it and keeps the node") {
    TempDir dir;
    fs::path fifo = dir.path / "fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::string received;
    std::thread reader([&] { received = test::read_text(fifo); });
    support::write_output_file(fifo.string(), "through the pipe\n");
    reader.join();
    CHECK(received == "through the pipe\n");
    CHECK(fs::is_fifo(fifo));
  }

  TEST_CASE("files: -o to a character device writes to it and never replaces the node") {
    // Never the machine's own /dev/null: a broken build would replace it for everyone.
    TempDir dir;
    fs::path null = dir.path / "null";
    if (::mknod(null.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0) {
      MESSAGE("skipped: mknod needs root");
      return;
    }
    support::write_output_file(null.string(), "gone\n");
    CHECK(fs::is_character_file(null));
  }

  TEST_CASE("files: -o to a directory is refused") {
    TempDir dir;
    CHECK_THROWS_WITH_AS(support::write_output_file(dir.path.string(), "x"),
                         ("cannot write '" + dir.path.string() +
                          "': it is a directory (-o takes a file, a device or a FIFO)")
                             .c_str(),
                         support::IoError);
  }

  TEST_CASE("files: -o naming an input, also through a symlink or a hard link, is refused") {
    TempDir dir;
    std::string input = dir.file("self.pol", "policy self {}\n");
    fs::create_symlink("self.pol", dir.path / "link.pol");
    fs::create_hard_link(input, dir.path / "hard.pol");
    std::vector<support::InputFile> inputs{{input, *support::file_identity(input)}};
    CHECK_THROWS_WITH_AS(
        support::write_output_file(input, "x", inputs),
        ("refusing to write '" + input + "': it is an input of this run (nothing was written)")
            .c_str(),
        support::IoError);
    for (const char* other : {"link.pol", "hard.pol"}) {
      CHECK_THROWS_AS(support::write_output_file((dir.path / other).string(), "x", inputs),
                      support::IoError);
    }
    CHECK(test::read_text(input) == "policy self {}\n");
  }

  TEST_CASE("load: an include that is not policy text is one error at the include") {
    TempDir dir;
    dir.file("passwd", "root:x:0:0:root:/root:/bin/bash\nsecret line\n");
    std::string main = dir.file("main.pol", "# site\ninclude \"passwd\"\n");
    support::DiagnosticEngine diags;
    sema::LoadOptions options{{}, ""};
    auto loaded = sema::load_policy(main, options, diags);
    std::string text = support::render_all(diags);
    CHECK(diags.error_count() == 1);
    CHECK(text.find("main.pol:2:9: error: '" + (dir.path / "passwd").string() +
                    "' does not look like a policy file (line 1 does not parse); nothing from "
                    "it is used") != std::string::npos);
    CHECK(text.find("root:x") == std::string::npos);
    CHECK(loaded.files.size() == 1);
  }

  TEST_CASE("load: an include whose first statement parses shows its own errors") {
    TempDir dir;
    dir.file("lib.pol", "set a = tcp 25\ncap 5\n");
    std::string main = dir.file("main.pol", "include \"lib.pol\"\n");
    support::DiagnosticEngine diags;
    auto loaded = sema::load_policy(main, {{}, ""}, diags);
    CHECK(support::render_all(diags).find("lib.pol:2:") != std::string::npos);
    CHECK(loaded.files.size() == 2);
  }

  TEST_CASE("load: an include of a FIFO or a device is an error at the include") {
    TempDir dir;
    fs::path fifo = dir.path / "fifo.pol";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::string main = dir.file("main.pol", "include \"fifo.pol\"\ninclude \"/dev/zero\"\n");
    support::DiagnosticEngine diags;
    sema::load_policy(main, {{}, ""}, diags);
    std::string text = support::render_all(diags);
    CHECK(text.find("main.pol:1:9: error: cannot read '" + fifo.string() +
                    "': is a FIFO, not a regular file") != std::string::npos);
    CHECK(text.find("main.pol:2:9: error: cannot read '/dev/zero': is a character device, not a "
                    "regular file") != std::string::npos);
  }

  TEST_CASE("load: header names do not depend on the working directory or the path's spelling") {
    TempDir dir;
    fs::create_directories(dir.path / "site" / "inc");
    fs::create_directories(dir.path / "lib");
    dir.file("site/inc/x.pol", "set x = tcp 1\n");
    dir.file("lib/l.pol", "set l = tcp 2\n");
    dir.file("site/main.pol", "include \"inc/x.pol\"\ninclude \"l.pol\"\n");
    sema::LoadOptions options{{}, (dir.path / "lib").string()};
    auto names = [&](const std::string& path) {
      support::DiagnosticEngine diags;
      auto loaded = sema::load_policy(path, options, diags);
      std::vector<std::string> out;
      for (const auto& source : loaded.sources) out.push_back(source.header_name);
      return out;
    };
    std::vector<std::string> expected{"main.pol", "inc/x.pol", "library:l.pol"};
    CHECK(names((dir.path / "site/main.pol").string()) == expected);
    CHECK(names((dir.path / "site/../site/./main.pol").string()) == expected);
    fs::path saved = fs::current_path();
    fs::current_path(dir.path / "site" / "inc");
    CHECK(names("../main.pol") == expected);
    fs::current_path(saved);
  }

  TEST_CASE("load: a policy reached through a symlink is named and includes as the real file") {
    TempDir dir;
    fs::create_directories(dir.path / "a" / "b" / "inc");
    fs::create_directories(dir.path / "shared");
    fs::create_directories(dir.path / "dirs");
    dir.file("a/b/inc/sf.pol", "set sf = tcp 1\n");
    dir.file("shared/up.pol", "set up = tcp 2\n");
    dir.file("dirs/d.pol", "set d = tcp 3\n");
    dir.file("a/b/cafe.pol",
             "include \"inc/sf.pol\"\ninclude \"../../shared/up.pol\"\ninclude \"d.pol\"\n");
    fs::create_directory_symlink(dir.path / "a" / "b", dir.path / "lnk");
    fs::create_symlink("a/b/cafe.pol", dir.path / "mycafe.pol");
    // -I through a link of its own: named from the real directory all the same.
    fs::create_directory_symlink(dir.path / "dirs", dir.path / "a" / "dirs-link");
    sema::LoadOptions options{{(dir.path / "a" / "dirs-link").string()}, ""};
    auto names = [&](const std::string& path) {
      support::DiagnosticEngine diags;
      auto loaded = sema::load_policy(path, options, diags);
      CHECK(support::render_all(diags) == "");
      std::vector<std::string> out;
      for (const auto& source : loaded.sources) out.push_back(source.header_name);
      return out;
    };
    // Relative to the main policy's real directory, never absolute: the bytes do not
    // depend on where the checkout lives.
    std::vector<std::string> expected{"cafe.pol", "inc/sf.pol", "../../shared/up.pol",
                                      "../../dirs/d.pol"};
    CHECK(names((dir.path / "a/b/cafe.pol").string()) == expected);
    CHECK(names((dir.path / "mycafe.pol").string()) == expected);
    CHECK(names((dir.path / "lnk/cafe.pol").string()) == expected);
    // The default policy name comes from the real file too.
    std::ostringstream out, err;
    std::string link = (dir.path / "mycafe.pol").string();
    dir.file("a/b/cafe.pol", "cap c new connections 5 per host -> drop\n");
    CHECK(run_cli({"compile", link.c_str()}, out, err) == 0);
    CHECK(out.str().find("# rosgen ") == 0);
    CHECK(out.str().find("policy \"cafe\"") != std::string::npos);
    CHECK(out.str().find("# sources: cafe.pol\n") != std::string::npos);
  }

  TEST_CASE("diagnostics: errors past the limit are counted, not kept, and summed up") {
    support::DiagnosticEngine diags;
    diags.set_error_limit(2);
    for (int i = 0; i < 5; ++i)
      diags.error({}, "e" + std::to_string(i)).notes.push_back(support::make_note({}, "n"));
    diags.warning({}, "w");
    CHECK(diags.error_count() == 5);
    CHECK(diags.errors_not_shown() == 3);
    CHECK(diags.diagnostics().size() == 3);
    CHECK(support::render_all(diags) ==
          "rosgen: error: e0\nrosgen: note: n\nrosgen: error: e1\nrosgen: note: n\n"
          "rosgen: warning: w\n"
          "rosgen: note: 3 more errors not shown (the first 2 are above)\n"
          "5 errors and 1 warning generated.\n");
  }

  TEST_CASE("diagnostics: merging keeps the limit and the count of errors not shown") {
    support::DiagnosticEngine a, b;
    a.set_error_limit(3);
    b.set_error_limit(3);
    for (int i = 0; i < 2; ++i) a.error({}, "a");
    for (int i = 0; i < 5; ++i) b.error({}, "b");
    a.merge(std::move(b));
    CHECK(a.error_count() == 7);
    CHECK(a.errors_not_shown() == 4);
    CHECK(a.diagnostics().size() == 3);
  }

  TEST_CASE("diagnostics: the default limit is 100 errors") {
    support::DiagnosticEngine diags;
    for (int i = 0; i < 1000; ++i) diags.error({}, "e");
    CHECK(diags.diagnostics().size() == 100);
    CHECK(support::render_all(diags).find("900 more errors not shown") != std::string::npos);
  }

  TEST_CASE("cli: a failed write to stdout is exit 3, never 0") {
    FullBuf full;
    std::ostream out(&full);
    std::ostringstream err;
    CHECK(run_cli({"compile", cafe().c_str()}, out, err) == cli::kEnvironment);
    CHECK(err.str().find("rosgen: error: cannot write to standard output") != std::string::npos);
    std::ostream out2(&full);
    std::ostringstream err2;
    CHECK(run_cli({"--help"}, out2, err2) == cli::kEnvironment);
  }

  TEST_CASE("cli: usage errors exit 64 in every command; an unknown command is named") {
    std::ostringstream out, err;
    CHECK(run_cli({}, out, err) == 64);
    CHECK(run_cli({"compile"}, out, err) == 64);
    CHECK(run_cli({"diff", cafe().c_str()}, out, err) == 64);
    CHECK(run_cli({"push", cafe().c_str()}, out, err) == 64);  // --host is required
    CHECK(run_cli({"push", cafe().c_str(), "--host", "h", "--confirm-timeout", "5"}, out, err) ==
          64);  // below the 10 s floor
    std::ostringstream bogus_err;
    CHECK(run_cli({"bogus"}, out, bogus_err) == 64);
    CHECK(bogus_err.str() ==
          "rosgen: error: unknown command 'bogus'; commands: compile, check, diff, push, "
          "simulate, profile\n");
  }

  TEST_CASE("cli: a usage error in a command names that command's help") {
    auto usage = [](std::vector<const char*> args) {
      std::ostringstream out, err;
      CHECK(run_cli(args, out, err) == cli::kUsage);
      return err.str();
    };
    CHECK(usage({"push", "x.pol", "--host", "h", "--all"}) ==
          "rosgen: error: --host excludes --all\n"
          "Run 'rosgen push --help' for more information.\n");
    CHECK(usage({"push", "x.pol", "--host", "h", "--confirm-timeout", "5"})
              .ends_with("\nRun 'rosgen push --help' for more information.\n"));
    CHECK(usage({"diff", "--dry-run"}) ==
          "rosgen: error: The following argument was not expected: --dry-run\n"
          "Run 'rosgen diff --help' for more information.\n");
    CHECK(usage({"compile"}).ends_with("\nRun 'rosgen compile --help' for more information.\n"));
    // No command: the program's help.
    CHECK(usage({}).ends_with("\nRun 'rosgen --help' for more information.\n"));
  }

  TEST_CASE("cli: file names in messages cannot forge lines (control characters escaped)") {
    std::ostringstream out, err;
    CHECK(run_cli({"check", "pol\n/system reboot\n#\xC2\x9B.pol"}, out, err) == 3);
    CHECK(err.str() ==
          "rosgen: error: cannot open 'pol\\0A/system reboot\\0A#\\C2\\9B.pol': No such file "
          "or directory\n");
    std::ostringstream bogus_err;
    CHECK(run_cli({"bog\x1b[2Jus"}, out, bogus_err) == 64);
    CHECK(bogus_err.str().starts_with("rosgen: error: unknown command 'bog\\1B[2Jus'"));
    std::ostringstream option_err;
    CHECK(run_cli({"check", "--x\x1b[2J", cafe().c_str()}, out, option_err) == 64);
    CHECK(option_err.str().find('\x1b') == std::string::npos);
    // A policy whose name holds a newline: its diagnostics and the summary stay one line each.
    TempDir dir;
    std::string policy = dir.file("a\nb.pol", "cap x new connections 0 per host -> drop\n");
    std::ostringstream check_out, check_err;
    CHECK(run_cli({"check", policy.c_str()}, check_out, check_err) == 1);
    CHECK(check_err.str().starts_with(dir.path.string() + "/a\\0Ab.pol:1:"));
  }

  TEST_CASE("cli: -o naming the policy is refused and leaves it intact") {
    TempDir dir;
    std::string policy = dir.file("self.pol", test::read_text(cafe()));
    std::ostringstream out, err;
    CHECK(run_cli({"compile", policy.c_str(), "-o", policy.c_str()}, out, err) ==
          cli::kEnvironment);
    CHECK(test::read_text(policy) == test::read_text(cafe()));
    CHECK(err.str().find("refusing to write") != std::string::npos);
  }
}
