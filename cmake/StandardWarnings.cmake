# INTERFACE targets carrying the project's compiler settings; every first-party target links them.
add_library(mentor_warnings INTERFACE)
target_compile_options(mentor_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Wunused -Woverloaded-virtual -Wconversion -Wsign-conversion -Wnull-dereference
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(GIT_MENTOR_WERROR)
  target_compile_options(mentor_warnings INTERFACE -Werror)
endif()

add_library(mentor_sanitizers INTERFACE)
if(GIT_MENTOR_FUZZ)
  # Every first-party target gets libFuzzer's coverage instrumentation besides ASan and UBSan;
  # only the fuzz targets link libFuzzer itself (tests/fuzz). The grammars and the system
  # libraries are not instrumented: coverage of generated parse tables guides nothing.
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "GIT_MENTOR_FUZZ needs clang (CXX=clang++ CC=clang); scripts/fuzz.sh "
                        "configures it")
  endif()
  target_compile_options(mentor_sanitizers INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
    -fno-omit-frame-pointer -D_GLIBCXX_ASSERTIONS)
  target_link_options(mentor_sanitizers INTERFACE -fsanitize=address,undefined)
elseif(GIT_MENTOR_SANITIZE)
  target_compile_options(mentor_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(mentor_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
