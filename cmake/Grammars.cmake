# The pinned tree-sitter runtime and grammars (grammars/grammars.lock): fetched once with
# `npm pack` into a cache outside the source tree, verified against their SHA-512, extracted into
# the build tree and compiled into static libraries. A rebuild, even in a fresh build directory,
# reads the cache and needs no network. Provides the targets `mentor_tree_sitter` (the runtime,
# from the C sources the npm package `tree-sitter` vendors) and `mentor_grammars` (INTERFACE).
#
# With GIT_MENTOR_GRAMMARS_FROM=DIR (another build directory of the same sources, e.g. the
# sanitizer build pointing at the normal one), the grammars are not compiled again: that build's
# libraries are linked (they are generated tables, compiled optimised and uninstrumented anyway).

if(DEFINED ENV{XDG_CACHE_HOME} AND NOT "$ENV{XDG_CACHE_HOME}" STREQUAL "")
  set(_mentor_cache_root "$ENV{XDG_CACHE_HOME}")
else()
  set(_mentor_cache_root "$ENV{HOME}/.cache")
endif()
set(GIT_MENTOR_GRAMMAR_CACHE "${_mentor_cache_root}/git-mentor/grammars"
    CACHE PATH "Where downloaded grammar packages are kept between builds")

# Decodes base64 `b64` into lowercase hex in `out_var`.
function(_mentor_base64_to_hex b64 out_var)
  set(alphabet "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
  set(hexdigits 0 1 2 3 4 5 6 7 8 9 a b c d e f)
  string(REGEX REPLACE "=+$" "" b64 "${b64}")
  string(LENGTH "${b64}" len)
  set(bits 0)
  set(nbits 0)
  set(hex "")
  math(EXPR last "${len} - 1")
  foreach(i RANGE 0 ${last})
    string(SUBSTRING "${b64}" ${i} 1 ch)
    string(FIND "${alphabet}" "${ch}" value)
    if(value LESS 0)
      message(FATAL_ERROR "invalid base64 character '${ch}' in grammar integrity")
    endif()
    math(EXPR bits "(${bits} << 6) | ${value}")
    math(EXPR nbits "${nbits} + 6")
    while(nbits GREATER_EQUAL 4)
      math(EXPR nbits "${nbits} - 4")
      math(EXPR nibble "(${bits} >> ${nbits}) & 15")
      list(GET hexdigits ${nibble} digit)
      string(APPEND hex "${digit}")
      math(EXPR bits "${bits} & ((1 << ${nbits}) - 1)")
    endwhile()
  endforeach()
  # Trailing bits that do not make a whole byte are padding.
  math(EXPR hex_len "(${len} * 6 / 8) * 2")
  string(SUBSTRING "${hex}" 0 ${hex_len} hex)
  set(${out_var} "${hex}" PARENT_SCOPE)
endfunction()

# Makes sure the tarball of `package`@`version` is in the cache and matches `integrity`; sets
# `out_var` to its path.
function(_mentor_fetch_grammar package version integrity out_var)
  # npm names a scoped package's tarball without the '@' and with '-' for '/'.
  string(REGEX REPLACE "^@" "" file_name "${package}")
  string(REPLACE "/" "-" file_name "${file_name}")
  set(tarball "${GIT_MENTOR_GRAMMAR_CACHE}/${file_name}-${version}.tgz")
  if(NOT integrity MATCHES "^sha512-(.+)$")
    message(FATAL_ERROR "grammars.lock: ${package}: only sha512 integrity is supported")
  endif()
  _mentor_base64_to_hex("${CMAKE_MATCH_1}" expected)
  if(NOT EXISTS "${tarball}")
    find_program(NPM_EXECUTABLE npm)
    if(NOT NPM_EXECUTABLE)
      message(FATAL_ERROR "npm is needed once to fetch ${package}@${version} into "
                          "${GIT_MENTOR_GRAMMAR_CACHE} (scripts/install-deps.sh installs it)")
    endif()
    file(MAKE_DIRECTORY "${GIT_MENTOR_GRAMMAR_CACHE}")
    message(STATUS "Fetching ${package}@${version}")
    execute_process(
      COMMAND ${NPM_EXECUTABLE} pack "${package}@${version}" --silent
              --pack-destination "${GIT_MENTOR_GRAMMAR_CACHE}"
      RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
    if(NOT rc EQUAL 0 OR NOT EXISTS "${tarball}")
      message(FATAL_ERROR "could not fetch ${package}@${version} with npm (the first build needs "
                          "the npm registry): ${err}")
    endif()
  endif()
  file(SHA512 "${tarball}" actual)
  if(NOT actual STREQUAL expected)
    file(REMOVE "${tarball}")
    message(FATAL_ERROR "${tarball} does not match the integrity in grammars/grammars.lock; "
                        "it was deleted. Expected sha512 ${expected}, got ${actual}.")
  endif()
  set(${out_var} "${tarball}" PARENT_SCOPE)
endfunction()

set(GIT_MENTOR_GRAMMARS_FROM "" CACHE PATH
    "Link the grammar libraries of this other build directory instead of compiling them")

# Compiles the grammar whose sources are in `src_dir` into the static library `target` (or, with
# GIT_MENTOR_GRAMMARS_FROM, imports that build's library of the same name).
function(_mentor_grammar_library target src_dir)
  if(GIT_MENTOR_GRAMMARS_FROM)
    set(library "${GIT_MENTOR_GRAMMARS_FROM}/lib${target}.a")
    if(NOT EXISTS "${library}")
      message(FATAL_ERROR "GIT_MENTOR_GRAMMARS_FROM: ${library} is missing; build "
                          "${GIT_MENTOR_GRAMMARS_FROM} first")
    endif()
    add_library(${target} STATIC IMPORTED)
    set_target_properties(${target} PROPERTIES IMPORTED_LOCATION "${library}")
    target_link_libraries(mentor_grammars INTERFACE ${target})
    return()
  endif()
  set(sources "${src_dir}/parser.c")
  if(EXISTS "${src_dir}/scanner.c")
    list(APPEND sources "${src_dir}/scanner.c")
  endif()
  add_library(${target} STATIC ${sources})
  target_include_directories(${target} PRIVATE "${src_dir}")
  # Third-party generated code: optimised in every build type, its warnings are not ours.
  target_compile_options(${target} PRIVATE -O2 -w)
  set_target_properties(${target} PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
  # Fuzzing (cmake/StandardWarnings.cmake): the hand-written external scanner, which reads the
  # fuzzed text, runs under AddressSanitizer; the generated tables (parser.c, most of the compile
  # time) are left uninstrumented.
  if(GIT_MENTOR_FUZZ AND EXISTS "${src_dir}/scanner.c")
    set_source_files_properties("${src_dir}/scanner.c" PROPERTIES COMPILE_OPTIONS
                                                                    "-fsanitize=address")
  endif()
  target_link_libraries(mentor_grammars INTERFACE ${target})
endfunction()

# The runtime: the amalgamated lib.c the npm package `tree-sitter` vendors, compiled in every
# build (one file, seconds), so that the sanitizer builds instrument it.
function(_mentor_tree_sitter_runtime lib_dir)
  add_library(mentor_tree_sitter STATIC "${lib_dir}/src/lib.c")
  target_include_directories(mentor_tree_sitter SYSTEM PUBLIC "${lib_dir}/include")
  target_include_directories(mentor_tree_sitter PRIVATE "${lib_dir}/src" "${lib_dir}/src/wasm")
  target_compile_options(mentor_tree_sitter PRIVATE -O2 -w)
  target_compile_definitions(mentor_tree_sitter PRIVATE _POSIX_C_SOURCE=200112L _DEFAULT_SOURCE)
  set_target_properties(mentor_tree_sitter PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
  # Under the sanitizers, AddressSanitizer only: the runtime reads every byte of the parsed text.
  if(GIT_MENTOR_SANITIZE OR GIT_MENTOR_FUZZ)
    target_compile_options(mentor_tree_sitter PRIVATE -fsanitize=address -fno-omit-frame-pointer)
  endif()
endfunction()

# Fixes to third-party sources that fuzzing found, applied to the extracted tree on every
# configure (idempotent). Each replaces one exact text, which must be there unfixed or fixed.
function(_mentor_patch_grammar language src_dir)
  if(language STREQUAL "swift")
    # tree-sitter-swift 0.6-0.7.1 allocates its scanner state with calloc(0, ...) and then
    # reads and writes 4 bytes of it: a heap overflow under AddressSanitizer (docs/fuzzing.md).
    set(file "${src_dir}/scanner.c")
    set(bad "calloc(0, sizeof(struct ScannerState))")
    set(good "calloc(1, sizeof(struct ScannerState))")
  else()
    return()
  endif()
  file(READ "${file}" text)
  string(FIND "${text}" "${bad}" at)
  if(at GREATER_EQUAL 0)
    string(REPLACE "${bad}" "${good}" text "${text}")
    file(WRITE "${file}" "${text}")
  else()
    string(FIND "${text}" "${good}" fixed)
    if(fixed LESS 0)
      message(FATAL_ERROR "${file}: the text the ${language} fix replaces is gone; review the fix")
    endif()
  endif()
endfunction()

# Where a package keeps the grammar sources of `language` (most: src/).
function(_mentor_grammar_sources package_dir language out_var)
  if(language STREQUAL "typescript" OR language STREQUAL "tsx")
    set(${out_var} "${package_dir}/${language}/src" PARENT_SCOPE)
  elseif(language STREQUAL "php")
    # PHP without the surrounding HTML, as ast-grep parses it.
    set(${out_var} "${package_dir}/php_only/src" PARENT_SCOPE)
  else()
    set(${out_var} "${package_dir}/src" PARENT_SCOPE)
  endif()
endfunction()

add_library(mentor_grammars INTERFACE)
file(STRINGS "${CMAKE_CURRENT_SOURCE_DIR}/grammars/grammars.lock" _mentor_lock REGEX "^[^#]")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             "${CMAKE_CURRENT_SOURCE_DIR}/grammars/grammars.lock")
foreach(line IN LISTS _mentor_lock)
  string(REGEX REPLACE "[ \t]+" ";" fields "${line}")
  list(GET fields 0 package)
  list(GET fields 1 version)
  list(GET fields 2 integrity)
  _mentor_fetch_grammar(${package} ${version} ${integrity} tarball)
  string(REGEX REPLACE "^@[^/]+/" "" bare "${package}")
  set(dest "${CMAKE_BINARY_DIR}/grammars/${bare}-${version}")
  if(NOT EXISTS "${dest}/.extracted")
    file(REMOVE_RECURSE "${dest}")
    file(ARCHIVE_EXTRACT INPUT "${tarball}" DESTINATION "${dest}")
    file(TOUCH "${dest}/.extracted")
  endif()
  if(bare STREQUAL "tree-sitter")
    _mentor_tree_sitter_runtime("${dest}/package/vendor/tree-sitter/lib")
    continue()
  endif()
  # The library is named after the language: tree-sitter-c-sharp -> mentor_grammar_csharp.
  string(REPLACE "tree-sitter-" "" name "${bare}")
  string(REPLACE "-" "" name "${name}")
  if(name STREQUAL "typescript")
    set(languages typescript tsx)
  else()
    set(languages ${name})
  endif()
  foreach(language IN LISTS languages)
    _mentor_grammar_sources("${dest}/package" ${language} src_dir)
    _mentor_patch_grammar(${language} "${src_dir}")
    _mentor_grammar_library(mentor_grammar_${language} "${src_dir}")
  endforeach()
endforeach()
if(NOT TARGET mentor_tree_sitter)
  message(FATAL_ERROR "grammars/grammars.lock pins no tree-sitter runtime (package tree-sitter)")
endif()
target_link_libraries(mentor_grammars INTERFACE mentor_tree_sitter)
