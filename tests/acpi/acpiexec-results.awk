# SPDX-License-Identifier: MIT
# Turn acpiexec -b output into one line per evaluation:
#   <path> <result>
# where result is ERR:<AE_status>, or space-separated elements:
#   int:<hex, no leading zeros>  str:<text>  buf:<lower-case hex bytes>
#   pkg:<count> (followed by its elements)
function flush() {
    if ( name != "" )
        print name, (res == "" ? "NONE" : substr(res, 2))
    name = ""; res = ""; inbuf = 0
}
function hexbytes(s,    n, f, i, out) {
    sub(/^[^:]*: */, "", s)
    n = split(s, f, / +/)
    out = ""
    for ( i = 1; i <= n; i++ )
    {
        if ( f[i] == "//" )
            break
        if ( f[i] ~ /^[0-9A-F][0-9A-F]$/ )
            out = out tolower(f[i])
    }
    return out
}
/^Evaluating / { flush(); name = $2; next }
name == "" { next }
/failed with status/ {
    match($0, /AE_[A-Z_]+/)
    res = res " ERR:" substr($0, RSTART, RLENGTH)
    inbuf = 0
    next
}
/\[Integer\] = / {
    v = $NF
    sub(/^0+/, "", v)
    res = res " int:" (v == "" ? "0" : v)
    inbuf = 0
    next
}
/\[String\] Length/ {
    s = $0
    sub(/^[^"]*"/, "", s)
    sub(/"[^"]*$/, "", s)
    res = res " str:" s
    inbuf = 0
    next
}
/\[Package\] Contains/ {
    match($0, /Contains [0-9]+/)
    res = res " pkg:" substr($0, RSTART + 9, RLENGTH - 9)
    inbuf = 0
    next
}
/\[Buffer\] Length/ {
    s = $0
    sub(/^.*Length [0-9A-F]+ = */, "", s)
    res = res " buf:"
    if ( s ~ /^[0-9A-F][0-9A-F][0-9A-F][0-9A-F]:/ )
        res = res hexbytes(s)
    inbuf = 1
    next
}
inbuf && /^ *[0-9A-F][0-9A-F][0-9A-F][0-9A-F]: / {
    res = res hexbytes($0)
    next
}
{ inbuf = 0 }
END { flush() }
