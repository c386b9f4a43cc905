/*
** ethnic.c — China's 56 ethnic groups (GB/T 3304-1991) and the two
** extension codes 97 and 98, compiled in.
**
**   SELECT * FROM ethnic_groups;                  -- 58 rows
**   SELECT name FROM ethnic_groups WHERE code = '17';   -- '哈萨克族'
**   SELECT ethnic_code('哈族');                   -- '17'
**   SELECT ethnic_code(' Uyghur ');               -- '05'
**   SELECT ethnic_code('崩龙族');                 -- '46' (old name of 德昂族)
**   SELECT ethnic_name('1'), ethnic_name(17);     -- '汉族', '哈萨克族'
**
** ethnic_groups is an eponymous virtual table with the columns
**   code         '01'..'56', '97' (其他未识别民族), '98' (外国血统中国籍人士)
**   name         simplified Chinese name ('汉族')
**   name_trad    traditional Chinese name ('漢族')
**   roman        the standard's romanization ('Han'); NULL for 97 and 98
**   letter_code  the standard's two-letter code ('HA'); NULL for 97 and 98
**   exonym       the usual English name where it differs from the
**                romanization ('Uyghur' for Uygur, 'Tibetan' for Zang);
**                NULL where they agree
** `WHERE code = ?` reads one row; anything else scans the 58.
**
** ethnic_code(name) → the two-digit code, or NULL if the text names no
** group (unknown is an answer here, not an error).  It accepts, after
** trimming blanks: the code with or without its leading zero ('1', '01',
** or the integer 1); the simplified or traditional name with or without
** 族 ('汉族', '汉', '漢族'); the colloquial one-character forms 哈 (哈萨克),
** 维 (维吾尔), 蒙 (蒙古), 柯 (柯尔克孜) and 回; the old names 崩龙 (德昂, 46),
** 毛难 (毛南, 36), 僮 (壮, 08), 卡佤 (佤, 21); the romanization, the English
** exonym, common spelling variants (Uighur, Kazak, Kirghiz, Xibo) and the
** two-letter code, in any case.  ethnic_name(code) → the simplified name,
** for the same code forms; NULL for an unknown code.  A blob is an error
** naming the function and its argument.
**
** The data were copied from GB/T 3304 (reference/gb3304.tsv), not read at
** run time.  Lookups are a binary search over a sorted table: no
** allocation per call.
*/
#include "common.h"

#include <string.h>

typedef struct EthnicGroup {
  const char *code, *name, *name_trad, *roman, *letter_code, *exonym;
} EthnicGroup;

