/*
 * msg.c - the string table (see msg.h).
 */
#include "msg.h"

#include <string.h>

static const char *const table[LANG_COUNT][MSG_COUNT] = {
    [LANG_JA] = {
#define X(id, ja, en) [id] = ja,
#include "msg_table.h"
#undef X
    },
    [LANG_EN] = {
#define X(id, ja, en) [id] = en,
#include "msg_table.h"
#undef X
    },
};

static const char *const names[MSG_COUNT] = {
#define X(id, ja, en) [id] = #id,
#include "msg_table.h"
#undef X
};

const char *msg_raw(msg_lang lang, msg_id id)
{
    if ((unsigned)lang >= LANG_COUNT || (unsigned)id >= MSG_COUNT)
        return NULL;
    return table[lang][id];
}

const char *msg_get(msg_lang lang, msg_id id)
{
    const char *s = msg_raw(lang, id);
    if (!s || !*s)
        s = msg_raw(LANG_JA, id);
    return s ? s : "";
}

const char *msg_name(msg_id id)
{
    return (unsigned)id < MSG_COUNT ? names[id] : "?";
}

int msg_lang_parse(const char *s)
{
    if (s && strcmp(s, "ja") == 0)
        return LANG_JA;
    if (s && strcmp(s, "en") == 0)
        return LANG_EN;
    return -1;
}
