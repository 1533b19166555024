// GMP, the GNU multiple precision arithmetic library (Debian's libgmp-dev), for SRP's modular powers.
#include <gmp.h>
