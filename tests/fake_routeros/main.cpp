// rosgen_fake_routeros: a fake RouterOS device for rosgen's SSH tests (issue 10, §5).
//   rosgen_fake_routeros --device DIR     sshd's ForceCommand: runs SSH_ORIGINAL_COMMAND
//                                         (one RouterOS command line per exec channel), or
//                                         sftp-server in DIR/files for an SFTP session
//   rosgen_fake_routeros --daemon DIR     fires DIR's scheduler entries on time and runs
//                                         queued jobs as its children (started and
//                                         stopped by the test harness, by pid)
//   rosgen_fake_routeros --job DIR ID     runs job ID's script (:execute, scheduler events)
//   rosgen_fake_routeros --run DIR TEXT   runs TEXT on DIR without SSH, faults or logging
// Fault injection is read from DIR/control.conf on every command (device.hpp). A dropped
// link is made by killing this session's sshd process (the nearest "sshd" ancestor), so
// the client sees the connection close with no answer.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "device.hpp"
#include "interpreter.hpp"
#include "menus.hpp"

namespace fake = rosgen::fake;
namespace fs = std::filesystem;

namespace {

fs::path self_path() {
  return fs::read_symlink("/proc/self/exe");
}

// Kills the nearest sshd ancestor (the session's process): the TCP connection drops.
[[noreturn]] void drop_connection() {
  pid_t pid = ::getppid();
  while (pid > 1) {
    std::ifstream comm("/proc/" + std::to_string(pid) + "/comm");
    std::string name;
    std::getline(comm, name);
    if (name == "sshd") {
      ::kill(pid, SIGKILL);
      break;
    }
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    std::size_t close = text.rfind(')');
    if (close == std::string::npos)
      break;
    std::istringstream rest(text.substr(close + 2));
    char state = 0;
    long parent = 0;
    rest >> state >> parent;
    pid = static_cast<pid_t>(parent);
  }
  ::_exit(0);
}

void write_out(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

int forced_command(const fs::path& dir) {
  const char* original = std::getenv("SSH_ORIGINAL_COMMAND");
  if (original == nullptr) {
    std::fputs("fake RouterOS: interactive sessions are not supported; run one command\n", stderr);
    return 1;
  }
  std::string command = original;
  fake::Control control = fake::Control::load(dir);
  bool sftp = command == "internal-sftp" || command.ends_with("sftp-server");
  std::uint64_t number = fake::record_command(dir, sftp ? "(sftp)" : command);
  if (fs::exists(dir / "locked-out")) {
    std::fputs("fake RouterOS: login refused: locked out (until the rollback fires)\n", stderr);
    return 1;
  }
  if (control.drop_before && *control.drop_before == number)
    drop_connection();
  if (control.drop_matching && !sftp &&
      std::regex_search(command, std::regex(*control.drop_matching)) &&
      fake::count_commands_matching(dir, *control.drop_matching) == control.drop_matching_nth)
    drop_connection();
  if (sftp) {
    fs::create_directories(dir / "files" / "flash");
    std::string start = (dir / "files").string();
    ::execl("/usr/lib/openssh/sftp-server", "sftp-server", "-d", start.c_str(),
            static_cast<char*>(nullptr));
    std::perror("fake RouterOS: sftp-server");
    return 1;
  }
  bool delayed =
      !control.delay_matching ||
      (std::regex_search(command, std::regex(*control.delay_matching)) &&
       fake::count_commands_matching(dir, *control.delay_matching) == control.delay_matching_nth);
  if (control.delay_ms > 0 && delayed)
    std::this_thread::sleep_for(std::chrono::milliseconds(control.delay_ms));
  fake::Interpreter interpreter({dir, self_path(), control, false});
  interpreter.run(command);
  interpreter.finish();
  if (control.drop_after && *control.drop_after == number)
    drop_connection();
  write_out(interpreter.output());
  return 0;
}

int run_job(const fs::path& dir, const std::string& id) {
  fs::path pid_file = dir / "jobs" / (id + ".pid");
  fs::path script_file = dir / "jobs" / (id + ".rsc");
  std::string origin;
  {
    std::ifstream in(pid_file);
    std::string first;
    in >> first >> origin;
  }
  std::ofstream(pid_file) << ::getpid() << " " << origin << "\n";
  std::ifstream in(script_file, std::ios::binary);
  std::string script((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  fake::Control control = fake::Control::load(dir);
  fake::Interpreter interpreter({dir, self_path(), control, origin == "scheduler"});
  interpreter.run(script);
  interpreter.finish();
  std::ofstream(dir / "jobs.log", std::ios::app) << "job *" << id << " (" << origin << ")\n"
                                                 << interpreter.output();
  std::error_code ignored;
  fs::remove(script_file, ignored);
  fs::remove(pid_file, ignored);
  return 0;
}

volatile std::sig_atomic_t stopping = 0;

void on_term(int) {
  stopping = 1;
}

// Notes entries that are due while a job holds the device (a real router would run them
// during the job), read from the last saved state.
void report_late(const fs::path& dir, std::set<std::string>& reported) {
  fake::Device snapshot = fake::Device::load(dir);
  std::int64_t now = fake::now_epoch();
  for (fake::Record& entry : snapshot.scheduler) {
    const std::string& next = entry[".next-run"];
    if (!next.empty() && entry["disabled"] != "yes" && std::stoll(next) <= now &&
        reported.insert(entry["name"] + " " + next).second) {
      std::ofstream(dir / "late.log", std::ios::app)
          << entry["name"] << " due at " << entry["next-run"] << " while a job ran\n";
    }
  }
}

// Fires due scheduler entries: each event is queued as a job; the first event that starts
// after a lockout began ends the lockout (the rollback lets the operator back in).
void fire_due(const fs::path& dir) {
  fake::DeviceLock lock(dir);
  fake::Device device = fake::Device::load(dir);
  std::int64_t now = fake::now_epoch();
  bool changed = false;
  for (fake::Record& entry : device.scheduler) {
    const std::string& next = entry[".next-run"];
    if (next.empty() || entry["disabled"] == "yes" || std::stoll(next) > now)
      continue;
    entry["run-count"] = std::to_string(std::stoull(entry["run-count"]) + 1);
    entry["last-started"] = fake::date_text(now) + " " + fake::time_text(now);
    fake::Menus::schedule(entry, now);
    if (device.locked_out && now >= device.locked_at)
      device.locked_out = false;
    fake::queue_job(dir, device, entry["on-event"], "scheduler");
    changed = true;
  }
  if (changed)
    device.save(dir);
}

// The daemon: fires scheduler entries and starts queued jobs as its own children, which it
// reaps; on SIGTERM it kills and reaps the jobs still running, then exits.
int daemon(const fs::path& dir) {
  struct sigaction action {};

  action.sa_handler = on_term;
  ::sigaction(SIGTERM, &action, nullptr);
  std::set<std::string> reported;
  std::set<pid_t> children;
  while (!stopping && fs::exists(dir)) {
    try {
      if (fake::DeviceLock::available(dir))
        fire_due(dir);
      else
        report_late(dir, reported);
      for (const std::string& id : fake::queued_jobs(dir))
        children.insert(fake::start_job(self_path(), dir, id));
    } catch (const std::exception& e) {
      if (stopping)
        break;
      std::fprintf(stderr, "fake RouterOS daemon: %s\n", e.what());
    }
    for (pid_t pid; (pid = ::waitpid(-1, nullptr, WNOHANG)) > 0;) children.erase(pid);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  for (pid_t pid : children) ::kill(pid, SIGKILL);
  for (pid_t pid : children) ::waitpid(pid, nullptr, 0);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc == 3 && std::strcmp(argv[1], "--device") == 0)
      return forced_command(argv[2]);
    if (argc == 3 && std::strcmp(argv[1], "--daemon") == 0)
      return daemon(argv[2]);
    if (argc == 4 && std::strcmp(argv[1], "--job") == 0)
      return run_job(argv[2], argv[3]);
    if (argc == 4 && std::strcmp(argv[1], "--run") == 0) {
      fake::Interpreter interpreter({argv[2], self_path(), fake::Control::load(argv[2]), false});
      bool ok = interpreter.run(argv[3]);
      interpreter.finish();
      write_out(interpreter.output());
      return ok ? 0 : 1;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fake RouterOS: internal error: %s\n", e.what());
    return 2;
  }
  std::fputs(
      "usage: rosgen_fake_routeros --device DIR | --daemon DIR | --job DIR ID | --run DIR TEXT\n",
      stderr);
  return 64;
}
