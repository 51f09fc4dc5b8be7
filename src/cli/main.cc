// itax: the command line. Each subcommand lives in its own cmd_*.cc file;
// this file only wires them up and sets logging.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/common.h"

#ifdef ITAX_JEMALLOC
// Page faults are a large part of a PDF's cost on the VMs itax runs on, and
// most come from the heap growing 4 KB at a time. The itax binary allocates
// with jemalloc (linked in place of malloc for every library, Poppler
// included) on transparent huge pages: a fraction of the faults
// (bench/NOTES.md). jemalloc reads this at its start, before main; its
// operator new throws std::bad_alloc as the standard library's does, which
// the per-document error records rely on.
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "thp:always,metadata_thp:auto";
}
#endif

using namespace itax::cli;

int main(int argc, char** argv) {
  CLI::App app{"itax: read Thai ITA reports (DOCX, PDF) into structured JSON"};
  app.set_version_flag("--version", std::string("itax ") + ITAX_VERSION);
  app.require_subcommand(1);
  bool verbose = false, quiet = false;
  app.add_flag("-v,--verbose", verbose, "More log output (stderr)");
  app.add_flag("-q,--quiet", quiet, "Only errors on stderr");

  std::vector<Command> commands = {add_extract_command(app), add_rules_command(app), add_text_command(app),
                                   add_explain_command(app),
                                   add_batch_command(app),
                                   add_merge_command(app)};
  for (Command& c : commands) {
    c.app->add_flag("-v,--verbose", verbose, "More log output (stderr)");
    c.app->add_flag("-q,--quiet", quiet, "Only errors on stderr");
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kOk : kUsage;
  }

  spdlog::set_default_logger(spdlog::stderr_color_mt("itax"));
  spdlog::set_pattern("%^%l%$: %v");
  spdlog::set_level(quiet ? spdlog::level::err : verbose ? spdlog::level::debug : spdlog::level::info);

  for (Command& c : commands)
    if (*c.app) return c.run();
  return kUsage;
}
