// A batch worker: a forked child process that parses documents one after
// another for the parent (WorkerPool), so that a crash, a hang or a memory
// blow-up costs one document and one process, never the batch.
//
// Protocol, over a Unix socket pair, one line each way per document:
//   parent -> worker  {"path": "...", "json_out": "DIR/x.json"}\n
//   worker -> parent  {"write_error": null, "exiting": false, "rows": {...}}\t<record>\n
// <record> is the itax.report/1 record on one line (dump_json(to_json(rec),
// true)); JSON text never holds a raw tab or newline, so both split cleanly.
// "rows" are the record's store rows (document_rows() in store.h), made by
// the worker so that the parent stores the record without parsing it.
// The worker writes the indented record to json_out (atomically) before it
// answers, unless json_out is empty. "exiting": true says the worker ends
// after this answer (after running out of memory) and must be replaced.
// End of input ends the worker.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

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
};

// Runs in the child after fork(): serves requests until the parent closes
// the socket or goes away. Never returns.
[[noreturn]] void worker_main(const Pipeline& pipeline, const WorkerSetup& setup);

std::string make_request(const std::string& path, const std::string& json_out);

struct Response {
  std::string write_error;  // "" when the JSON file was written (or none was asked for)
  bool exiting = false;
  nlohmann::json rows;      // document_rows() of the record
  std::string record_line;  // the record, one line of JSON
};
// Parses one answer line (without its newline), taking it over; nullopt when malformed.
std::optional<Response> parse_response(std::string&& line);

}  // namespace itax::batch
