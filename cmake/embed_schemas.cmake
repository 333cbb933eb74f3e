# Writes a C++ source embedding the schema data files, so lcsynth needs no data files at run
# time. Re-runs at configure time when a data file changes.
#
# A provider file is embedded already split into its parts (ProviderSchema::Parts): the provider
# block and the two lists of every type name as JSON literals, and each described type as
# constexpr tables (BlockSchema, ArgumentSchema: views of string literals, lists sorted by name),
# so that reading the built-in schema at run time parses no description: parsing the 28
# descriptions was a third of a LibreChat synth's instructions (docs/benchmarks.md). A registry
# module's file is embedded as what the checks read of it (ModuleInterface: source, version,
# variable and output names). CMake's JSON reader re-formats the literals;
# tests/builtin_schemas_test.cc checks every part, tables included, against the data files.

# The JSON text `json` as a raw string literal, without its layout: a JSON string cannot hold a
# raw newline, so every newline and the spaces after it are layout.
function(lcsynth_json_literal out json)
  string(REGEX REPLACE "\n[ \t]*" "" json "${json}")
  set(${out} "R\"LCSYNTH_SCHEMA(${json})LCSYNTH_SCHEMA\"" PARENT_SCOPE)
endfunction()

# `s` as a C++ string literal.
function(lcsynth_cxx_string out s)
  string(REPLACE "\\" "\\\\" s "${s}")
  string(REPLACE "\"" "\\\"" s "${s}")
  set(${out} "\"${s}\"" PARENT_SCOPE)
endfunction()

# The CMake truth value `value` (a JSON boolean as string(JSON) returns it) as C++'s.
function(lcsynth_cxx_bool out value)
  if(value)
    set(${out} true PARENT_SCOPE)
  else()
    set(${out} false PARENT_SCOPE)
  endif()
endfunction()

# Sorted (as BlockSchema's lookups need them): the member names of the object `json` with
# MEMBER, the strings of the array `json` with GET.
function(lcsynth_sorted_names out json mode)
  set(names "")
  string(JSON count LENGTH "${json}")
  if(count GREATER 0)
    math(EXPR last "${count} - 1")
    foreach(i RANGE ${last})
      string(JSON name ${mode} "${json}" ${i})
      list(APPEND names "${name}")
    endforeach()
  endif()
  list(SORT names)
  set(${out} "${names}" PARENT_SCOPE)
endfunction()

# The list `names` as C++ string literals, each followed by ", ".
function(lcsynth_cxx_strings out names)
  set(literals "")
  foreach(name IN LISTS names)
    lcsynth_cxx_string(literal "${name}")
    string(APPEND literals "${literal}, ")
  endforeach()
  set(${out} "${literals}" PARENT_SCOPE)
endfunction()

# json[key], or `default` when there is no such key.
function(lcsynth_json_section out json key default)
  string(JSON value ERROR_VARIABLE error GET "${json}" ${key})
  if(error)
    set(value "${default}")
  endif()
  set(${out} "${value}" PARENT_SCOPE)
endfunction()

# Appends to the tables (global property LCSYNTH_SCHEMA_TABLES) the arrays of the block schema
# `json` and, first, of its nested blocks; sets `out` to the block's BlockSchema initializer.
# A type's description is the top level (`nesting` empty).
function(lcsynth_block_table out name json nested)
  get_property(id GLOBAL PROPERTY LCSYNTH_SCHEMA_TABLE_COUNT)
  math(EXPR next "${id} + 1")
  set_property(GLOBAL PROPERTY LCSYNTH_SCHEMA_TABLE_COUNT ${next})
  set(tables "")

  lcsynth_json_section(arguments "${json}" arguments "{}")
  lcsynth_sorted_names(names "${arguments}" MEMBER)
  set(entries "")
  foreach(argument IN LISTS names)
    string(JSON type GET "${arguments}" "${argument}" type)
    string(JSON required GET "${arguments}" "${argument}" required)
    lcsynth_cxx_string(argument_literal "${argument}")
    lcsynth_cxx_string(type_literal "${type}")
    lcsynth_cxx_bool(required "${required}")
    string(APPEND entries "{${argument_literal}, ${type_literal}, ${required}}, ")
  endforeach()
  set(arguments_span "{}")
  if(names)
    string(APPEND tables "constexpr ArgumentSchema a${id}[] = {${entries}};\n")
    set(arguments_span "a${id}")
  endif()

  lcsynth_json_section(blocks "${json}" blocks "{}")
  lcsynth_sorted_names(names "${blocks}" MEMBER)
  set(entries "")
  foreach(block IN LISTS names)
    string(JSON child GET "${blocks}" "${block}")
    lcsynth_block_table(initializer "${block}" "${child}" TRUE)
    string(APPEND entries "${initializer}, ")
  endforeach()
  set(blocks_span "{}")
  if(names)
    string(APPEND tables "constexpr BlockSchema b${id}[] = {${entries}};\n")
    set(blocks_span "b${id}")
  endif()

  lcsynth_json_section(attributes "${json}" attributes "[]")
  lcsynth_sorted_names(names "${attributes}" GET)
  lcsynth_cxx_strings(entries "${names}")
  set(attributes_span "{}")
  if(names)
    string(APPEND tables "constexpr std::string_view s${id}[] = {${entries}};\n")
    set(attributes_span "s${id}")
  endif()

  set_property(GLOBAL APPEND_STRING PROPERTY LCSYNTH_SCHEMA_TABLES "${tables}")
  lcsynth_cxx_string(name_literal "${name}")
  if(nested)
    string(JSON nesting GET "${json}" nesting)
    string(JSON required GET "${json}" required)
    lcsynth_cxx_string(nesting_literal "${nesting}")
    lcsynth_cxx_bool(required "${required}")
  else()
    set(nesting_literal "\"\"")
    set(required false)
  endif()
  set(${out} "{${name_literal}, ${nesting_literal}, ${required}, ${arguments_span}, ${blocks_span}, ${attributes_span}}" PARENT_SCOPE)
