# Compiles the bundled rule packs (rules/**/*.yaml) into the binary, so the built-in rules load
# through the same loader as user rules without depending on where the binary is installed.
function(mentor_embed_rules out_var rules_dir)
  file(GLOB_RECURSE rule_files CONFIGURE_DEPENDS RELATIVE ${rules_dir} ${rules_dir}/*.yaml)
  list(SORT rule_files)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/builtin_rules.cpp)
  set(script ${CMAKE_CURRENT_BINARY_DIR}/embed_rules.cmake)
  file(WRITE ${script} "
set(content \"// Generated from rules/ by cmake/EmbedRules.cmake. Do not edit.\\n#include \\\"rules/builtin_rules.hpp\\\"\\nnamespace mentor::rules {\\nstd::span<const BuiltinRuleFile> builtin_rule_files() {\\n  static const BuiltinRuleFile files[] = {\\n\")
foreach(f IN LISTS FILES)
  file(READ \${DIR}/\${f} text)
  string(APPEND content \"    {\\\"rules/\${f}\\\", R\\\"mentor_rule(\${text})mentor_rule\\\"},\\n\")
endforeach()
string(APPEND content \"  };\\n  return files;\\n}\\n}  // namespace mentor::rules\\n\")
file(WRITE \${OUT}.tmp \"\${content}\")
file(COPY_FILE \${OUT}.tmp \${OUT} ONLY_IF_DIFFERENT)
")
  set(deps)
  foreach(f IN LISTS rule_files)
    list(APPEND deps ${rules_dir}/${f})
  endforeach()
  string(REPLACE ";" "\\;" files_arg "${rule_files}")
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DDIR=${rules_dir} -DOUT=${out} "-DFILES=${files_arg}" -P ${script}
    DEPENDS ${deps} ${script}
    COMMENT "Embedding bundled rules")
  set(${out_var} ${out} PARENT_SCOPE)
endfunction()
