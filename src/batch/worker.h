// A batch worker: a forked child process that parses documents one after
// another for the parent (WorkerPool), so that a crash, a hang or a memory
// blow-up costs one document and one process, never the batch.
//
// Protocol, over a Unix socket pair, per document:
//   parent -> worker  {"path": "...", "json_out": "DIR/x.json"}\n
//   worker -> parent  an answer: a 20-byte head ("IXA1", then u32 flags,
//                     and the u32 lengths of the write error, the rows and
//                     the record), then those three, back to back.
// The record is the itax.report/1 record on one line (dump_json(to_json(rec),
// true)); the rows are its store rows (rows.h), made by the worker so that
// the parent stores the record without parsing JSON. Lengths, not a
// delimiter, end each part, because the rows are binary. The worker writes
// the indented record to json_out (atomically) before it answers, unless
// json_out is empty. Flag 1 (exiting) says the worker ends after this answer
// (after running out of memory) and must be replaced. End of input ends the
// worker.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "batch/rows.h"

namespace itax {
class Pipeline;
}

namespace itax::batch {

// Exit status of a worker that ran out of memory in a way it could not
// report as a record (the parent maps it to an out_of_memory record).
inline constexpr int kExitOutOfMemory = 86;

struct WorkerSetup {
  int fd = -1;                           // the worker's end of the socket pair
  std::vector<int> close_fds;            // the parent's other descriptors
  std::uint64_t max_memory_bytes = 0;    // address space the worker may add; 0: no limit
  int parent_pid = 0;
  std::function<void()> on_start;        // runs first in the new process, if set
};

// Runs in the child after fork(): serves requests until the parent closes
// the socket or goes away. Never returns.
[[noreturn]] void worker_main(const Pipeline& pipeline, const WorkerSetup& setup);

std::string make_request(const std::string& path, const std::string& json_out);

struct Response {
  std::string write_error;  // "" when the JSON file was written (or none was asked for)
  bool exiting = false;
  std::optional<DocumentRows> rows;  // the record's store rows
  std::string record_line;  // the record, one line of JSON
};

std::string make_answer(const std::string& write_error, bool exiting, const DocumentRows& rows,
                        const std::string& record_line);

enum class Answer { Incomplete, Malformed, Taken };
// Takes the first answer off the front of `buf` into `out` when it is all
// there (Taken); Incomplete leaves `buf` alone. Malformed: a bad head, a part
// too large, or rows that do not read.
Answer take_answer(std::string& buf, Response& out);

}  // namespace itax::batch
