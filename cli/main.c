/* placeholder replaced by the real program below in this session */
#include "concord.h"
int main(void) { return 0; }
