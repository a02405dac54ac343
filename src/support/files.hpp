// Reading input files safely and writing output files completely. Entry points:
// read_input_file() (regular files only, size-limited, whole or not at all),
// open_source_file() (the same, as a SourceFile for diagnostics, or IoError),
// write_output_file() (atomic for regular files, direct for devices and FIFOs),
// file_identity() (device and inode, to refuse overwriting an input),
// RemoveOnFatalSignal (the temporary file goes when a signal ends the process).
#pragma once

#include <csignal>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/diagnostics.hpp"

namespace rosgen::support {

// The largest policy, include or export rosgen reads: 256 MiB. Checked with fstat before
// reading, so that a huge or endless file is refused instead of exhausting memory.
inline constexpr std::uint64_t kMaxInputBytes = std::uint64_t{256} << 20;

// Which file a path names, after following symlinks (st_dev, st_ino). Two paths (or a
// hard link and its original) name the same file exactly when their identities are equal.
struct FileIdentity {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  bool operator==(const FileIdentity&) const = default;
};

// An input of this run, for refusing to overwrite it: its name as shown in messages.
struct InputFile {
  std::string name;
  FileIdentity identity;
};

struct FileContents {
  std::string text;
  FileIdentity identity;
};

// Reads the whole regular file `path` (symlinks followed). Returns nullopt and sets
// *reason when it cannot: the system's reason ("No such file or directory", "Too many
// levels of symbolic links", "Permission denied"), "is a directory", "is a FIFO, not a
// regular file" (also devices and sockets; a FIFO is opened without blocking), or "is
// larger than the 256 MiB limit for input files". Throws IoError when memory runs out
// while reading: the text is returned whole or not at all.
std::optional<FileContents> read_input_file(const std::string& path, std::string* reason);

// read_input_file() of an input that diagnostics will point into: the file as a
// SourceFile named `path`, appended to `inputs` (when given) so that -o cannot replace it.
// Throws IoError ("cannot open 'x.rsc': No such file or directory") when it cannot be read.
std::shared_ptr<const SourceFile> open_source_file(const std::string& path,
                                                   std::vector<InputFile>* inputs = nullptr);

// read_input_file() without the identity.
std::optional<std::string> read_file(const std::string& path, std::string* reason);

// The identity of the file `path` names (symlinks followed), or nullopt when it does not
// exist or cannot be examined.
std::optional<FileIdentity> file_identity(const std::string& path);

// Writes `contents` to `path` so that it is complete or the call throws IoError:
//  - a regular file the process may not write (faccessat W_OK: 0444, another user's): refused,
//    as the shell's > would refuse it, though the rename would be allowed.
//  - absent or a regular file: a temporary file in the same directory, fsync, rename over
//    `path` (readers see the old file or the whole new one). An existing file keeps its
//    permission bits (set-user-ID and set-group-ID are dropped), and its owner when the
//    process may set it; a new file gets 0666 less the umask. The new file is a new inode:
//    other hard links to the old file keep the old contents (as with sed -i).
//  - a symlink: the file it finally names is replaced that way; the link stays.
//  - a character or block device or a FIFO (e.g. /dev/null, or /dev/fd/N naming a pipe,
//    which bash's -o >(cmd) passes): written directly, never replaced by a regular file.
//  - anything else (a directory, a socket): refused.
// `inputs` are the files this run read: when `path` names one of them (compared by
// identity, through symlinks and hard links) the call throws IoError before writing.
void write_output_file(const std::string& path, const std::string& contents,
                       const std::vector<InputFile>& inputs = {});

// While it lives, a signal that would end the process (SIGTERM, SIGINT, SIGHUP, SIGQUIT)
// first removes `path`, then ends the process with the signal's default action (so the
// shell still sees "killed by SIGTERM"). For write_output_file()'s temporary file; one
// path at a time (a second guard while one lives does nothing), signals the process
// ignores stay ignored, and the previous handlers come back when the guard ends.
class RemoveOnFatalSignal {
 public:
  explicit RemoveOnFatalSignal(const std::string& path);
  RemoveOnFatalSignal(const RemoveOnFatalSignal&) = delete;
  RemoveOnFatalSignal& operator=(const RemoveOnFatalSignal&) = delete;
  ~RemoveOnFatalSignal();

 private:
  bool active_ = false;
  struct sigaction previous_[4]{};
};

// The old name of write_output_file() without inputs.
void write_file_atomically(const std::string& path, const std::string& contents);

}  // namespace rosgen::support