/* In code order: row i is code i+1 for i < 56, then 97 and 98. */
static const EthnicGroup groups[] = {
    {"01", "汉族", "漢族", "Han", "HA", 0},
    {"02", "蒙古族", "蒙古族", "Mongol", "MG", "Mongolian"},
    {"03", "回族", "回族", "Hui", "HU", 0},
    {"04", "藏族", "藏族", "Zang", "ZA", "Tibetan"},
    {"05", "维吾尔族", "維吾爾族", "Uygur", "UG", "Uyghur"},
    {"06", "苗族", "苗族", "Miao", "MH", 0},
    {"07", "彝族", "彝族", "Yi", "YI", 0},
    {"08", "壮族", "壯族", "Zhuang", "ZH", 0},
    {"09", "布依族", "布依族", "Buyei", "BY", "Bouyei"},
    {"10", "朝鲜族", "朝鮮族", "Chosen", "CS", "Korean"},
    {"11", "满族", "滿族", "Man", "MA", "Manchu"},
    {"12", "侗族", "侗族", "Dong", "DO", 0},
    {"13", "瑶族", "瑤族", "Yao", "YA", 0},
    {"14", "白族", "白族", "Bai", "BA", 0},
    {"15", "土家族", "土家族", "Tujia", "TJ", 0},
    {"16", "哈尼族", "哈尼族", "Hani", "HN", 0},
    {"17", "哈萨克族", "哈薩克族", "Kazak", "KZ", "Kazakh"},
    {"18", "傣族", "傣族", "Dai", "DA", 0},
    {"19", "黎族", "黎族", "Li", "LI", 0},
    {"20", "傈僳族", "傈僳族", "Lisu", "LS", 0},
    {"21", "佤族", "佤族", "Va", "VA", "Wa"},
    {"22", "畲族", "畲族", "She", "SH", 0},
    {"23", "高山族", "高山族", "Gaoshan", "GS", 0},
    {"24", "拉祜族", "拉祜族", "Lahu", "LH", 0},
    {"25", "水族", "水族", "Sui", "SU", "Shui"},
    {"26", "东乡族", "東鄉族", "Dongxiang", "DX", 0},
    {"27", "纳西族", "納西族", "Naxi", "NX", 0},
    {"28", "景颇族", "景頗族", "Jingpo", "JP", 0},
    {"29", "柯尔克孜族", "柯爾克孜族", "Kirgiz", "KG", "Kyrgyz"},
    {"30", "土族", "土族", "Tu", "TU", 0},
    {"31", "达斡尔族", "達斡爾族", "Daur", "DU", 0},
    {"32", "仫佬族", "仫佬族", "Mulao", "ML", "Mulam"},
    {"33", "羌族", "羌族", "Qiang", "QI", 0},
    {"34", "布朗族", "布朗族", "Blang", "BL", 0},
    {"35", "撒拉族", "撒拉族", "Salar", "SL", 0},
    {"36", "毛南族", "毛南族", "Maonan", "MN", 0},
    {"37", "仡佬族", "仡佬族", "Gelao", "GL", 0},
    {"38", "锡伯族", "錫伯族", "Xibe", "XB", "Sibe"},
    {"39", "阿昌族", "阿昌族", "Achang", "AC", 0},
    {"40", "普米族", "普米族", "Pumi", "PM", 0},
    {"41", "塔吉克族", "塔吉克族", "Tajik", "TA", 0},
    {"42", "怒族", "怒族", "Nu", "NU", 0},
    {"43", "乌孜别克族", "烏孜別克族", "Uzbek", "UZ", 0},
    {"44", "俄罗斯族", "俄羅斯族", "Russ", "RS", "Russian"},
    {"45", "鄂温克族", "鄂溫克族", "Ewenki", "EW", "Evenki"},
    {"46", "德昂族", "德昂族", "Deang", "DE", "De'ang"},
    {"47", "保安族", "保安族", "Bonan", "BN", 0},
    {"48", "裕固族", "裕固族", "Yugur", "YG", 0},
    {"49", "京族", "京族", "Gin", "GI", "Jing"},
    {"50", "塔塔尔族", "塔塔爾族", "Tatar", "TT", 0},
    {"51", "独龙族", "獨龍族", "Derung", "DR", 0},
    {"52", "鄂伦春族", "鄂倫春族", "Oroqen", "OR", 0},
    {"53", "赫哲族", "赫哲族", "Hezhen", "HZ", "Nanai"},
    {"54", "门巴族", "門巴族", "Monba", "MB", "Monpa"},
    {"55", "珞巴族", "珞巴族", "Lhoba", "LB", 0},
    {"56", "基诺族", "基諾族", "Jino", "JN", 0},
    {"97", "其他未识别民族", "其他未識別民族", 0, 0, 0},
    {"98", "外国血统中国籍人士", "外國血統中國籍人士", 0, 0, 0},
};
#define N_GROUPS ((int)(sizeof(groups) / sizeof(groups[0])))

/* The row of a numeric code, or -1. */
static int group_of_code(int code) {
  if (code >= 1 && code <= 56) return code - 1;
  if (code == 97) return 56;
  if (code == 98) return 57;
  return -1;
}

