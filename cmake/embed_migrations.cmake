# Writes a C++ file holding every migration as {name, sql}; run by the store library's build.
set(content "// Generated from src/store/migrations/*.sql; do not edit.\n#include \"store/migrations.h\"\n\nnamespace kl::store {\nconst std::vector<Migration>& embedded_migrations() {\n    static const std::vector<Migration> all = {\n")
foreach(input IN LISTS INPUTS)
  get_filename_component(name ${input} NAME_WE)
  file(READ ${input} sql)
  string(APPEND content "        {\"${name}\", R\"kl_sql(${sql})kl_sql\"},\n")
endforeach()
string(APPEND content "    };\n    return all;\n}\n}  // namespace kl::store\n")
file(WRITE ${OUTPUT} "${content}")
