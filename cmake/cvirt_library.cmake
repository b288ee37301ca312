# cvirt_library(NAME FOLDER SOURCES ... DEPENDS ...): one static library per
# layer folder. Headers are included as "<folder>/<file>.hpp"; each library
# exports only its own folder through a private include root, so a layer sees
# the headers of the layers it DEPENDS on and no others: a wrong-way include
# fails to compile (DESIGN.md, "Layers").
function(cvirt_library name)
  cmake_parse_arguments(ARG "" "FOLDER" "SOURCES;DEPENDS;PRIVATE_DEPENDS" ${ARGN})
  set(root ${PROJECT_BINARY_DIR}/include_roots/${name})
  get_filename_component(leaf ${ARG_FOLDER} NAME)
  get_filename_component(parent ${ARG_FOLDER} DIRECTORY)
  file(MAKE_DIRECTORY ${root}/${parent})
  file(CREATE_LINK ${PROJECT_SOURCE_DIR}/src/${ARG_FOLDER} ${root}/${ARG_FOLDER} SYMBOLIC)
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${root})
  target_link_libraries(${name} PUBLIC ${ARG_DEPENDS} PRIVATE cvirt_warnings ${ARG_PRIVATE_DEPENDS})
endfunction()
