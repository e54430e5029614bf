/*
 * A stand-in for Windows' bcryptprimitives.dll, for running the Windows
 * build under Wine 8.0 (Debian bookworm's) in CI only. Never shipped.
 *
 * Rust's standard library imports ProcessPrng from bcryptprimitives.dll on
 * Windows 10 and later (it seeds HashMap keys and backs getrandom). Every
 * real Windows 10 and 11 has that DLL; Wine 8.0 does not, and an exe that
 * imports it exits at once with code 53. This forwards ProcessPrng to
 * RtlGenRandom (advapi32's SystemFunction036), which Wine has.
 *
 * Built by .ci/windows with:
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll \
 *       bcryptprimitives.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
