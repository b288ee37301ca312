# The executables allocate through mimalloc. Parsing a domain document,
# building its model and answering an RPC are all many small allocations
# and frees; glibc's malloc spends a fifth of a parse consolidating its fast
# bins (bench/README.md has both figures). Linking the shared library first
# interposes malloc/free for the whole process, libxml2 included.
#
# Sanitizer and fuzz builds keep the sanitizer's allocator.
option(CVIRT_MIMALLOC "Link the executables with mimalloc" ON)
if(CVIRT_MIMALLOC AND NOT CVIRT_SANITIZE AND NOT CVIRT_FUZZ)
  find_library(MIMALLOC_LIBRARY NAMES mimalloc)
  if(MIMALLOC_LIBRARY)
    # --no-as-needed: nothing calls mi_* directly, but the library must load
    # ahead of libc for its malloc to win.
    link_libraries(-Wl,--push-state,--no-as-needed ${MIMALLOC_LIBRARY} -Wl,--pop-state)
  else()
    message(WARNING "mimalloc not found (scripts/setup installs libmimalloc-dev): using the C library's malloc")
  endif()
endif()