/* Names and spellings → numeric code.  Chinese names are kept without a
** final 族 (the lookup tries the text as given, then without 族); Latin
** keys are lower case.  Sorted by bytes (strcmp order) for the binary
** search: ethnic_sorted() checks the order when the module registers. */
static const struct {
  const char *key;
  unsigned char code;
} aliases[] = {
    {"ac", 39},
    {"achang", 39},
    {"ba", 14},
    {"bai", 14},
    {"bl", 34},
    {"blang", 34},
    {"bn", 47},
    {"bonan", 47},
    {"bouyei", 9},
    {"buyei", 9},
    {"by", 9},
    {"chosen", 10},
    {"cs", 10},
    {"da", 18},
    {"dai", 18},
    {"daur", 31},
    {"de", 46},
    {"de'ang", 46},
    {"deang", 46},
    {"derung", 51},
    {"do", 12},
    {"dong", 12},
    {"dongxiang", 26},
    {"dr", 51},
    {"drung", 51},
    {"du", 31},
    {"dx", 26},
    {"evenk", 45},
    {"evenki", 45},
    {"ew", 45},
    {"ewenki", 45},
    {"gaoshan", 23},
    {"gelao", 37},
    {"gi", 49},
    {"gin", 49},
    {"gl", 37},
    {"gs", 23},
    {"ha", 1},
    {"han", 1},
    {"hani", 16},
    {"hezhen", 53},
    {"hn", 16},
    {"hu", 3},
    {"hui", 3},
    {"hz", 53},
    {"jing", 49},
    {"jingpo", 28},
    {"jino", 56},
    {"jn", 56},
    {"jp", 28},
    {"kazak", 17},
    {"kazakh", 17},
    {"kg", 29},
    {"kinh", 49},
    {"kirghiz", 29},
    {"kirgiz", 29},
    {"korean", 10},
    {"kyrgyz", 29},
    {"kz", 17},
    {"lahu", 24},
    {"lb", 55},
    {"lh", 24},
    {"lhoba", 55},
    {"li", 19},
    {"lisu", 20},
    {"ls", 20},
    {"ma", 11},
    {"man", 11},
    {"manchu", 11},
    {"maonan", 36},
    {"mb", 54},
    {"mg", 2},
    {"mh", 6},
    {"miao", 6},
    {"ml", 32},
    {"mn", 36},
    {"monba", 54},
    {"mongol", 2},
    {"mongolian", 2},
    {"monpa", 54},
    {"mulam", 32},
    {"mulao", 32},
    {"nanai", 53},
    {"naxi", 27},
    {"nu", 42},
    {"nx", 27},
    {"or", 52},
    {"oroqen", 52},
    {"pm", 40},
    {"pumi", 40},
    {"qi", 33},
    {"qiang", 33},
    {"rs", 44},
    {"russ", 44},
    {"russian", 44},
    {"salar", 35},
    {"sh", 22},
    {"she", 22},
    {"shui", 25},
    {"sibe", 38},
    {"sibo", 38},
    {"sl", 35},
    {"su", 25},
    {"sui", 25},
    {"ta", 41},
    {"tajik", 41},
    {"tatar", 50},
    {"tibetan", 4},
    {"tj", 15},
    {"tt", 50},
    {"tu", 30},
    {"tujia", 15},
    {"ug", 5},
    {"uighur", 5},
    {"uigur", 5},
    {"uyghur", 5},
    {"uygur", 5},
    {"uz", 43},
    {"uzbek", 43},
    {"va", 21},
    {"wa", 21},
    {"xb", 38},
    {"xibe", 38},
    {"xibo", 38},
    {"ya", 13},
    {"yao", 13},
    {"yg", 48},
    {"yi", 7},
    {"yugur", 48},
    {"za", 4},
    {"zang", 4},
    {"zh", 8},
    {"zhuang", 8},
    {"东乡", 26},
    {"乌孜别克", 43},
    {"京", 49},
    {"仡佬", 37},
    {"仫佬", 32},
    {"佤", 21},
    {"侗", 12},
    {"俄罗斯", 44},
    {"俄羅斯", 44},
    {"保安", 47},
    {"傈僳", 20},
    {"傣", 18},
    {"僮", 8},
    {"其他未識別民", 97},
    {"其他未识别民", 97},
    {"卡佤", 21},
    {"哈", 17},
    {"哈尼", 16},
    {"哈萨克", 17},
    {"哈薩克", 17},
    {"回", 3},
    {"土", 30},
    {"土家", 15},
    {"基諾", 56},
    {"基诺", 56},
    {"塔吉克", 41},
    {"塔塔尔", 50},
    {"塔塔爾", 50},
    {"壮", 8},
    {"壯", 8},
    {"外国血统中国籍人士", 98},
    {"外國血統中國籍人士", 98},
    {"崩龍", 46},
    {"崩龙", 46},
    {"布依", 9},
    {"布朗", 34},
    {"彝", 7},
    {"德昂", 46},
    {"怒", 42},
    {"拉祜", 24},
    {"撒拉", 35},
    {"普米", 40},
    {"景頗", 28},
    {"景颇", 28},
    {"朝鮮", 10},
    {"朝鲜", 10},
    {"未識別民", 97},
    {"未识别民", 97},
    {"東鄉", 26},
    {"柯", 29},
    {"柯尔克孜", 29},
    {"柯爾克孜", 29},
    {"毛南", 36},
    {"毛难", 36},
    {"毛難", 36},
    {"水", 25},
    {"汉", 1},
    {"满", 11},
    {"滿", 11},
    {"漢", 1},
    {"烏孜別克", 43},
    {"独龙", 51},
    {"獨龍", 51},
    {"珞巴", 55},
    {"瑤", 13},
    {"瑶", 13},
    {"畲", 22},
    {"白", 14},
    {"納西", 27},
    {"維", 5},
    {"維吾爾", 5},
    {"纳西", 27},
    {"维", 5},
    {"维吾尔", 5},
    {"羌", 33},
    {"苗", 6},
    {"蒙", 2},
    {"蒙古", 2},
    {"藏", 4},
    {"裕固", 48},
    {"赫哲", 53},
    {"达斡尔", 31},
    {"達斡爾", 31},
    {"鄂伦春", 52},
    {"鄂倫春", 52},
    {"鄂温克", 45},
    {"鄂溫克", 45},
    {"錫伯", 38},
    {"锡伯", 38},
    {"門巴", 54},
    {"门巴", 54},
    {"阿昌", 39},
    {"高山", 23},
    {"黎", 19},
};
#define N_ALIASES ((int)(sizeof(aliases) / sizeof(aliases[0])))

