// The fleet runner (run.hpp): a phase of routers is worked off by up to --parallel threads
// taking the next index from a shared counter; results are stored by index, so the order
// they finish in never shows in the Report.
#include "fleet/run.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <system_error>
#include <thread>

#include "transport/session.hpp"

namespace rosgen::fleet {

std::string_view status_text(Status status) {
  switch (status) {
    case Status::InSync:
      return "in sync";
    case Status::Differs:
      return "differs";
    case Status::Applied:
      return "applied";
    case Status::DryRun:
      return "dry run";
    case Status::Refused:
      return "refused";
    case Status::RolledBack:
      return "rolled back";
    case Status::Mixed:
      return "mixed";
    case Status::Failed:
      return "failed";
    case Status::Unreachable:
      return "unreachable";
    case Status::Interrupted:
      return "interrupted";
    case Status::Skipped:
      return "skipped";
  }
  return "failed";
}

std::string_view status_key(Status status) {
  switch (status) {
    case Status::InSync:
      return "in_sync";
    case Status::DryRun:
      return "dry_run";
    case Status::RolledBack:
      return "rolled_back";
    default:
      return status_text(status);
  }
}

bool is_failure(Status status) {
  switch (status) {
    case Status::InSync:
    case Status::Differs:
    case Status::Applied:
    case Status::DryRun:
    case Status::Skipped:
      return false;
    default:
      return true;
  }
}

RouterResult result_of(const std::exception& error) {
  RouterResult result;
  result.status = Status::Failed;
  if (const auto* ssh = dynamic_cast<const transport::Error*>(&error)) {
    if (ssh->kind() == transport::ErrorKind::Resolve ||
        ssh->kind() == transport::ErrorKind::Connect)
      result.status = Status::Unreachable;
  }
  result.message = error.what();
  return result;
}

std::size_t Report::count(Status status) const {
  return static_cast<std::size_t>(std::count_if(
      results.begin(), results.end(), [&](const RouterResult& r) { return r.status == status; }));
}

int Report::exit_code() const {
  if (interrupted || count(Status::Interrupted) > 0)
    return 130;
  bool failed = canary_stopped || std::any_of(results.begin(), results.end(),
                                              [](const auto& r) { return is_failure(r.status); });
  if (failed)
    return 1;
  return count(Status::Differs) + count(Status::DryRun) > 0 ? 2 : 0;
}

namespace {

class Runner {
 public:
  Runner(const std::vector<Router>& routers, const Job& job, const Progress& progress)
      : routers_(routers), job_(job), progress_(progress) {
    report_.results.resize(routers.size());
  }

  // Runs routers [begin, end) with up to `parallel` threads and waits for all of them;
  // once `interrupt` is set, the routers not yet started are skipped.
  void phase(std::size_t begin, std::size_t end, std::size_t parallel,
             const std::atomic<bool>* interrupt) {
    std::atomic<std::size_t> next{begin};
    auto work = [&] {
      for (std::size_t i = next++; i < end; i = next++) {
        if (interrupt != nullptr && interrupt->load())
          skip(i, "not run: interrupted");
        else
          one(i);
      }
    };
    std::vector<std::jthread> threads;
    std::size_t wanted = std::min(parallel, end - begin);
    for (std::size_t t = 1; t < wanted; ++t) {
      try {
        threads.emplace_back(work);
      } catch (const std::system_error&) {
        break;  // no more threads to be had: fewer run at a time
      }
    }
    work();  // this thread works too; the others are joined when `threads` goes
  }

  void finish(std::size_t index, RouterResult result) {
    std::lock_guard lock(mutex_);
    report_.results[index] = std::move(result);
    if (!progress_ || progress_error_)
      return;
    try {
      progress_(index, report_.results[index]);
    } catch (...) {
      progress_error_ = std::current_exception();
    }
  }

  void skip(std::size_t index, std::string why) {
    RouterResult skipped;
    skipped.status = Status::Skipped;
    skipped.message = std::move(why);
    finish(index, std::move(skipped));
  }

  Report take() {
    if (progress_error_)
      std::rethrow_exception(progress_error_);
    return std::move(report_);
  }

  Report& report() { return report_; }

 private:
  void one(std::size_t index) {
    RouterResult result;
    try {
      result = job_(routers_[index]);
    } catch (const std::exception& e) {
      result = result_of(e);
    } catch (...) {
      result.status = Status::Failed;
      result.message = "the job failed with an exception that is not a std::exception";
    }
    finish(index, std::move(result));
  }

  const std::vector<Router>& routers_;
  const Job& job_;
  const Progress& progress_;
  std::mutex mutex_;
  std::exception_ptr progress_error_;
  Report report_;
};

}  // namespace

Report run(const std::vector<Router>& routers, const Job& job, const RunOptions& options,
           const Progress& progress) {
  Runner runner(routers, job, progress);
  std::size_t parallel = std::max<std::size_t>(1, options.parallel);
  std::size_t canaries = std::min(options.canary, routers.size());
  runner.report().canaries = canaries;
  auto interrupted = [&] { return options.interrupt != nullptr && options.interrupt->load(); };
  runner.phase(0, canaries, parallel, options.interrupt);
  const std::vector<RouterResult>& results = runner.report().results;
  auto failed = std::find_if(results.begin(), results.begin() + static_cast<long>(canaries),
                             [](const RouterResult& r) { return is_failure(r.status); });
  if (failed == results.begin() + static_cast<long>(canaries) || interrupted()) {
    // After an interrupt the phase skips every router: "interrupted", not "canary failed".
    runner.phase(canaries, routers.size(), parallel, options.interrupt);
  } else {
    runner.report().canary_stopped = true;
    const std::string& name = routers[static_cast<std::size_t>(failed - results.begin())].name;
    for (std::size_t i = canaries; i < routers.size(); ++i)
      runner.skip(i, "not run: canary '" + name + "' failed");
  }
  runner.report().interrupted = interrupted();
  return runner.take();
}

}  // namespace rosgen::fleet
