/// The C shims of the Imaging module, one header per library.
#include "ImagingPNGShim.h"
#include "ImagingJPEGShim.h"
