// Which files a batch covers: files and directories as for itax extract,
// plus "-" for a list of paths read from a stream (stdin), one per line, so
// another program (find, GNU parallel, Spark's RDD.pipe) can feed itax.
#pragma once
#include <istream>
#include <string>
#include <vector>

namespace itax::batch {

// Paths from `in`, one per line (a trailing CR is dropped, empty lines skipped).
std::vector<std::string> read_path_list(std::istream& in);

// Expands the arguments in order: "-" reads `list` (once), directories are
// searched recursively for .docx/.pdf (sorted), files are kept as given.
std::vector<std::string> collect_inputs(const std::vector<std::string>& args, std::istream& list);

}  // namespace itax::batch