static int ethnic_sorted(void) {
  for (int i = 1; i < N_ALIASES; i++)
    if (strcmp(aliases[i - 1].key, aliases[i].key) >= 0) return 0;
  return 1;
}

/* The code of the n bytes at z, or 0 if no alias matches. */
static int alias_lookup(const char *z, int n) {
  int lo = 0, hi = N_ALIASES - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    const char *k = aliases[mid].key;
    /* Byte-wise compare of the key with z[0..n): z may hold NUL bytes, so
    ** strncmp (which stops at a NUL) would call "ac" equal to "ac\0x". */
    size_t kn = strlen(k), m = kn < (size_t)n ? kn : (size_t)n;
    int c = memcmp(k, z, m);
    if (c == 0) c = kn < (size_t)n ? -1 : kn > (size_t)n ? 1 : 0;
    if (c == 0) return aliases[mid].code;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid - 1;
  }
  return 0;
}

/* Length of a blank (ASCII white space, U+00A0, U+3000) starting at z[0..n),
** or 0. */
static int blank_len(const unsigned char *z, int n) {
  if (n >= 1 && (z[0] == ' ' || z[0] == '\t' || z[0] == '\n' || z[0] == '\r'))
    return 1;
  if (n >= 2 && z[0] == 0xC2 && z[1] == 0xA0) return 2;
  if (n >= 3 && z[0] == 0xE3 && z[1] == 0x80 && z[2] == 0x80) return 3;
  return 0;
}

static int ends_blank(const unsigned char *z, int n) {
  if (n >= 1 && (z[n - 1] == ' ' || z[n - 1] == '\t' || z[n - 1] == '\n' ||
                 z[n - 1] == '\r'))
    return 1;
  if (n >= 2 && z[n - 2] == 0xC2 && z[n - 1] == 0xA0) return 2;
  if (n >= 3 && z[n - 3] == 0xE3 && z[n - 2] == 0x80 && z[n - 1] == 0x80)
    return 3;
  return 0;
}

/* A one- or two-digit code ('1', '01', '97') → its number, else -1. */
static int digits_code(const unsigned char *z, int n) {
  if (n < 1 || n > 2) return -1;
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (z[i] < '0' || z[i] > '9') return -1;
    v = v * 10 + (z[i] - '0');
  }
  return v;
}

/* The numeric code the text z[0..n) names, or 0. */
static int ethnic_resolve(const unsigned char *z, int n) {
  int k;
  while (n > 0 && (k = blank_len(z, n)) > 0) z += k, n -= k;
  while (n > 0 && (k = ends_blank(z, n)) > 0) n -= k;
  if (n == 0) return 0;
  int v = digits_code(z, n);
  if (v >= 0) return group_of_code(v) >= 0 ? v : 0;
  int ascii = 1;
  for (int i = 0; i < n; i++)
    if (z[i] >= 0x80) ascii = 0;
  if (ascii) {
    char low[24];
    if (n >= (int)sizeof(low)) return 0;
    for (int i = 0; i < n; i++)
      low[i] = (char)(z[i] >= 'A' && z[i] <= 'Z' ? z[i] + 32 : z[i]);
    return alias_lookup(low, n);
  }
  int code = alias_lookup((const char *)z, n);
  /* '族' is E6 97 8F. */
  if (code == 0 && n > 3 && memcmp(z + n - 3, "\xE6\x97\x8F", 3) == 0)
    code = alias_lookup((const char *)z, n - 3);
  return code;
}

