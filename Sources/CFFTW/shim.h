#include <fftw3.h>

/// FFTW's version and SIMD build ("fftw-3.3.10-sse2-avx"), through a function: Swift does not import the
/// array of unknown size `fftwf_version`.
static inline const char *strainer_fftwf_version(void) { return fftwf_version; }