endfunction()

# `{type, {}, &tN}` entries for each member of the object `json` (type -> description), whose
# tables are appended to LCSYNTH_SCHEMA_TABLES.
function(lcsynth_described_types out json)
  set(entries "")
  lcsynth_sorted_names(types "${json}" MEMBER)
  foreach(type IN LISTS types)
    string(JSON description GET "${json}" "${type}")
    get_property(id GLOBAL PROPERTY LCSYNTH_SCHEMA_TABLE_COUNT)
    lcsynth_block_table(initializer "" "${description}" FALSE)
    set_property(GLOBAL APPEND_STRING PROPERTY LCSYNTH_SCHEMA_TABLES "constexpr BlockSchema t${id} = ${initializer};\n")
    lcsynth_cxx_string(type_literal "${type}")
    string(APPEND entries "        {${type_literal}, {}, &t${id}},\n")
  endforeach()
  set(${out} "${entries}" PARENT_SCOPE)
endfunction()

function(lcsynth_embed_schemas output)
  file(GLOB module_files ${PROJECT_SOURCE_DIR}/src/schema/registry_modules/*.json)
  file(GLOB provider_files ${PROJECT_SOURCE_DIR}/src/schema/*-provider-*.json)
  list(SORT module_files)
  list(SORT provider_files)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${module_files} ${provider_files})
  set(text "// Generated by cmake/embed_schemas.cmake from src/schema/. Do not edit.\n")
  string(APPEND text "#include <iterator>\n#include <string>\n#include <string_view>\n#include <vector>\n\n#include \"lcsynth/schema.h\"\n\nnamespace lcsynth::detail {\n")

  set_property(GLOBAL PROPERTY LCSYNTH_SCHEMA_TABLE_COUNT 0)
  set_property(GLOBAL PROPERTY LCSYNTH_SCHEMA_TABLES "")
  set(parts "")
  foreach(file IN LISTS provider_files)
    file(READ ${file} content)
    string(JSON provider ERROR_VARIABLE error GET "${content}" provider)
    if(error)
      message(FATAL_ERROR "${file}: ${error}")
    endif()
    string(APPEND parts "    {\n")
    foreach(part provider all_resource_types all_data_source_types)
      string(JSON value GET "${content}" ${part})
      lcsynth_json_literal(literal "${value}")
      string(APPEND parts "      .${part} = ${literal},\n")
    endforeach()
    foreach(part resources data_sources)
      string(JSON value GET "${content}" ${part})
      lcsynth_described_types(entries "${value}")
      string(APPEND parts "      .${part} = {\n${entries}      },\n")
    endforeach()
    string(APPEND parts "    },\n")
  endforeach()
  get_property(tables GLOBAL PROPERTY LCSYNTH_SCHEMA_TABLES)
  string(APPEND text "namespace {\n${tables}}  // namespace\n\n")
  string(APPEND text "const std::vector<ProviderSchema::Parts>& embedded_provider_schemas() {\n")
  string(APPEND text "  static const std::vector<ProviderSchema::Parts> data = {\n${parts}")
  string(APPEND text "  };\n  return data;\n}\n\n")

  # A module's interface: its source, version, and the names of its variables and outputs, as
  # arrays of string_view that each call turns into the strings of a fresh ModuleInterface, built
  # once per process by builtin_schemas() and moved into it (a static vector of ModuleInterface
  # built from std::string initializer lists, then copied into the index, allocated every name
  # three times: 0.1 M of a LibreChat synth's 3.5 M instructions).
  set(arrays "")
  set(entries "")
  set(index 0)
  foreach(file IN LISTS module_files)
    file(READ ${file} content)
    string(JSON source ERROR_VARIABLE error GET "${content}" source)
    if(error)
      message(FATAL_ERROR "${file}: ${error}")
    endif()
    string(JSON version GET "${content}" version)
    string(JSON variables GET "${content}" variables)
    lcsynth_sorted_names(names "${variables}" MEMBER)
    lcsynth_cxx_strings(variable_literals "${names}")
    string(JSON outputs GET "${content}" outputs)
    lcsynth_sorted_names(names "${outputs}" GET)
    lcsynth_cxx_strings(output_literals "${names}")
    lcsynth_cxx_string(source_literal "${source}")
    lcsynth_cxx_string(version_literal "${version}")
    string(APPEND arrays "constexpr std::string_view kModule${index}Variables[] = {${variable_literals}};\n")
    string(APPEND arrays "constexpr std::string_view kModule${index}Outputs[] = {${output_literals}};\n")
    string(APPEND entries "  data.push_back({${source_literal}, ${version_literal}, names(kModule${index}Variables), names(kModule${index}Outputs)});\n")
    math(EXPR index "${index} + 1")
  endforeach()
  string(APPEND text "namespace {\n${arrays}\n")
  string(APPEND text "template <size_t N>\nstd::vector<std::string> names(const std::string_view (&list)[N]) {\n")
  string(APPEND text "  return std::vector<std::string>(std::begin(list), std::end(list));\n}\n}  // namespace\n\n")
  string(APPEND text "std::vector<ModuleInterface> embedded_module_interfaces() {\n")
  string(APPEND text "  std::vector<ModuleInterface> data;\n  data.reserve(${index});\n${entries}  return data;\n}\n")
  string(APPEND text "}  // namespace lcsynth::detail\n")
  file(WRITE ${output}.tmp "${text}")
  file(COPY_FILE ${output}.tmp ${output} ONLY_IF_DIFFERENT)
endfunction()
