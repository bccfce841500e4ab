# Every dependency is a Debian 12 package (scripts/install-deps.sh installs them).
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS system)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)
find_package(ZLIB REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus)
# XLSX export (src/exchange): libxlsxwriter-dev ships a pkg-config file.
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
# CSV parsing (src/exchange): libcsv-dev ships only csv.h and the library, no pkg-config or CMake file.
find_path(LIBCSV_INCLUDE_DIR csv.h REQUIRED)
find_library(LIBCSV_LIBRARY NAMES csv REQUIRED)
add_library(LibCsv::LibCsv UNKNOWN IMPORTED)
set_target_properties(LibCsv::LibCsv PROPERTIES IMPORTED_LOCATION ${LIBCSV_LIBRARY}
                                                INTERFACE_INCLUDE_DIRECTORIES ${LIBCSV_INCLUDE_DIR})
# Unicode normalisation, case folding and character properties for text rules and identifier keys
# (src/core/identifier.cpp says why libunistring over ICU): libunistring-dev has no pkg-config file.
find_path(UNISTRING_INCLUDE_DIR uninorm.h REQUIRED)
find_library(UNISTRING_LIBRARY NAMES unistring REQUIRED)
add_library(Unistring::Unistring UNKNOWN IMPORTED)
set_target_properties(Unistring::Unistring PROPERTIES IMPORTED_LOCATION ${UNISTRING_LIBRARY}
                                                      INTERFACE_INCLUDE_DIRECTORIES ${UNISTRING_INCLUDE_DIR})
if(KL_BUILD_TESTS)
  find_package(GTest REQUIRED)
  pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
endif()
if(KL_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
# Min-cost flow (src/optim/min_cost_flow.cpp): LEMON's NetworkSimplex is header-only templates.
find_path(LEMON_INCLUDE_DIR lemon/network_simplex.h REQUIRED)
add_library(Lemon::Lemon INTERFACE IMPORTED)
set_target_properties(Lemon::Lemon PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${LEMON_INCLUDE_DIR})
# 0/1 MIPs (src/optim/packing_mip.cpp, the fair's windowed schedules): CBC with its cut generators
# (CbcSolver) over Clp; coinor-libcbc-dev ships a pkg-config file.
pkg_check_modules(CBC REQUIRED IMPORTED_TARGET cbc)
# GLPK (tests/market optimality check, bench/allocation_bench): libglpk-dev has no pkg-config file.
find_path(GLPK_INCLUDE_DIR glpk.h REQUIRED)
find_library(GLPK_LIBRARY NAMES glpk REQUIRED)
add_library(Glpk::Glpk UNKNOWN IMPORTED)
set_target_properties(Glpk::Glpk PROPERTIES IMPORTED_LOCATION ${GLPK_LIBRARY}
                                            INTERFACE_INCLUDE_DIRECTORIES ${GLPK_INCLUDE_DIR})
# QR codes (src/qr: fair badges, trace labels): libqrencode-dev makes the matrix, libpng-dev writes PNG;
# both ship pkg-config files.
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
pkg_check_modules(PNG REQUIRED IMPORTED_TARGET libpng)
# iCalendar files (src/calendar: agendas as .ics): libical-dev ships a pkg-config file.
pkg_check_modules(ICAL REQUIRED IMPORTED_TARGET libical)
# PDF documents (src/pdf: agendas, badges): Cairo draws the pages, Pango lays out the text (line
# breaking, CJK through fontconfig and Debian's fonts-wqy-microhei); libpango1.0-dev ships pangocairo.pc.
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo)
