#include "cli/allocator.h"

#ifdef ITAX_JEMALLOC
#include <string>

#include <sys/types.h>

#include <jemalloc/jemalloc.h>
#endif

namespace itax::cli {

#ifdef ITAX_JEMALLOC
namespace {

// Sets one decay time on every arena made so far (those not yet in use
// refuse it) and as the default of arenas made later.
void set_decay(const char* name, ssize_t ms) {
  unsigned arenas = 0;
  size_t size = sizeof arenas;
  if (mallctl("arenas.narenas", &arenas, &size, nullptr, 0) != 0) return;
  for (unsigned i = 0; i < arenas; ++i) {
    const std::string one = "arena." + std::to_string(i) + "." + name;
    mallctl(one.c_str(), nullptr, nullptr, &ms, sizeof ms);
  }
  const std::string later = std::string("arenas.") + name;
  mallctl(later.c_str(), nullptr, nullptr, &ms, sizeof ms);
}

ssize_t configured(const char* name) {
  ssize_t ms = 0;
  size_t size = sizeof ms;
  const std::string opt = std::string("opt.") + name;
  return mallctl(opt.c_str(), &ms, &size, nullptr, 0) == 0 ? ms : 10000;
}

}  // namespace

void keep_freed_memory(bool keep) {
  for (const char* name : {"dirty_decay_ms", "muzzy_decay_ms"}) set_decay(name, keep ? -1 : configured(name));
}
#else
void keep_freed_memory(bool) {}
#endif

}  // namespace itax::cli
