/*
** generate.c — a deterministic synthetic city in the shape of seed 004.
**
**   build/generate [--residents N] [--seed S] [-o FILE] [--schema FILE] [--force]
**
**   --residents N   current residents to generate, 10000 .. 10000000 (default 100000)
**   --seed S        any unsigned integer (default 1); same seed and N → same
**                   bytes of `sqlite3 FILE .dump`
**   -o FILE         the database to write (default city.db); refused if it
**                   exists, unless --force
**   --schema FILE   the schema to create first (default sql/schema.sql, then
**                   ../sql/schema.sql beside the binary)
**
** The city (a prefecture-level city of Jiangxi, region codes 3608xx):
**   area tree  city → 3 districts → 15 streets → 183 communities → grids
**              → compounds → buildings (buildings scale with N, ~90 a building);
**              communities of 0.30–2.50 km²
**   party      14 committees (党委, the 14 largest communities), 13 general
**              branches (党总支, the next 13), 245 branches (the other 156
**              communities have one branch on top), 1,512 groups (党小组);
**              one responsibility zone (责任区) per group
**   people     households of 1–6, heads 22–88 years old, spouses, children,
**              parents; 8 % floating, ~1.2 % of households on 低保; history
**              (moved out, died) kept as extra rows
**   members    at N = 1,000,000: 45,000 party members of whom 30,500
**              in-service members reported (双报到, receipt card); 17,000
**              volunteers of whom 11,800 party members; scaled by N/1e6
** About 2 % dirty rows, as real registers have, for `muling check`:
**   bad ID check characters, ID/birth-date and ID/sex disagreements,
**   duplicated ID numbers, ethnic spellings that did not map (ethnic_code
**   NULL, the spelling kept in ethnic_raw — the CHECK on ethnic_code only
**   admits codes), traditional-character names, malformed phone numbers,
**   households without members.
**
** Fast: one transaction, prepared statements reused, journal off; 1e6
** residents in well under a minute on one core.  Prints counts and the time
** to stderr.  Links -lsqlite3 only.
*/
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "idcard_check.h" /* the ID check character, as ext/idcard.c has it */

typedef uint64_t u64;
typedef int64_t i64;

