// How the itax binary's allocator gives memory back to the system.
//
// jemalloc (src/cli/main.cc) returns freed pages to the system some seconds
// after they were freed, and faults them in again when they are reused. A
// batch parent frees and reuses the same few megabytes for every document
// (an answer, its record, SQLite's pages): on the VMs measured, giving them
// back and faulting them in again was a quarter of the parent's CPU, and with
// as many workers as cores that CPU is taken from a worker (bench/NOTES.md).
// So the parent keeps what it frees; workers, whose memory follows the size of
// the document at hand, keep jemalloc's default.
#pragma once

namespace itax::cli {

// true: freed memory stays with this process for reuse; false: jemalloc's
// configured decay. Does nothing in builds without jemalloc.
void keep_freed_memory(bool keep);

}  // namespace itax::cli
