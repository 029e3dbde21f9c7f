"""Builds the concord extension against an installed libconcord, found with
pkg-config (set PKG_CONFIG_PATH for a prefix other than /usr or /usr/local):

    python3 -m pip install ./python

The package version is the library's (pkg-config --modversion concord)."""
import shlex
import subprocess

from setuptools import Extension, setup


def pkg_config(*args):
    try:
        out = subprocess.run(["pkg-config", *args, "concord"], check=True,
                             capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        raise SystemExit("concord: libconcord not found by pkg-config (install concord first: "
                         "cmake --install build; PKG_CONFIG_PATH for another prefix): %s" % e)
    return shlex.split(out)


cflags = pkg_config("--cflags")
libs = pkg_config("--libs")
libdirs = [f[2:] for f in libs if f.startswith("-L")]
setup(
    version=pkg_config("--modversion")[0],
    ext_modules=[Extension(
        "concord._concord",
        sources=["concord/_concord.c"],
        include_dirs=[f[2:] for f in cflags if f.startswith("-I")],
        extra_compile_args=[f for f in cflags if not f.startswith("-I")] + ["-std=c11"],
        library_dirs=libdirs,
        libraries=[f[2:] for f in libs if f.startswith("-l")],
        runtime_library_dirs=libdirs,  # an rpath, so a prefix off the loader's path works
    )],
)
