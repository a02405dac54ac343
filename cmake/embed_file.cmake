# Turns one file into a C++ function returning its bytes, so that a built rosgen needs no
# file at run time. Invoked at build time with -DIN (the file), -DOUT (the .cpp to write),
# -DINCLUDE (the header declaring the function), -DNAMESPACE and -DFUNCTION; the function
# is `std::string_view FUNCTION()` in NAMESPACE.
file(READ ${IN} text HEX)
string(LENGTH "${text}" hexlen)
math(EXPR size "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${text}")
get_filename_component(name ${IN} NAME)
file(WRITE ${OUT}
  "// Generated from ${name} by cmake/embed_file.cmake. Do not edit.\n"
  "#include \"${INCLUDE}\"\n\nnamespace ${NAMESPACE} {\nnamespace {\n"
  "const char kData[] = {${bytes} 0};\n}  // namespace\n\n"
  "std::string_view ${FUNCTION}() {\n  return std::string_view(kData, ${size});\n}\n\n"
  "}  // namespace ${NAMESPACE}\n")
