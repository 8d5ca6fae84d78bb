/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include <libreserve/fmt.h>

#include "ndctl.h"
#include "readfile.h"

/* An integer field: a JSON number, or a decimal/0x string (ndctl -u
 * prints hex strings; human sizes like "7.87 GiB" are refused).
 * 1 found, 0 absent, -1 malformed (named). */
static int get_u64(json_object *o, const char *key, const char *where,
                   uint64_t *out, struct sim_diags *ds)
{
    json_object *v;

    if ( !json_object_object_get_ex(o, key, &v) )
        return 0;
    switch ( json_object_get_type(v) )
    {
    case json_type_int:
        if ( json_object_get_int64(v) < 0 )
            break;
        *out = json_object_get_uint64(v);
        return 1;
    case json_type_string:
    {
        const char *s = json_object_get_string(v);

        if ( lr_parse_u64(s, out) == LR_OK )
            return 1;
        if ( strchr(s, ' ') )
        {
            sim_diag(ds, "NDCTL-HUMAN-SIZE", SIM_ERROR, where, "\"%s\":"
                     " \"%s\" is rounded for humans; run ndctl list"
                     " without -u/--human", key, s);
            return -1;
        }
        break;
    }
    default:
        break;
    }
    sim_diag(ds, "NDCTL-BAD-FIELD", SIM_ERROR, where, "\"%s\" is %s, not"
             " a non-negative integer", key,
             json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN));
    return -1;
}

static void get_str(json_object *o, const char *key, char *out, size_t len)
{
    json_object *v;

    if ( json_object_object_get_ex(o, key, &v) &&
         json_object_is_type(v, json_type_string) )
        snprintf(out, len, "%s", json_object_get_string(v));
}

static void add_ns(json_object *o, const char *region, const char *where,
                   struct ndctl_list *l, struct sim_diags *ds)
{
    struct ndctl_ns ns;
    int r, s;

    if ( !json_object_is_type(o, json_type_object) )
    {
        sim_diag(ds, "NDCTL-BAD-SHAPE", SIM_ERROR, where, "a namespace must"
                 " be a JSON object");
        return;
    }
    memset(&ns, 0, sizeof(ns));
    get_str(o, "dev", ns.dev, sizeof(ns.dev));
    if ( strncmp(ns.dev, "namespace", 9) )
    {
        sim_diag(ds, "NDCTL-BAD-SHAPE", SIM_ERROR, where, "object without"
                 " \"dev\": \"namespaceX.Y\": not an ndctl namespace");
        return;
    }
    get_str(o, "mode", ns.mode, sizeof(ns.mode));
    get_str(o, "blockdev", ns.blockdev, sizeof(ns.blockdev));
    get_str(o, "chardev", ns.chardev, sizeof(ns.chardev));
    snprintf(ns.region, sizeof(ns.region), "%s", region ? region : "");
    r = get_u64(o, "resource", where, &ns.resource, ds);
    s = get_u64(o, "size", where, &ns.size, ds);
    if ( r < 0 || s < 0 )
        return;
    if ( s == 0 || ns.size == 0 )
    {
        sim_diag(ds, "NDCTL-BAD-FIELD", SIM_ERROR, where, "%s has no"
                 " size", ns.dev);
        return;
    }
    ns.has_resource = r == 1;
    if ( !ns.has_resource )
        sim_diag(ds, "NDCTL-NO-RESOURCE", SIM_WARN, where, "%s has no"
                 " \"resource\" (its host address): run ndctl list -N -v",
                 ns.dev);
    else if ( ns.resource + ns.size < ns.resource )
    {
        sim_diag(ds, "NDCTL-BAD-FIELD", SIM_ERROR, where, "%s: resource"
                 " 0x%llx + size 0x%llx wraps", ns.dev,
                 (unsigned long long)ns.resource,
                 (unsigned long long)ns.size);
        return;
    }
    if ( l->nr >= NDCTL_MAX_NAMESPACES )
    {
        sim_diag(ds, "NDCTL-TOO-MANY", SIM_ERROR, where, "more than %u"
                 " namespaces", NDCTL_MAX_NAMESPACES);
        return;
    }
    l->ns[l->nr++] = ns;
}

