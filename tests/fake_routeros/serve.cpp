// rosgen_fake_router: starts one fake RouterOS device behind its own sshd on 127.0.0.1
// (tests/unit/fake_router.hpp), prints how to reach it as shell assignments, and keeps it
// running until SIGINT or SIGTERM, then stops it by pid and removes its directory. For
// trying `rosgen diff --host` and `rosgen push` by hand without a router:
//   build/rosgen_fake_router --defconf > /tmp/fake.env &   # then: . /tmp/fake.env
//   build/rosgen push examples/cafe.pol --host 127.0.0.1 -p $PORT -l $USER_NAME
//       -i $KEY --known-hosts $KNOWN_HOSTS           (one line)
// Options: --defconf loads RouterOS's default configuration (tests/import/defconf-v7.rsc);
// --version V sets what the device reports (default 7.16.2).
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>

#include "fake_router.hpp"

namespace {

volatile std::sig_atomic_t stop = 0;

void on_signal(int) {
  stop = 1;
}

}  // namespace

int main(int argc, char** argv) {
  rosgen::test::FakeRouterOptions options;
  bool defconf = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--defconf") == 0) {
      defconf = true;
    } else if (std::strcmp(argv[i], "--version") == 0 && i + 1 < argc) {
      options.version = argv[++i];
    } else {
      std::fprintf(stderr, "usage: rosgen_fake_router [--defconf] [--version 7.16.2]\n");
      return 64;
    }
  }
  try {
    rosgen::test::FakeRouter router(options);
    if (defconf)
      router.load(std::string(ROSGEN_SOURCE_DIR) + "/tests/import/defconf-v7.rsc");
    std::printf("PORT=%u\nUSER_NAME=%s\nKEY=%s\nKNOWN_HOSTS=%s\nDEVICE_DIR=%s\n", router.port(),
                router.user().c_str(), router.ed25519_key().c_str(),
                router.known_hosts().c_str(), router.device_dir().c_str());
    std::fflush(stdout);
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    while (!stop) ::pause();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rosgen_fake_router: %s\n", e.what());
    return 1;
  }
  return 0;
}