/* The group row an ethnic_code/ethnic_name argument names: >= 0 a row,
** -1 answer NULL, -2 an error was reported.  by_name allows names. */
static int ethnic_arg(sqlite3_context *ctx, sqlite3_value *v, const char *fn,
                      const char *arg, int by_name) {
  switch (sqlite3_value_type(v)) {
    case SQLITE_NULL:
      return -1;
    case SQLITE_BLOB:
      mu_error(ctx, "%s: %s must be text, got a blob", fn, arg);
      return -2;
    case SQLITE_INTEGER: {
      sqlite3_int64 i = sqlite3_value_int64(v);
      return i >= 1 && i <= 98 ? group_of_code((int)i) : -1;
    }
    default:
      break;
  }
  const unsigned char *z = sqlite3_value_text(v);
  if (z == 0) {
    sqlite3_result_error_nomem(ctx);
    return -2;
  }
  int n = sqlite3_value_bytes(v);
  if (!by_name) {
    int k;
    while (n > 0 && (k = blank_len(z, n)) > 0) z += k, n -= k;
    while (n > 0 && (k = ends_blank(z, n)) > 0) n -= k;
    int c = digits_code(z, n);
    return c < 0 ? -1 : group_of_code(c);
  }
  int code = ethnic_resolve(z, n);
  return code ? group_of_code(code) : -1;
}

int mu_ethnic_code(const unsigned char *z, int n, const char **code, const char **name) {
  int code_n = ethnic_resolve(z, n);
  int g = code_n ? group_of_code(code_n) : -1;
  if (g < 0) return 0;
  *code = groups[g].code;
  *name = groups[g].name;
  return 1;
}

static void codeFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  int g = ethnic_arg(ctx, argv[0], "ethnic_code", "name", 1);
  if (g >= 0) sqlite3_result_text(ctx, groups[g].code, 2, SQLITE_STATIC);
}

static void nameFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  int g = ethnic_arg(ctx, argv[0], "ethnic_name", "code", 0);
  if (g >= 0) sqlite3_result_text(ctx, groups[g].name, -1, SQLITE_STATIC);
}

/* ---- the ethnic_groups virtual table ---------------------------------- */

typedef struct EthnicVtab {
  sqlite3_vtab base; /* Base class. Must be first */
} EthnicVtab;

typedef struct EthnicCursor {
  sqlite3_vtab_cursor base; /* Base class. Must be first */
  int row;                  /* current row of groups[] */
  int end;                  /* one past the last row to visit */
} EthnicCursor;

enum { COL_CODE, COL_NAME, COL_NAME_TRAD, COL_ROMAN, COL_LETTER, COL_EXONYM };

static int ethnicConnect(sqlite3 *db, void *aux, int argc,
                         const char *const *argv, sqlite3_vtab **ppVtab,
                         char **pzErr) {
  int rc = sqlite3_declare_vtab(
      db, "CREATE TABLE x(code TEXT, name TEXT, name_trad TEXT, roman TEXT,"
          " letter_code TEXT, exonym TEXT)");
  if (rc != SQLITE_OK) return rc;
  /* Compiled-in reference data, no files, no side effects: safe in views
  ** and triggers of an untrusted schema. */
  rc = sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
  if (rc != SQLITE_OK) return rc;
  EthnicVtab *p = sqlite3_malloc64(sizeof(*p));
  if (p == 0) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  *ppVtab = &p->base;
  return SQLITE_OK;
}

static int ethnicDisconnect(sqlite3_vtab *pVtab) {
  sqlite3_free(pVtab);
  return SQLITE_OK;
}

static int ethnicOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  EthnicCursor *c = sqlite3_malloc64(sizeof(*c));
  if (c == 0) return SQLITE_NOMEM;
  memset(c, 0, sizeof(*c));
  *ppCursor = &c->base;
  return SQLITE_OK;
}

static int ethnicClose(sqlite3_vtab_cursor *cur) {
  sqlite3_free(cur);
  return SQLITE_OK;
}