/* ---- Randomness: splitmix64, integer-only so every platform agrees ------- */
static u64 rng_state;
static u64 rnd(void) {
  u64 z = (rng_state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
/* Uniform in [0, n). */
static u64 below(u64 n) { return n ? rnd() % n : 0; }
/* 1 with probability per_million / 1e6. */
static int chance(u64 per_million) { return below(1000000) < per_million; }

/* ---- Dates as days since 1970-01-01 -------------------------------------- */
static i64 days_from_civil(i64 y, unsigned m, unsigned d) {
  y -= m <= 2;
  const i64 era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = (unsigned)(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (i64)doe - 719468;
}
static void civil_from_days(i64 z, int *y, int *m, int *d) {
  z += 719468;
  const i64 era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = (unsigned)(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const i64 yy = (i64)yoe + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yy + (*m <= 2));
}
static void fmt_date(char out[11], i64 days) {
  int y, m, d;
  civil_from_days(days, &y, &m, &d);
  snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

/* ---- Reference lists ---------------------------------------------------- */
/* Surnames roughly by frequency (more common ones repeated), with their
** traditional forms for the dirty rows. */
static const char *const SURNAME[][2] = {
  {"王", "王"}, {"李", "李"}, {"张", "張"}, {"刘", "劉"}, {"陈", "陳"}, {"杨", "楊"}, {"黄", "黃"},
  {"赵", "趙"}, {"吴", "吳"}, {"周", "周"}, {"徐", "徐"}, {"孙", "孫"}, {"胡", "胡"}, {"朱", "朱"},
  {"高", "高"}, {"林", "林"}, {"何", "何"}, {"郭", "郭"}, {"罗", "羅"}, {"郑", "鄭"}, {"梁", "梁"},
  {"谢", "謝"}, {"宋", "宋"}, {"唐", "唐"}, {"许", "許"}, {"韩", "韓"}, {"冯", "馮"}, {"邓", "鄧"},
  {"曾", "曾"}, {"彭", "彭"}, {"肖", "蕭"}, {"刘", "劉"}, {"陈", "陳"}, {"李", "李"}, {"王", "王"},
  {"张", "張"}, {"罗", "羅"}, {"欧阳", "歐陽"}, {"钟", "鍾"}, {"邹", "鄒"}, {"熊", "熊"}, {"袁", "袁"},
  {"廖", "廖"}, {"江", "江"}, {"曹", "曹"}, {"万", "萬"}, {"邱", "邱"}, {"龙", "龍"}, {"尹", "尹"},
  {"段", "段"}, {"汤", "湯"}, {"聂", "聶"}, {"康", "康"}, {"易", "易"}, {"文", "文"}, {"付", "付"},
  {"蓝", "藍"}, {"雷", "雷"}, {"丁", "丁"}, {"马", "馬"},
};
#define N_SURNAME (sizeof SURNAME / sizeof SURNAME[0])
static const char *const GIVEN_M[][2] = {
  {"建", "建"}, {"国", "國"}, {"军", "軍"}, {"伟", "偉"}, {"华", "華"}, {"明", "明"}, {"强", "強"},
  {"平", "平"}, {"东", "東"}, {"文", "文"}, {"杰", "傑"}, {"涛", "濤"}, {"斌", "斌"}, {"鹏", "鵬"},
  {"飞", "飛"}, {"勇", "勇"}, {"刚", "剛"}, {"辉", "輝"}, {"俊", "俊"}, {"志", "志"}, {"海", "海"},
  {"峰", "峰"}, {"林", "林"}, {"浩", "浩"}, {"宇", "宇"}, {"鑫", "鑫"}, {"龙", "龍"}, {"荣", "榮"},
  {"春", "春"}, {"良", "良"},
};
#define N_GIVEN_M (sizeof GIVEN_M / sizeof GIVEN_M[0])
static const char *const GIVEN_F[][2] = {
  {"秀", "秀"}, {"英", "英"}, {"华", "華"}, {"丽", "麗"}, {"红", "紅"}, {"梅", "梅"}, {"兰", "蘭"},
  {"芳", "芳"}, {"敏", "敏"}, {"静", "靜"}, {"燕", "燕"}, {"霞", "霞"}, {"娟", "娟"}, {"萍", "萍"},
  {"琴", "琴"}, {"洁", "潔"}, {"莉", "莉"}, {"婷", "婷"}, {"玉", "玉"}, {"凤", "鳳"}, {"桂", "桂"},
  {"珍", "珍"}, {"艳", "艷"}, {"玲", "玲"}, {"雪", "雪"}, {"慧", "慧"}, {"颖", "穎"}, {"欣", "欣"},
  {"佳", "佳"}, {"琳", "琳"},
};
#define N_GIVEN_F (sizeof GIVEN_F / sizeof GIVEN_F[0])

/* 民族 of a Jiangxi city: per million. */
static const struct { const char *code; unsigned ppm; } ETHNIC[] = {
  {"01", 993200}, {"22", 2400}, {"03", 1100}, {"06", 700}, {"08", 600}, {"15", 500},
  {"11", 400}, {"13", 300}, {"12", 250}, {"02", 200}, {"05", 100}, {"14", 100},
  {"10", 50}, {"04", 50}, {"17", 30}, {"07", 20},
};
#define N_ETHNIC (sizeof ETHNIC / sizeof ETHNIC[0])
/* Spellings an importer left unmapped: some ethnic_code() would map, some
** no code covers. */
static const char *const ETHNIC_RAW[] = {
  "汉", "漢族", "Han", "汉族 ", "畲", "回民", "穿青人", "不详", "汉汉", "其他",
};
#define N_ETHNIC_RAW (sizeof ETHNIC_RAW / sizeof ETHNIC_RAW[0])

static const struct { const char *name, *code; int streets; } DISTRICT[] = {
  {"吉州区", "360802", 7}, {"青原区", "360803", 4}, {"吉安县", "360821", 4},
};
#define N_DISTRICT (sizeof DISTRICT / sizeof DISTRICT[0])
static const char *const STREET[] = {
  "文山街道", "北门街道", "白塘街道", "习溪桥街道", "古南街道", "禾埠街道", "永叔街道",
  "河东街道", "滨江街道", "天华山街道", "富滩街道", "敦厚街道", "城南街道", "凤凰街道", "高新街道",
};
static const char *const COMMUNITY_WORD[] = {
  "文山", "青原", "螺湖", "白鹭", "庐陵", "井冈", "鹭洲", "后河", "仁山", "阳明", "兴华", "沿江",
  "城北", "和平", "人民", "中山", "吉泰", "长岗", "真君", "禾水", "恩江", "赣江", "天华", "梅林",
  "樟山", "古南", "习溪", "永叔", "韶山", "吉福", "钟鼓", "太平", "新建", "阳光", "金桥", "翠微", "三桥",
};
static const char *const COMMUNITY_SUFFIX[] = {"路", "坊", "苑", "村", "园"};
/* Region codes of people registered elsewhere (floating): Jiangxi and inland. */
static const char *const FLOAT_REGION[] = {
  "360102", "360302", "360402", "360502", "360602", "360702", "360902", "361002",
  "361102", "430102", "350102", "440103", "420102", "330102", "510104",
};
#define N_FLOAT_REGION (sizeof FLOAT_REGION / sizeof FLOAT_REGION[0])

/* ---- The generator ------------------------------------------------------ */
typedef struct Gen {
  sqlite3 *db;
  i64 n_residents;     /* current residents wanted */
  i64 next_area;       /* next areas.id */
  i64 next_household;
  i64 next_resident;
  int n_comm;
  i64 *comm_area;      /* community index → areas.id */
  i64 *comm_pop;       /* residents wanted per community */
  int *comm_district;  /* community index → district index */
  int *comm_rank;      /* rank by population, 0 = largest */
  /* per resident (index id - 1) */
  i64 cap_res;
  int32_t *res_birth;  /* days since epoch */
  uint16_t *res_comm;  /* community index */
  uint8_t *res_flags;  /* bit 0 current, bit 1 member already, bit 2 volunteer already */
  /* party groups per community */
  i64 *group_first, *group_count; /* into group_ids */
  i64 *group_ids;
  i64 n_groups;
  /* prepared statements */
  sqlite3_stmt *ins_area, *ins_household, *ins_resident, *ins_org, *ins_zone, *ins_member,
      *ins_team, *ins_volunteer, *ins_hours, *ins_staff, *set_km2;
  /* counts for the summary */
  i64 n_households, n_history, n_dirty, n_members, n_reported, n_volunteers, n_vol_members,
      n_hours, n_buildings, n_empty_households;
} Gen;

static void die_db(Gen *g, const char *what) {
  fprintf(stderr, "generate: %s: %s\n", what, sqlite3_errmsg(g->db));
  exit(3);
}
static void *xalloc(size_t n) {
  void *p = sqlite3_malloc64(n ? n : 1);
  if (!p) {
    fprintf(stderr, "generate: out of memory\n");
    exit(3);
  }
  memset(p, 0, n ? n : 1);
  return p;
}
static void step(Gen *g, sqlite3_stmt *st, const char *what) {
  if (sqlite3_step(st) != SQLITE_DONE) die_db(g, what);
  if (sqlite3_reset(st) != SQLITE_OK) die_db(g, what);
  sqlite3_clear_bindings(st);
}
static sqlite3_stmt *prep(Gen *g, const char *sql) {
  sqlite3_stmt *st = 0;
  if (sqlite3_prepare_v3(g->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, 0) != SQLITE_OK)
    die_db(g, sql);
  return st;
}
static void exec(Gen *g, const char *sql) {
  char *err = 0;
  if (sqlite3_exec(g->db, sql, 0, 0, &err) != SQLITE_OK) {
    fprintf(stderr, "generate: %s\n", err ? err : sqlite3_errmsg(g->db));
    sqlite3_free(err);
    exit(3);
  }
}
static void bind_text(sqlite3_stmt *st, int i, const char *s) {
  if (s) sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
  else sqlite3_bind_null(st, i);
}
static void bind_date(sqlite3_stmt *st, int i, i64 days) {
  char buf[11];
  fmt_date(buf, days);
  sqlite3_bind_text(st, i, buf, 10, SQLITE_TRANSIENT);
}

static i64 add_area(Gen *g, i64 parent, const char *level, const char *code, const char *name) {
  i64 id = g->next_area++;
  sqlite3_bind_int64(g->ins_area, 1, id);
  if (parent) sqlite3_bind_int64(g->ins_area, 2, parent);
  bind_text(g->ins_area, 3, level);
  bind_text(g->ins_area, 4, code);
  bind_text(g->ins_area, 5, name);
  step(g, g->ins_area, "areas");
  return id;
}

/* The 18-character ID number for region, birth and sequence, with its
** ISO 7064 MOD 11-2 check character (ext/idcard_check.h, the extension's
** own); wrong_check gives a wrong one. */
static void make_id(char out[19], const char *region, i64 birth, int seq, int wrong_check) {
  int y, m, d;
  civil_from_days(birth, &y, &m, &d);
  snprintf(out, 19, "%.6s%04d%02d%02d%03d", region, y, m, d, seq);
  int k = idcard_check_index(out);
  if (wrong_check) k = (k + 1 + (int)below(10)) % 11;
  out[17] = idcard_check_chars[k];
  out[18] = 0;
}

static void make_name(char *out, size_t n, int male, int traditional) {
  int t = traditional ? 1 : 0;
  const char *s = SURNAME[below(N_SURNAME)][t];
  const char *const(*pool)[2] = male ? GIVEN_M : GIVEN_F;
  size_t np = male ? N_GIVEN_M : N_GIVEN_F;
  if (chance(300000))
    snprintf(out, n, "%s%s", s, pool[below(np)][t]);
  else
    snprintf(out, n, "%s%s%s", s, pool[below(np)][t], pool[below(np)][t]);
}

static const char *pick_ethnic(void) {
  u64 x = below(1000000), acc = 0;
  for (size_t i = 0; i < N_ETHNIC; i++) {
    acc += ETHNIC[i].ppm;
    if (x < acc) return ETHNIC[i].code;
  }
  return "01";
}

/* One resident row.  Returns the id. */
typedef struct Person {
  int male;
  i64 birth, moved_in, moved_out, died;
  const char *relation;
  int floating, low_income, key_person;
} Person;

static const i64 DAY_2023_12_31 = 19722; /* days_from_civil(2023, 12, 31) */

static i64 add_resident(Gen *g, int comm, i64 household, i64 building, const Person *p) {
  i64 id = g->next_resident++;
  sqlite3_stmt *st = g->ins_resident;
  char idn[19], name[64], phone[32];
  const char *region = p->floating ? FLOAT_REGION[below(N_FLOAT_REGION)]
                                   : DISTRICT[g->comm_district[comm]].code;
  /* Dirty: ~2 % of rows get one of these (per million). */
  u64 dirt = below(1000000);
  int bad_check = dirt < 6000;
  int trad_name = dirt >= 6000 && dirt < 11000;
  int raw_ethnic = dirt >= 11000 && dirt < 15000;
  int bad_phone = dirt >= 15000 && dirt < 17000;
  int birth_off = dirt >= 17000 && dirt < 18500;
  int sex_off = dirt >= 18500 && dirt < 19500;
  int dup_id = dirt >= 19500 && dirt < 20000 && id > 1;
  if (dirt < 20000) g->n_dirty++;

  int seq = (int)below(450) * 2 + (p->male ? 1 : 2);
  make_id(idn, region, p->birth, seq, bad_check);
  make_name(name, sizeof name, p->male, trad_name);
  i64 age_days = DAY_2023_12_31 - p->birth;
  int has_phone = age_days >= 16 * 365 && !(age_days > 75 * 365 && chance(400000));
  if (has_phone) {
    static const char P2[] = "3456789";
    u64 rest = below(1000000000);
    if (bad_phone)
      snprintf(phone, sizeof phone, "1%c%llu %04llu", P2[below(7)], (unsigned long long)(rest / 10000),
               (unsigned long long)(rest % 10000));
    else
      snprintf(phone, sizeof phone, "1%c%09llu", P2[below(7)], (unsigned long long)rest);
  }

  sqlite3_bind_int64(st, 1, id);
  if (dup_id) {
    /* a copy of an earlier resident's number, as double registrations have */
    sqlite3_bind_null(st, 2);
  } else {
    bind_text(st, 2, idn);
  }
  bind_text(st, 3, name);
  bind_text(st, 4, (p->male ^ sex_off) ? "M" : "F");
  bind_date(st, 5, birth_off ? p->birth - 1 - (i64)below(400) : p->birth);
  if (raw_ethnic) {
    sqlite3_bind_null(st, 6);
    bind_text(st, 7, ETHNIC_RAW[below(N_ETHNIC_RAW)]);
  } else {
    bind_text(st, 6, pick_ethnic());
    sqlite3_bind_null(st, 7);
  }
  if (has_phone) bind_text(st, 8, phone);
  sqlite3_bind_int64(st, 9, household);
  bind_text(st, 10, p->relation);
  sqlite3_bind_int64(st, 11, building);
  bind_text(st, 12, p->floating ? "floating" : "registered");
  sqlite3_bind_int(st, 13, p->low_income);
  sqlite3_bind_int(st, 14, p->key_person);
  bind_date(st, 15, p->moved_in);
  if (p->moved_out) bind_date(st, 16, p->moved_out);
  if (p->died) bind_date(st, 17, p->died);
  sqlite3_bind_int64(st, 18, dup_id ? id - 1 - (i64)below((u64)(id - 1 < 1000 ? id - 1 : 1000)) : 0);
  step(g, st, "residents");

  if (id - 1 >= g->cap_res) {
    i64 cap = g->cap_res * 2;
    int32_t *b = sqlite3_realloc64(g->res_birth, (u64)cap * sizeof *b);
    uint16_t *c = sqlite3_realloc64(g->res_comm, (u64)cap * sizeof *c);
    uint8_t *f = sqlite3_realloc64(g->res_flags, (u64)cap);
    if (!b || !c || !f) {
      fprintf(stderr, "generate: out of memory\n");
      exit(3);
    }
    memset(f + g->cap_res, 0, (size_t)(cap - g->cap_res));
    g->res_birth = b, g->res_comm = c, g->res_flags = f, g->cap_res = cap;
  }
  g->res_birth[id - 1] = (int32_t)p->birth;
  g->res_comm[id - 1] = (uint16_t)comm;
  g->res_flags[id - 1] = (!p->moved_out && !p->died) ? 1 : 0;
  return id;
}

/* A household of `size` current people (plus, now and then, someone who
** moved out or died) in a building.  Returns the current people added. */
static int add_household(Gen *g, int comm, i64 building, int k, int size) {
  i64 hid = g->next_household++;
  char door[32];
  snprintf(door, sizeof door, "%d-%d%02d", 1 + k / 24 % 4, 1 + k / 2 % 12 + 1, 1 + k % 2);
  int floating = chance(80000 / (size > 2 ? 3 : 1));
  int low = !floating && chance(12000);
  i64 head_birth = days_from_civil(1935, 1, 1) + (i64)below(66 * 365);
  i64 moved_in = head_birth + 20 * 365 + (i64)below(40 * 365);
  if (moved_in > DAY_2023_12_31 - 30) moved_in = DAY_2023_12_31 - 30 - (i64)below(2000);
  if (moved_in < head_birth + 18 * 365) moved_in = head_birth + 18 * 365;
  sqlite3_bind_int64(g->ins_household, 1, hid);
  sqlite3_bind_int64(g->ins_household, 2, building);
  bind_text(g->ins_household, 3, door);
  bind_date(g->ins_household, 4, moved_in);
  step(g, g->ins_household, "households");
  g->n_households++;
  if (size == 0) { /* a household left empty: `muling check` finds it */
    g->n_empty_households++;
    return 0;
  }

  Person head = {.male = chance(600000), .birth = head_birth, .moved_in = moved_in,
                 .relation = "head", .floating = floating, .low_income = low,
                 .key_person = chance(300)};
  add_resident(g, comm, hid, building, &head);
  int added = 1, has_spouse = 0;
  for (int i = 1; i < size; i++) {
    Person p = {.relation = "child", .floating = floating, .moved_in = moved_in};
    u64 r = below(100);
    if (!has_spouse && r < 70) {
      has_spouse = 1;
      p.relation = "spouse";
      p.male = !head.male;
      p.birth = head_birth - 5 * 365 + (i64)below(10 * 365);
    } else if (r < 88 || head_birth > days_from_civil(1975, 1, 1)) {
      p.male = chance(510000);
      p.birth = head_birth + 20 * 365 + (i64)below(20 * 365);
    } else {
      p.relation = "parent";
      p.male = chance(400000);
      p.birth = head_birth - 22 * 365 - (i64)below(10 * 365);
    }
    if (p.birth > DAY_2023_12_31 - 30) p.birth = DAY_2023_12_31 - 30 - (i64)below(3000);
    if (p.moved_in < p.birth) p.moved_in = p.birth;
    p.low_income = low && chance(700000);
    add_resident(g, comm, hid, building, &p);
    added++;
  }
  /* History: someone moved out or died (not counted as current). */
  if (chance(60000)) {
    Person p = {.male = chance(500000), .relation = "other", .moved_in = moved_in};
    p.birth = head_birth - 25 * 365 - (i64)below(8 * 365);
    if (chance(400000)) {
      p.relation = "parent";
      p.died = DAY_2023_12_31 - (i64)below(5 * 365);
    } else {
      p.relation = "child";
      p.birth = head_birth + 20 * 365 + (i64)below(15 * 365);
      p.moved_out = DAY_2023_12_31 - (i64)below(5 * 365);
    }
    if (p.birth > DAY_2023_12_31 - 30) p.birth = DAY_2023_12_31 - 30 - (i64)below(3000);
    if (p.birth > p.moved_in) p.moved_in = p.birth;
    if (p.moved_out && p.moved_out < p.moved_in) p.moved_out = p.moved_in;
    if (p.died && p.died < p.moved_in) p.died = p.moved_in;
    add_resident(g, comm, hid, building, &p);
    g->n_history++;
  }
  return added;
}

static void gen_areas_and_people(Gen *g) {
  char code[64], name[128];
  i64 city = add_area(g, 0, "city", "360800000000", "吉安市");
  /* Community populations: weights 50..149, the remainder to the last. */
  i64 wsum = 0;
  i64 *w = xalloc(sizeof(i64) * (size_t)g->n_comm);
  for (int c = 0; c < g->n_comm; c++) wsum += w[c] = 50 + (i64)below(100);
  i64 given = 0;
  for (int c = 0; c < g->n_comm; c++) {
    g->comm_pop[c] = g->n_residents * w[c] / wsum;
    given += g->comm_pop[c];
  }
  g->comm_pop[g->n_comm - 1] += g->n_residents - given;
  sqlite3_free(w);
  /* Rank by population (largest first; ties by index) for the party tree. */
  for (int c = 0; c < g->n_comm; c++) {
    int rank = 0;
    for (int d = 0; d < g->n_comm; d++)
      if (g->comm_pop[d] > g->comm_pop[c] || (g->comm_pop[d] == g->comm_pop[c] && d < c)) rank++;
    g->comm_rank[c] = rank;
  }

  int comm = 0, street_no = 0;
  for (size_t di = 0; di < N_DISTRICT; di++) {
    snprintf(code, sizeof code, "%s000000", DISTRICT[di].code);
    i64 district = add_area(g, city, "district", code, DISTRICT[di].name);
    for (int s = 0; s < DISTRICT[di].streets; s++, street_no++) {
      snprintf(code, sizeof code, "%s%03d000", DISTRICT[di].code, s + 1);
      i64 street = add_area(g, district, "street", code, STREET[street_no]);
      /* 183 communities over 15 streets: the first three streets get 13. */
      int n_here = 12 + (street_no < 3);
      for (int k = 0; k < n_here && comm < g->n_comm; k++, comm++) {
        char ccode[16];
        snprintf(ccode, sizeof ccode, "%s%03d%03d", DISTRICT[di].code, s + 1, k + 1);
        snprintf(name, sizeof name, "%s%s社区", COMMUNITY_WORD[comm % 37],
                 COMMUNITY_SUFFIX[comm / 37 % 5]);
        i64 cid = add_area(g, street, "community", ccode, name);
        sqlite3_bind_double(g->set_km2, 1, (double)(30 + (int)below(221)) / 100.0);
        sqlite3_bind_int64(g->set_km2, 2, cid);
        step(g, g->set_km2, "areas.area_km2");
        g->comm_area[comm] = cid;
        g->comm_district[comm] = (int)di;
        int grids = 3 + (int)below(5);
        int compounds = 2 + (int)below(4);
        i64 pop = g->comm_pop[comm];
        i64 cells = (i64)grids * compounds;
        i64 per_compound = pop / cells, extra = pop % cells;
        for (int gi = 0; gi < grids; gi++) {
          snprintf(code, sizeof code, "%s-%02d", ccode, gi + 1);
          snprintf(name, sizeof name, "第%d网格", gi + 1);
          i64 grid = add_area(g, cid, "grid", code, name);
          for (int ki = 0; ki < compounds; ki++) {
            i64 quota = per_compound + ((i64)gi * compounds + ki < extra);
            snprintf(code, sizeof code, "%s-%02d-%02d", ccode, gi + 1, ki + 1);
            snprintf(name, sizeof name, "%s%d号小区", COMMUNITY_WORD[comm % 37], gi * compounds + ki + 1);
            i64 compound = add_area(g, grid, "compound", code, name);
            i64 nb = quota / 90 + 1;
            i64 per_b = quota / nb, extra_b = quota % nb;
            for (i64 bi = 0; bi < nb; bi++) {
              i64 bq = per_b + (bi < extra_b);
              char bcode[160];
              snprintf(bcode, sizeof bcode, "%s-%02lld", code, (long long)bi + 1);
              snprintf(name, sizeof name, "%lld栋", (long long)bi + 1);
              i64 building = add_area(g, compound, "building", bcode, name);
              g->n_buildings++;
              int k2 = 0;
              while (bq > 0) {
                static const int SIZE_PPM[] = {150000, 430000, 730000, 900000, 980000, 1000000};
                u64 x = below(1000000);
                int size = 1;
                while (size < 6 && x >= (u64)SIZE_PPM[size - 1]) size++;
                if (size > bq) size = (int)bq;
                if (chance(300)) add_household(g, comm, building, k2++, 0);
                bq -= add_household(g, comm, building, k2++, size);
              }
            }
          }
        }
      }
    }
  }
}

/* The party tree of seed 004 and its members. */
static void gen_party(Gen *g) {
  char name[160];
  i64 org_id = 1, zone_id = 1;
  /* Branches under committees (4 each) and general branches (3 or 2). */
  int total_branches = 0;
  g->group_first = xalloc(sizeof(i64) * (size_t)g->n_comm);
  g->group_count = xalloc(sizeof(i64) * (size_t)g->n_comm);
  g->group_ids = xalloc(sizeof(i64) * 2000);
  int branch_serial = 0;
  for (int c = 0; c < g->n_comm; c++) {
    int rank = g->comm_rank[c];
    const char *kind = rank < 14 ? "committee" : rank < 27 ? "general_branch" : "branch";
    int branches = rank < 14 ? 4 : rank < 27 ? (rank - 14 < 7 ? 3 : 2) : 0;
    i64 top = org_id++;
    snprintf(name, sizeof name, "%s%s社区%s", COMMUNITY_WORD[c % 37], COMMUNITY_SUFFIX[c / 37 % 5],
             rank < 14 ? "党委" : rank < 27 ? "党总支" : "党支部");
    sqlite3_bind_int64(g->ins_org, 1, top);
    bind_text(g->ins_org, 3, kind);
    bind_text(g->ins_org, 4, name);
    sqlite3_bind_int64(g->ins_org, 5, g->comm_area[c]);
    step(g, g->ins_org, "party_orgs");
    g->group_first[c] = g->n_groups;
    i64 parents[4];
    int np = 0;
    if (branches == 0) {
      parents[np++] = top;
      total_branches++;
    } else {
      for (int b = 0; b < branches; b++) {
        i64 id = org_id++;
        snprintf(name, sizeof name, "第%d党支部", b + 1);
        sqlite3_bind_int64(g->ins_org, 1, id);
        sqlite3_bind_int64(g->ins_org, 2, top);
        bind_text(g->ins_org, 3, "branch");
        bind_text(g->ins_org, 4, name);
        sqlite3_bind_int64(g->ins_org, 5, g->comm_area[c]);
        step(g, g->ins_org, "party_orgs");
        parents[np++] = id;
        total_branches++;
      }
    }
    for (int b = 0; b < np; b++) {
      /* 1,512 groups over 245 branches: 6 each, 7 for the first 42. */
      int groups = 6 + (branch_serial++ < 42);
      for (int k = 0; k < groups; k++) {
        i64 id = org_id++;
        snprintf(name, sizeof name, "第%d党小组", b * 7 + k + 1);
        sqlite3_bind_int64(g->ins_org, 1, id);
        sqlite3_bind_int64(g->ins_org, 2, parents[b]);
        bind_text(g->ins_org, 3, "group");
        bind_text(g->ins_org, 4, name);
        sqlite3_bind_int64(g->ins_org, 5, g->comm_area[c]);
        step(g, g->ins_org, "party_orgs");
        g->group_ids[g->n_groups++] = id;
        snprintf(name, sizeof name, "第%lld责任区", (long long)(g->n_groups - g->group_first[c]));
        sqlite3_bind_int64(g->ins_zone, 1, zone_id++);
        sqlite3_bind_int64(g->ins_zone, 2, id);
        bind_text(g->ins_zone, 3, name);
        step(g, g->ins_zone, "responsibility_zones");
      }
    }
    g->group_count[c] = g->n_groups - g->group_first[c];
  }
  if (total_branches != 245 && g->n_comm == 183) {
    fprintf(stderr, "generate: internal: %d branches\n", total_branches);
    exit(3);
  }

  /* Members: at 1e6 residents 45,000, of whom 30,500 in-service reported,
  ** 3,500 in-service not (yet) reported, 11,000 retired. */
  i64 n = g->next_resident - 1;
  i64 want = 45000 * g->n_residents / 1000000, reported = 30500 * g->n_residents / 1000000,
      unreported = 3500 * g->n_residents / 1000000;
  if (want < 1) want = 1;
  i64 got = 0, tries = 0;
  while (got < want && tries < 50 * want + 1000) {
    tries++;
    i64 i = (i64)below((u64)n);
    if (!(g->res_flags[i] & 1) || (g->res_flags[i] & 2)) continue;
    i64 age = (DAY_2023_12_31 - g->res_birth[i]) / 365;
    if (age < 20) continue;
    int in_service = got < reported + unreported;
    if (in_service && age > 58) continue;
    if (!in_service && age < 58) continue;
    int comm = g->res_comm[i];
    i64 group = g->group_ids[g->group_first[comm] + (i64)below((u64)g->group_count[comm])];
    i64 joined = g->res_birth[i] + (20 + (i64)below((u64)(age - 19 < 30 ? age - 19 : 30))) * 365;
    if (joined > DAY_2023_12_31 - 60) joined = DAY_2023_12_31 - 60;
    sqlite3_stmt *st = g->ins_member;
    sqlite3_bind_int64(st, 1, i + 1);
    sqlite3_bind_int64(st, 2, group);
    bind_text(st, 3, in_service ? "in_service" : "retired");
    bind_text(st, 4, chance(20000) ? "probationary" : "full");
    bind_date(st, 5, joined);
    if (got < reported) {
      i64 rep = days_from_civil(2019, 1, 1) + (i64)below(5 * 365);
      if (rep < joined) rep = joined;
      bind_date(st, 6, rep);
      sqlite3_bind_int(st, 7, 1);
      g->n_reported++;
    } else {
      sqlite3_bind_int(st, 7, 0);
    }
    step(g, st, "party_members");
    g->res_flags[i] |= 2;
    got++;
  }
  g->n_members = got;
}

/* Volunteer teams, 17,000 volunteers at 1e6 (11,800 party members) and
** their service hours. */
static void gen_volunteers(Gen *g) {
  static const char *const TEAM[][2] = {
    {"党员义工服务队", "party"}, {"志愿巡逻队", "patrol"}, {"邻里守望帮扶队", "aid"},
    {"文明劝导队", "environment"}, {"文体服务队", "culture"},
  };
  i64 team_id = 1;
  i64 *team_first = xalloc(sizeof(i64) * (size_t)g->n_comm);
  for (int c = 0; c < g->n_comm; c++) {
    team_first[c] = team_id;
    for (int t = 0; t < 5; t++) {
      sqlite3_bind_int64(g->ins_team, 1, team_id++);
      sqlite3_bind_int64(g->ins_team, 2, g->comm_area[c]);
      bind_text(g->ins_team, 3, TEAM[t][0]);
      bind_text(g->ins_team, 4, TEAM[t][1]);
      bind_date(g->ins_team, 5, days_from_civil(2008 + t, 3, 5));
      step(g, g->ins_team, "volunteer_teams");
    }
  }
  i64 n = g->next_resident - 1;
  i64 want = 17000 * g->n_residents / 1000000, want_members = 11800 * g->n_residents / 1000000;
  if (want_members > g->n_members) want_members = g->n_members;
  i64 got = 0, got_members = 0, tries = 0, vid = 1;
  while (got < want && tries < 100 * want + 1000) {
    tries++;
    i64 i = (i64)below((u64)n);
    uint8_t f = g->res_flags[i];
    if (!(f & 1) || (f & 4)) continue;
    int member = (f & 2) != 0;
    if (member && got_members >= want_members) continue;
    if (!member && got - got_members >= want - want_members) continue;
    i64 age = (DAY_2023_12_31 - g->res_birth[i]) / 365;
    if (age < 16) continue;
    int comm = g->res_comm[i];
    int t = member ? 0 : 1 + (int)below(4);
    i64 joined = days_from_civil(2012, 1, 1) + (i64)below(11 * 365);
    if (joined < g->res_birth[i] + 16 * 365) joined = g->res_birth[i] + 16 * 365;
    sqlite3_bind_int64(g->ins_volunteer, 1, vid++);
    sqlite3_bind_int64(g->ins_volunteer, 2, i + 1);
    sqlite3_bind_int64(g->ins_volunteer, 3, team_first[comm] + t);
    bind_date(g->ins_volunteer, 4, joined);
    step(g, g->ins_volunteer, "volunteers");
    /* Sessions: most volunteers a few a year, a few every week. */
    i64 span = DAY_2023_12_31 - joined;
    u64 tier = below(100);
    i64 sessions = tier < 3 ? 200 + (i64)below(400) : tier < 13 ? 40 + (i64)below(110) : (i64)below(25);
    if (sessions > span / 3) sessions = span / 3;
    for (i64 s = 0; s < sessions; s++) {
      sqlite3_bind_int64(g->ins_hours, 1, i + 1);
      sqlite3_bind_int64(g->ins_hours, 2, team_first[comm] + t);
      bind_date(g->ins_hours, 3, joined + s * span / (sessions ? sessions : 1));
      sqlite3_bind_double(g->ins_hours, 4, 1.0 + 0.5 * (double)below(7));
      step(g, g->ins_hours, "volunteer_hours");
      g->n_hours++;
    }
    g->res_flags[i] |= 4;
    got++;
    got_members += member;
  }
  g->n_volunteers = got;
  g->n_vol_members = got_members;
  sqlite3_free(team_first);
}

/* Community staff: the four kinds of seed 000, 10–16 per community. */
static void gen_staff(Gen *g) {
  static const char *const CAT[] = {"fiscal_salary", "fiscal_subsidy", "public_welfare", "graduate_trainee"};
  static const char *const ROLE[] = {"党组织书记", "居委会主任", "网格员", "专干"};
  char name[64];
  for (int c = 0; c < g->n_comm; c++) {
    int n = 10 + (int)below(7);
    for (int k = 0; k < n; k++) {
      int cat = k < 2 ? 0 : (int)below(4);
      make_name(name, sizeof name, chance(450000), 0);
      sqlite3_bind_int64(g->ins_staff, 1, g->comm_area[c]);
      bind_text(g->ins_staff, 2, name);
      bind_text(g->ins_staff, 3, CAT[cat]);
      bind_text(g->ins_staff, 4, ROLE[k < 2 ? k : 2 + (int)below(2)]);
      bind_date(g->ins_staff, 5, days_from_civil(2012, 1, 1) + (i64)below(11 * 365));
      step(g, g->ins_staff, "staff");
    }
  }
}

static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return 0;
  sqlite3_str *s = sqlite3_str_new(0);
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) sqlite3_str_append(s, buf, (int)n);
  int err = ferror(f);
  fclose(f);
  char *text = sqlite3_str_finish(s);
  if (err || !text) {
    sqlite3_free(text);
    return 0;
  }
  return text;
}

static void usage(int rc) {
  fprintf(rc ? stderr : stdout,
          "usage: generate [--residents N] [--seed S] [-o FILE] [--schema FILE] [--force]\n"
          "  N from 10000 to 10000000 (default 100000); S any unsigned integer (default 1)\n");
  exit(rc);
}

static int parse_u64(const char *s, u64 *out) {
  char *end = 0;
  errno = 0;
  if (!s || !*s || *s == '-') return 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || *end) {
    /* allow 1e6-style counts */
    double d = strtod(s, &end);
    if (*end || d < 0 || d > 1e15 || d != (double)(u64)d) return 0;
    v = (unsigned long long)d;
  }
  *out = (u64)v;
  return 1;
}

int main(int argc, char **argv) {
  u64 n_res = 100000, seed = 1;
  const char *out = "city.db", *schema = 0;
  int force = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--residents") && i + 1 < argc) {
      if (!parse_u64(argv[++i], &n_res) || n_res < 10000 || n_res > 10000000) {
        fprintf(stderr, "generate: --residents must be from 10000 to 10000000, got '%s'\n", argv[i]);
        return 2;
      }
    } else if (!strcmp(a, "--seed") && i + 1 < argc) {
      if (!parse_u64(argv[++i], &seed)) {
        fprintf(stderr, "generate: --seed must be an unsigned integer, got '%s'\n", argv[i]);
        return 2;
      }
    } else if (!strcmp(a, "-o") && i + 1 < argc) {
      out = argv[++i];
    } else if (!strcmp(a, "--schema") && i + 1 < argc) {
      schema = argv[++i];
    } else if (!strcmp(a, "--force")) {
      force = 1;
    } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      usage(0);
    } else {
      fprintf(stderr, "generate: unknown argument '%s'\n", a);
      usage(2);
    }
  }

  char *schema_sql = 0;
  if (schema) {
    schema_sql = read_file(schema);
  } else {
    schema_sql = read_file("sql/schema.sql");
    if (!schema_sql) {
      /* beside the binary: build/generate → ../sql/schema.sql */
      char *path = sqlite3_mprintf("%s", argv[0]);
      char *slash = path ? strrchr(path, '/') : 0;
      if (slash) {
        *slash = 0;
        char *p2 = sqlite3_mprintf("%s/../sql/schema.sql", path);
        if (p2) schema_sql = read_file(p2);
        sqlite3_free(p2);
      }
      sqlite3_free(path);
    }
    schema = "sql/schema.sql";
  }
  if (!schema_sql) {
    fprintf(stderr, "generate: cannot read the schema %s (give --schema FILE)\n", schema);
    return 2;
  }
  struct stat stt;
  if (stat(out, &stt) == 0) {
    if (!force) {
      fprintf(stderr, "generate: %s exists; remove it or give --force\n", out);
      return 2;
    }
    if (unlink(out) != 0) {
      fprintf(stderr, "generate: cannot remove %s: %s\n", out, strerror(errno));
      return 3;
    }
  }

  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  Gen g0, *g = &g0;
  memset(g, 0, sizeof *g);
  rng_state = seed * 0xD1B54A32D192ED03ull + 0x2545F4914F6CDD1Dull;
  g->n_residents = (i64)n_res;
  g->next_area = g->next_household = g->next_resident = 1;
  g->n_comm = 183;
  g->comm_area = xalloc(sizeof(i64) * 183);
  g->comm_pop = xalloc(sizeof(i64) * 183);
  g->comm_district = xalloc(sizeof(int) * 183);
  g->comm_rank = xalloc(sizeof(int) * 183);
  g->cap_res = (i64)n_res + n_res / 8 + 1024;
  g->res_birth = xalloc(sizeof(int32_t) * (size_t)g->cap_res);
  g->res_comm = xalloc(sizeof(uint16_t) * (size_t)g->cap_res);
  g->res_flags = xalloc((size_t)g->cap_res);

  if (sqlite3_open_v2(out, &g->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, 0) != SQLITE_OK)
    die_db(g, out);
  /* A generated file can be generated again: no journal, no fsync. */
  exec(g, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;"
          "PRAGMA locking_mode=EXCLUSIVE; PRAGMA temp_store=MEMORY");
  exec(g, schema_sql);
  sqlite3_free(schema_sql);
  exec(g, "PRAGMA foreign_keys=OFF");
  exec(g, "BEGIN");
  g->ins_area = prep(g, "INSERT INTO areas(id, parent_id, level, code, name) VALUES (?1, ?2, ?3, ?4, ?5)");
  g->set_km2 = prep(g, "UPDATE areas SET area_km2 = ?1 WHERE id = ?2");
  g->ins_household = prep(g, "INSERT INTO households(id, area_id, door_no, established_on) VALUES (?1, ?2, ?3, ?4)");
  g->ins_resident = prep(g,
    "INSERT INTO residents(id, id_number, name, sex, birth_date, ethnic_code, ethnic_raw, phone,"
    " household_id, relation, area_id, registration, low_income, key_person, moved_in, moved_out, died_on)"
    " VALUES (?1, coalesce(?2, (SELECT id_number FROM residents WHERE id = ?18)), ?3, ?4, ?5, ?6, ?7, ?8,"
    " ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
  g->ins_org = prep(g, "INSERT INTO party_orgs(id, parent_id, kind, name, area_id) VALUES (?1, ?2, ?3, ?4, ?5)");
  g->ins_zone = prep(g, "INSERT INTO responsibility_zones(id, org_id, name) VALUES (?1, ?2, ?3)");
  g->ins_member = prep(g,
    "INSERT INTO party_members(resident_id, org_id, status, membership, joined_on, reported_on, receipt_card)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  g->ins_team = prep(g, "INSERT INTO volunteer_teams(id, area_id, name, kind, founded_on) VALUES (?1, ?2, ?3, ?4, ?5)");
  g->ins_volunteer = prep(g, "INSERT INTO volunteers(id, resident_id, team_id, joined_on) VALUES (?1, ?2, ?3, ?4)");
  g->ins_hours = prep(g, "INSERT INTO volunteer_hours(resident_id, team_id, served_on, hours) VALUES (?1, ?2, ?3, ?4)");
  g->ins_staff = prep(g, "INSERT INTO staff(area_id, name, category, role, from_date) VALUES (?1, ?2, ?3, ?4, ?5)");

  gen_areas_and_people(g);
  gen_party(g);
  gen_volunteers(g);
  gen_staff(g);

  sqlite3_stmt *all[] = {g->ins_area, g->ins_household, g->ins_resident, g->ins_org, g->ins_zone,
                         g->ins_member, g->ins_team, g->ins_volunteer, g->ins_hours, g->ins_staff,
                         g->set_km2};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) sqlite3_finalize(all[i]);
  exec(g, "INSERT INTO muling_meta(key, value) VALUES ('generated_by', 'samples/generate')");
  exec(g, "COMMIT");
  if (sqlite3_close(g->db) != SQLITE_OK) die_db(g, "close");
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  fprintf(stderr,
          "generate: %s: %lld residents (+%lld history, %lld dirty rows), %lld households"
          " (%lld empty), %lld buildings, 183 communities; %lld party groups, %lld members"
          " (%lld reported); %lld volunteers (%lld party members), %lld hour rows; seed %llu; %.2f s\n",
          out, (long long)g->n_residents, (long long)g->n_history, (long long)g->n_dirty,
          (long long)g->n_households, (long long)g->n_empty_households, (long long)g->n_buildings,
          (long long)g->n_groups, (long long)g->n_members, (long long)g->n_reported,
          (long long)g->n_volunteers, (long long)g->n_vol_members, (long long)g->n_hours,
          (unsigned long long)seed, secs);
  sqlite3_free(g->comm_area);
  sqlite3_free(g->comm_pop);
  sqlite3_free(g->comm_district);
  sqlite3_free(g->comm_rank);
  sqlite3_free(g->res_birth);
  sqlite3_free(g->res_comm);
  sqlite3_free(g->res_flags);
  sqlite3_free(g->group_first);
  sqlite3_free(g->group_count);
  sqlite3_free(g->group_ids);
  return 0;
}
