// Checks shared by the readers before they open a file. Private to src/readers/.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "readers/reader.h"
#include "util/result.h"

namespace itax::detail {

// nullopt when `path` names a readable, non-empty regular file within
// limits.max_file_bytes; otherwise the Error to return (not_found,
// not_a_file, unreadable, empty_file, file_too_large). Sets *size if given.
std::optional<Error> check_input_file(const std::string& path, const ReaderLimits& limits,
                                      std::uint64_t* size = nullptr);

}  // namespace itax::detail
