# Warnings for every cvirt target; CI turns them into errors (CVIRT_WERROR).
add_library(cvirt_warnings INTERFACE)
target_compile_options(cvirt_warnings INTERFACE -Wall -Wextra -Wshadow=local -Wnon-virtual-dtor
  -Wformat=2 -Wno-missing-field-initializers)
if(CVIRT_WERROR)
  target_compile_options(cvirt_warnings INTERFACE -Werror)
endif()
