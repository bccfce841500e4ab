# KL_SANITIZE: build every target of ours with GCC's sanitizers (`make test-asan`, `make test-tsan`).
#   -DKL_SANITIZE=address,undefined   AddressSanitizer (with LeakSanitizer) and UBSan
#   -DKL_SANITIZE=thread              ThreadSanitizer
#   -DKL_SANITIZE=ON                  the same as address,undefined (the option was a switch before)
#   empty or OFF (the default)        no sanitizer
# The flags go on every target defined after this file is included (our libraries, the binary, the
# tests), compile and link alike. Debian's prebuilt libraries (SQLite, libpq, Boost.System, Pango…)
# are not instrumented: ASan still sees their heap through its malloc, TSan sees their locks through
# pthread; what they do to memory inside themselves is not checked.
# Use a build directory of its own (build-asan, build-tsan): the object files differ in every byte.
set(KL_SANITIZE "" CACHE STRING "Sanitizers to build with: address,undefined | thread | empty for none")
set_property(CACHE KL_SANITIZE PROPERTY STRINGS "" "address,undefined" "thread")

if(KL_SANITIZE STREQUAL "ON")
  set(KL_SANITIZE "address,undefined" CACHE STRING "" FORCE)
elseif(NOT KL_SANITIZE)
  set(KL_SANITIZE "" CACHE STRING "" FORCE)
endif()

if(KL_SANITIZE)
  string(REPLACE "," ";" kl_sanitizers "${KL_SANITIZE}")
  foreach(sanitizer IN LISTS kl_sanitizers)
    if(NOT sanitizer MATCHES "^(address|undefined|thread|leak)$")
      message(FATAL_ERROR "KL_SANITIZE: unknown sanitizer '${sanitizer}' (address, undefined, thread, leak)")
    endif()
  endforeach()
  if("thread" IN_LIST kl_sanitizers AND ("address" IN_LIST kl_sanitizers OR "leak" IN_LIST kl_sanitizers))
    message(FATAL_ERROR "KL_SANITIZE: thread cannot be combined with address or leak (GCC refuses)")
  endif()
  # Frame pointers: the sanitizers' reports unwind the stack by them (fast and complete at -O2).
  add_compile_options(-fsanitize=${KL_SANITIZE} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${KL_SANITIZE})
  if("undefined" IN_LIST kl_sanitizers)
    # UBSan only prints and carries on by default; a test must fail on undefined behaviour instead.
    add_compile_options(-fno-sanitize-recover=undefined)
  endif()
  message(STATUS "KL_SANITIZE: ${KL_SANITIZE}")
endif()
