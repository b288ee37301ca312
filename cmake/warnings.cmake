# Warnings for every cvirt target; CI turns them into errors (CVIRT_WERROR).
add_library(cvirt_warnings INTERFACE)
target_compile_options(cvirt_warnings INTERFACE -Wall -Wextra -Wnon-virtual-dtor
  -Wformat=2 -Wno-missing-field-initializers)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(cvirt_warnings INTERFACE -Wshadow=local)
endif()
if(CVIRT_WERROR)
  target_compile_options(cvirt_warnings INTERFACE -Werror)
endif()
if(CVIRT_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC's flow analysis under ASan reports false "maybe-uninitialized" inside
  # libstdc++ (std::regex, std::function); the plain build keeps the warning.
  target_compile_options(cvirt_warnings INTERFACE -Wno-maybe-uninitialized)
endif()