static void add_ns_array(json_object *a, const char *region,
                         const char *where, struct ndctl_list *l,
                         struct sim_diags *ds)
{
    size_t i, n = json_object_array_length(a);
    char w[96];

    for ( i = 0; i < n; i++ )
    {
        snprintf(w, sizeof(w), "%s[%zu]", where, i);
        add_ns(json_object_array_get_idx(a, i), region, w, l, ds);
    }
}

static void add_region(json_object *o, const char *where,
                       struct ndctl_list *l, struct sim_diags *ds)
{
    json_object *nss;
    char region[32] = "", w[96];

    if ( !json_object_is_type(o, json_type_object) )
    {
        sim_diag(ds, "NDCTL-BAD-SHAPE", SIM_ERROR, where, "a region must be"
                 " a JSON object");
        return;
    }
    get_str(o, "dev", region, sizeof(region));
    if ( !json_object_object_get_ex(o, "namespaces", &nss) )
    {
        sim_diag(ds, "NDCTL-NO-NAMESPACES", SIM_NOTE, where, "%s lists no"
                 " namespaces (ndctl list -R -N shows them)",
                 region[0] ? region : "region");
        return;
    }
    snprintf(w, sizeof(w), "%s.namespaces", where);
    if ( !json_object_is_type(nss, json_type_array) )
    {
        sim_diag(ds, "NDCTL-BAD-SHAPE", SIM_ERROR, w, "\"namespaces\" must"
                 " be an array");
        return;
    }
    add_ns_array(nss, region, w, l, ds);
}

/* The JSON value of text[0 .. len), white space only after it; NULL
 * (said) when it is not JSON. */
static json_object *parse_json(const char *text, size_t len,
                               const char *name, struct sim_diags *ds)
{
    json_tokener *tok = json_tokener_new();
    json_object *root;
    enum json_tokener_error jerr;
    size_t end;

    if ( !tok )
    {
        sim_diag(ds, "NDCTL-NO-MEMORY", SIM_ERROR, name, "out of memory");
        return NULL;
    }
    root = json_tokener_parse_ex(tok, text, (int)len);
    jerr = json_tokener_get_error(tok);
    end = json_tokener_get_parse_end(tok);
    if ( !root && jerr == json_tokener_continue && len )
    {
        /* A bare number is only complete once something follows it. */
        root = json_tokener_parse_ex(tok, " ", 1);
        jerr = json_tokener_get_error(tok);
        end = len;
    }
    /* Only white space may follow the value. */
    while ( root && end < len && text[end] && strchr(" \t\r\n", text[end]) )
        end++;
    if ( !root || jerr != json_tokener_success || end < len )
    {
        sim_diag(ds, "NDCTL-SYNTAX", SIM_ERROR, name, "not JSON: %s at byte"
                 " %zu", root ? "trailing data" :
                 jerr == json_tokener_continue ? "unexpected end" :
                 json_tokener_error_desc(jerr), end);
        json_object_put(root);
        root = NULL;
    }
    json_tokener_free(tok);
    return root;
}

/* [ region or namespace, ... ] (ndctl list -R -N, or -N) */
static void walk_array(json_object *root, const char *name,
                       struct ndctl_list *l, struct sim_diags *ds)
{
    size_t i, n = json_object_array_length(root);
    json_object *v;

    for ( i = 0; i < n; i++ )
    {
        json_object *e = json_object_array_get_idx(root, i);
        char w[64];

        snprintf(w, sizeof(w), "%s[%zu]", name, i);
        if ( json_object_is_type(e, json_type_object) &&
             json_object_object_get_ex(e, "namespaces", &v) )
            add_region(e, w, l, ds);
        else
            add_ns(e, NULL, w, l, ds);
    }
}

