# SPDX-License-Identifier: MIT
# Tidy `iasl -d` output for reading (docs/acpi.md quotes it): from the
# DefinitionBlock line on, drop iasl's annotations (trailing // and /* */
# comments) and fold each Buffer/Package whose body has no braces onto one
# line: "Buffer (One) { 0x00 }".
function clean(s) {
    sub(/[ \t]*\/\/.*$/, "", s)
    gsub(/[ \t]*\/\* [^*]*\*\//, "", s)
    sub(/[ \t]+$/, "", s)
    return s
}
/^DefinitionBlock/ { on = 1 }
on { line[++n] = clean($0) }
END {
    while ( n > 0 && line[n] == "" )
        n--
    for ( i = 1; i <= n; i++ )
    {
        s = line[i]
        if ( s ~ /(Buffer|Package) \([^()]*\)$/ && line[i + 1] ~ /^ *\{$/ )
        {
            body = ""
            for ( j = i + 2; j <= n && line[j] !~ /[{}]/; j++ )
            {
                t = line[j]
                sub(/^ +/, "", t)
                body = body (body == "" ? "" : " ") t
            }
            if ( j <= n && line[j] ~ /^ *\}/ )
            {
                t = line[j]
                sub(/^ *\}/, "", t)
                print s " {" (body == "" ? "" : " " body " ") "}" t
                i = j
                continue
            }
        }
        print s
    }
}