/* idxNum 1: `code = ?` is argv[0]; 0: full scan. */
static int ethnicBestIndex(sqlite3_vtab *tab, sqlite3_index_info *info) {
  for (int i = 0; i < info->nConstraint; i++) {
    const struct sqlite3_index_constraint *c = &info->aConstraint[i];
    if (c->usable && c->iColumn == COL_CODE && c->op == SQLITE_INDEX_CONSTRAINT_EQ) {
      info->aConstraintUsage[i].argvIndex = 1;
      /* SQLite still checks the constraint itself (omit stays 0), so the
      ** lookup only has to find the row that can match. */
      info->idxNum = 1;
      info->estimatedCost = 1;
      info->estimatedRows = 1;
      info->idxFlags = SQLITE_INDEX_SCAN_UNIQUE;
      return SQLITE_OK;
    }
  }
  info->idxNum = 0;
  info->estimatedCost = N_GROUPS;
  info->estimatedRows = N_GROUPS;
  return SQLITE_OK;
}

static int ethnicFilter(sqlite3_vtab_cursor *cur, int idxNum,
                        const char *idxStr, int argc, sqlite3_value **argv) {
  EthnicCursor *c = (EthnicCursor *)cur;
  c->row = 0;
  c->end = N_GROUPS;
  if (idxNum == 1 && argc == 1) {
    c->end = 0; /* no row unless the value is exactly a code */
    int t = sqlite3_value_type(argv[0]);
    if (t == SQLITE_TEXT || t == SQLITE_INTEGER) {
      const unsigned char *z = sqlite3_value_text(argv[0]);
      if (z == 0) return SQLITE_NOMEM;
      int n = sqlite3_value_bytes(argv[0]);
      int g = n == 2 ? group_of_code(digits_code(z, 2)) : -1;
      if (g >= 0) c->row = g, c->end = g + 1;
    }
  }
  return SQLITE_OK;
}

static int ethnicNext(sqlite3_vtab_cursor *cur) {
  ((EthnicCursor *)cur)->row++;
  return SQLITE_OK;
}

static int ethnicEof(sqlite3_vtab_cursor *cur) {
  EthnicCursor *c = (EthnicCursor *)cur;
  return c->row >= c->end;
}

static int ethnicColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i) {
  const EthnicGroup *g = &groups[((EthnicCursor *)cur)->row];
  const char *v = 0;
  switch (i) {
    case COL_CODE: v = g->code; break;
    case COL_NAME: v = g->name; break;
    case COL_NAME_TRAD: v = g->name_trad; break;
    case COL_ROMAN: v = g->roman; break;
    case COL_LETTER: v = g->letter_code; break;
    case COL_EXONYM: v = g->exonym; break;
  }
  if (v) sqlite3_result_text(ctx, v, -1, SQLITE_STATIC);
  return SQLITE_OK;
}

static int ethnicRowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid) {
  const EthnicGroup *g = &groups[((EthnicCursor *)cur)->row];
  *pRowid = (g->code[0] - '0') * 10 + (g->code[1] - '0');
  return SQLITE_OK;
}

static const sqlite3_module ethnicModule = {
    0,                /* iVersion */
    0,                /* xCreate: 0 makes the table eponymous-only */
    ethnicConnect,    /* xConnect */
    ethnicBestIndex,  /* xBestIndex */
    ethnicDisconnect, /* xDisconnect */
    0,                /* xDestroy */
    ethnicOpen,       /* xOpen */
    ethnicClose,      /* xClose */
    ethnicFilter,     /* xFilter */
    ethnicNext,       /* xNext */
    ethnicEof,        /* xEof */
    ethnicColumn,     /* xColumn */
    ethnicRowid,      /* xRowid */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

int muling_register_ethnic(sqlite3 *db) {
  /* The alias table is kept sorted by hand; a mistake there would make
  ** lookups silently miss, so refuse to load instead. */
  if (!ethnic_sorted()) return SQLITE_INTERNAL;
  /* Reference data: the answer depends on the argument alone (MU_PURE). */
  int rc = sqlite3_create_function_v2(db, "ethnic_code", 1, MU_PURE, 0,
                                      codeFunc, 0, 0, 0);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2(db, "ethnic_name", 1, MU_PURE, 0, nameFunc,
                                    0, 0, 0);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_module_v2(db, "ethnic_groups", &ethnicModule, 0, 0);
  return rc;
}
