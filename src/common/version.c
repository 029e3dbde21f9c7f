/* version.c: the library's own version (concord/version.h). */
#include "concord/version.h"

const char *concord_version(void)
{
    return CONCORD_VERSION;
}

int concord_version_number(void)
{
    return CONCORD_VERSION_NUMBER;
}