/* { "regions": [...] }, { "namespaces": [...] } or one namespace */
static void walk_object(json_object *root, const char *name,
                        struct ndctl_list *l, struct sim_diags *ds)
{
    json_object *v;
    size_t i, n;

    if ( json_object_object_get_ex(root, "regions", &v) )
    {
        if ( !json_object_is_type(v, json_type_array) )
        {
            sim_diag(ds, "NDCTL-BAD-SHAPE", SIM_ERROR, name,
                     "\"regions\" must be an array");
            return;
        }
        n = json_object_array_length(v);
        for ( i = 0; i < n; i++ )
        {
            char w[64];

            snprintf(w, sizeof(w), "regions[%zu]", i);
            add_region(json_object_array_get_idx(v, i), w, l, ds);
        }
    }
    else if ( json_object_object_get_ex(root, "namespaces", &v) )
    {
        if ( json_object_is_type(v, json_type_array) )
            add_ns_array(v, NULL, "namespaces", l, ds);
        else
            sim_diag(ds, "NDCTL-BAD-SHAPE", SIM_ERROR, name,
                     "\"namespaces\" must be an array");
    }
    else
        add_ns(root, NULL, name, l, ds);
}

int ndctl_parse(const char *text, size_t len, const char *name,
                struct ndctl_list *l, struct sim_diags *ds)
{
    unsigned int errors = ds->errors;
    json_object *root;
    size_t end;

    memset(l, 0, sizeof(*l));
    if ( len > (16u << 20) )
    {
        sim_diag(ds, "NDCTL-SYNTAX", SIM_ERROR, name, "over 16 MiB");
        return -1;
    }
    /* ndctl list prints nothing at all when it finds no namespace (a
     * disabled one is listed only with -i): that is an empty list. */
    for ( end = 0; end < len && text[end] && strchr(" \t\r\n", text[end]);
          end++ )
        ;
    if ( end == len || !text[end] )
    {
        sim_diag(ds, "NDCTL-EMPTY", SIM_NOTE, name, "ndctl printed nothing:"
                 " no namespace (disabled ones need ndctl list -N -i -v)");
        return 0;
    }
    root = parse_json(text, len, name, ds);
    if ( !root )
        return -1;
    if ( json_object_is_type(root, json_type_array) )
        walk_array(root, name, l, ds);
    else if ( json_object_is_type(root, json_type_object) )
        walk_object(root, name, l, ds);
    else
        sim_diag(ds, "NDCTL-BAD-SHAPE", SIM_ERROR, name, "top level is %s:"
                 " ndctl list prints an object or an array",
                 json_type_to_name(json_object_get_type(root)));
    json_object_put(root);

    if ( !l->nr && ds->errors == errors )
        sim_diag(ds, "NDCTL-EMPTY", SIM_WARN, name, "no namespace listed");
    return ds->errors > errors ? -1 : 0;
}

int ndctl_load(const char *path, struct ndctl_list *l, struct sim_diags *ds)
{
    char *buf;
    size_t n;
    int rc, err = sim_read_file(path, 16u << 20, &buf, &n);

    memset(l, 0, sizeof(*l));
    if ( err )
    {
        sim_diag(ds, err == EFBIG ? "NDCTL-SYNTAX" : "NDCTL-IO", SIM_ERROR,
                 path, "%s", err == EFBIG ? "over 16 MiB" : strerror(err));
        return -1;
    }
    rc = ndctl_parse(buf, n, path, l, ds);
    free(buf);
    return rc;
}

int ndctl_find(const struct ndctl_list *l, uint64_t base, uint64_t last)
{
    unsigned int i;

    for ( i = 0; i < l->nr; i++ )
    {
        const struct ndctl_ns *ns = &l->ns[i];

        if ( ns->has_resource && base >= ns->resource &&
             last <= ns->resource + ns->size - 1 )
            return (int)i;
    }
    return -1;
}
