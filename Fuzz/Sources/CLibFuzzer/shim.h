// libFuzzer's driver, linked in by `swiftc -sanitize=fuzzer` (compiler-rt's libclang_rt.fuzzer): runs the fuzzing
// loop with the command-line options in argv, calling `callback` once per input. Returns the exit status.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
