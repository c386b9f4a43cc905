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
** The city (a prefecture-level city of Jiangxi, region codes 3608xx), every
** table of the schema filled in proportion to N; seed 004's figures come
** out at N = 1,000,000 and scale linearly.  docs/samples.md lists every
** rate and the seed it comes from.
**   area tree  city → 3 districts → 15 streets → 183 communities → grids
**              → compounds → buildings (~90 residents a building)
**   people     households of 1–6; 8 % floating, ~1.2 % of households on
**              低保; history rows; ID numbers from 107 GB/T 2260 counties,
**              never colliding except where planted
**   party      a community's top org follows its own full members (党委
**              >= 100, 党总支 50–99, 党支部 below): 14/13/245/1,512 at 1e6;
**              30,500 reported in-service members with feedback sheets and
**              17,000 volunteers (11,800 members) at 1e6
**   life       睦邻点 sessions and attendance, meetings on each org's cadence
**              (3 % missed), 邻里节, honours, councils and issues in every
**              stage, 微心愿, the hardship ledger (three classes, pairings,
**              visits), 八到家, red posts with pools, leave and a committed
**              2023 rota, two points schemes a community with a year of
**              events (some reversed), lanes, rented rooms, organisations
** About 2 % dirty rows, as real registers have, for `muling check`:
**   bad ID check characters, ID/birth-date and ID/sex disagreements,
**   duplicated ID numbers (double registrations), ethnic spellings that did
**   not map (ethnic_code NULL, the spelling in ethnic_raw), traditional-
**   character names, malformed phone numbers, households without members.
**
** Fast: one transaction, prepared statements reused, journal off.  Prints
** counts and the time, the planted ID faults and the peak memory to
** stderr.  Links -lsqlite3 only.
*/
#include <errno.h>
#include <stdarg.h>
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
/* Birthplaces: GB/T 2260 county codes.  An ID number keeps the code of the
** place where it was first issued, so a real city's register mixes its own
** counties, the rest of its province and the country.  Codes 3624xx are
** the 吉安地区 of before 2000, still on the cards of people born then. */
static const char *const REGION_CITY[] = {
  "360802", "360803", "360821", "360822", "360823", "360824", "360825",
  "360826", "360827", "360828", "360829", "360830", "360881",
  "362401", "362421", "362422",
};
#define N_REGION_CITY (sizeof REGION_CITY / sizeof REGION_CITY[0])
static const char *const REGION_PROVINCE[] = {
  "360102", "360103", "360104", "360111", "360112", "360121", "360123", "360124",
  "360202", "360203", "360222", "360281", "360302", "360313", "360321", "360322",
  "360402", "360403", "360423", "360424", "360425", "360428", "360481", "360502",
  "360521", "360602", "360681", "360702", "360703", "360722", "360730", "360731",
  "360732", "360781", "360902", "360921", "360981", "360982", "360983", "361002",
  "361021", "361024", "361102", "361123", "361127", "361128", "361181",
};
#define N_REGION_PROVINCE (sizeof REGION_PROVINCE / sizeof REGION_PROVINCE[0])
static const char *const REGION_COUNTRY[] = {
  "110101", "110105", "110108", "120101", "130102", "140105", "210102", "220102",
  "230102", "310101", "310104", "310115", "320102", "320106", "330102", "330106",
  "340102", "340104", "350102", "350203", "370102", "410102", "420102", "420106",
  "430102", "430104", "430602", "440103", "440104", "440106", "440304", "440305",
  "450102", "460105", "500103", "510104", "510107", "520102", "530102", "610113",
  "620102", "640104", "650102", "650103",
};
#define N_REGION_COUNTRY (sizeof REGION_COUNTRY / sizeof REGION_COUNTRY[0])
#define N_REGION (N_REGION_CITY + N_REGION_PROVINCE + N_REGION_COUNTRY)
static const char *region_code(int idx) {
  if (idx < (int)N_REGION_CITY) return REGION_CITY[idx];
  idx -= (int)N_REGION_CITY;
  if (idx < (int)N_REGION_PROVINCE) return REGION_PROVINCE[idx];
  return REGION_COUNTRY[idx - (int)N_REGION_PROVINCE];
}
/* Birth days an ID can carry: 1890-01-01 .. 2023-12-31. */
#define ID_DAY_MIN (-29219) /* days_from_civil(1890, 1, 1) */
#define ID_DAYS (19722 - ID_DAY_MIN + 1)

/* ---- The generator ------------------------------------------------------ */
typedef struct Vec { /* a growable list of integers */
  i64 *v;
  i64 n, cap;
} Vec;

typedef struct Acts {
  sqlite3_stmt *act, *att;
  i64 next_act;
} Acts;

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
  i64 cap_res, cap_hh;
  int32_t *res_birth;  /* days since epoch */
  uint16_t *res_comm;  /* community index */
  uint8_t *res_flags;  /* bit 0 current, 1 party member, 2 volunteer, 3 in a duty pool, 4 male */
  uint16_t *id_used;   /* ID sequences used per (region, birth day, sex) */
  i64 *comm_res_lo, *comm_res_hi; /* resident ids of a community, history included */
  i64 *comm_hh_lo, *comm_hh_hi;   /* household ids of a community */
  i64 *comm_top_org;   /* the community's top party org */
  i64 *comm_secretary; /* its secretary (a resident), 0 none */
  Vec low_households;  /* (household, head, community) of 低保 households */
  Vec new_households;  /* (household, head, community, day) moved in during 2023 */
  Vec deaths;          /* (household, resident, community, day) died during 2023 */
  Vec key_persons;     /* (household, resident, community) */
  Vec members;         /* (resident, community, kind 0 own / 1 reported / 2 not reported) */
  Vec vols;            /* (resident, community, team) */
  Vec branches;        /* (org, community) of every branch, branch-only tops included */
  Vec points;          /* (activity point, community) */
  int32_t *hh_building; /* household id - 1 → its building */
  i64 *comm_staff_lo, *comm_staff_n; /* staff ids of a community */
  /* party groups per community */
  i64 *group_first, *group_count; /* into group_ids */
  i64 *group_ids;
  i64 n_groups;
  /* prepared statements */
  sqlite3_stmt *ins_area, *ins_household, *ins_resident, *ins_org, *ins_zone, *ins_member,
      *ins_team, *ins_volunteer, *ins_hours, *ins_staff, *set_km2, *ins_head, *set_secretary;
  /* counts for the summary */
  i64 n_households, n_history, n_dirty, n_members, n_reported, n_volunteers, n_vol_members,
      n_hours, n_buildings, n_empty_households, n_orgs, n_own_members, n_staff;
  i64 *team_first;     /* community → its first volunteer team */
  i64 *comm_festival;  /* community → its 2023 邻里节 */
  Acts acts;           /* activities and attendance */
  sqlite3_stmt *ins_event;
  i64 planted_check, planted_birth, planted_sex, planted_dup; /* ID faults, copies included */
  i64 next_event, n_activities, n_attendance, n_cases, n_reversals, n_assignments, n_posts, n_rejects;
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
static void vpush(Vec *v, i64 x) {
  if (v->n == v->cap) {
    i64 cap = v->cap ? v->cap * 2 : 1024;
    i64 *p = sqlite3_realloc64(v->v, (u64)cap * sizeof *p);
    if (!p) {
      fprintf(stderr, "generate: out of memory\n");
      exit(3);
    }
    v->v = p, v->cap = cap;
  }
  v->v[v->n++] = x;
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
  i64 low_from; /* the day the household began to receive 低保 */
} Person;

static const i64 DAY_2023_12_31 = 19722; /* days_from_civil(2023, 12, 31) */
static const i64 DAY_2023_01_01 = 19358; /* days_from_civil(2023, 1, 1) */

/* Where a resident's ID number was issued: registered residents mostly in
** their own district, then the rest of the city (the pre-2000 吉安地区 codes
** for those born before 2000), the province and the country; floating
** residents from the province and the country. */
static int pick_region(Gen *g, int comm, const Person *p) {
  u64 x = below(1000);
  if (!p->floating && x < 700) {
    const char *own = DISTRICT[g->comm_district[comm]].code;
    for (int i = 0; i < (int)N_REGION_CITY; i++)
      if (!strcmp(REGION_CITY[i], own)) return i;
  }
  if (!p->floating && x < 850) {
    int i = (int)below(N_REGION_CITY);
    if (i >= 13 && p->birth >= days_from_civil(2000, 1, 1)) i = (int)below(13);
    return i;
  }
  if ((!p->floating && x < 950) || (p->floating && x < 550))
    return (int)N_REGION_CITY + (int)below(N_REGION_PROVINCE);
  return (int)(N_REGION_CITY + N_REGION_PROVINCE) + (int)below(N_REGION_COUNTRY);
}

/* The 3-digit sequence of an ID number: odd for men, even for women, and
** never the same twice for one region and birth day, so the only duplicate
** numbers are the planted ones.  A counter per (region, day, sex) walks a
** permutation of the 499 sequences; a full one moves to the next region. */
static int id_sequence(Gen *g, int *region, i64 birth, int male) {
  i64 day = birth - ID_DAY_MIN;
  if (day < 0) day = 0;
  if (day >= ID_DAYS) day = ID_DAYS - 1;
  for (;;) {
    uint16_t *used = &g->id_used[((u64)*region * ID_DAYS + (u64)day) * 2 + (male ? 1 : 0)];
    if (*used < 499) {
      int k = (int)(((u64)*used * 7 + (u64)*region * 31 + (u64)day * 17) % 499);
      (*used)++;
      return male ? 2 * k + 1 : 2 * k + 2;
    }
    *region = (*region + 1) % (int)N_REGION;
  }
}

static i64 add_resident(Gen *g, int comm, i64 household, i64 building, const Person *p) {
  i64 id = g->next_resident++;
  sqlite3_stmt *st = g->ins_resident;
  char idn[19], name[64], phone[32];
  int region = pick_region(g, comm, p);
  /* Dirty: ~2 % of rows get one of these (per million). */
  u64 dirt = below(1000000);
  int bad_check = dirt < 6000;
  int trad_name = dirt >= 6000 && dirt < 11000;
  int raw_ethnic = dirt >= 11000 && dirt < 15000;
  int bad_phone = dirt >= 15000 && dirt < 17000;
  int birth_off = dirt >= 17000 && dirt < 18500;
  int sex_off = dirt >= 18500 && dirt < 19500;
  int dup_id = dirt >= 19500 && dirt < 20000 && id > 1 && !p->moved_out && !p->died;
  if (dirt < 20000) g->n_dirty++;
  /* A double registration copies an earlier resident's number, sex and
  ** birth date: the same person twice, with that row's own faults. */
  i64 src = dup_id ? id - 1 - (i64)below((u64)(id - 1 < 1000 ? id - 1 : 1000)) : 0;
  uint8_t faults = (uint8_t)((bad_check ? 32 : 0) | (birth_off ? 64 : 0) | (sex_off ? 128 : 0));
  int male = p->male;
  i64 birth = p->birth;
  if (src) {
    faults = g->res_flags[src - 1] & 0xE0;
    male = (g->res_flags[src - 1] & 16) != 0;
    birth = g->res_birth[src - 1];
    g->planted_dup++;
  }
  g->planted_check += (faults & 32) != 0;
  g->planted_birth += (faults & 64) != 0;
  g->planted_sex += (faults & 128) != 0;

  int seq = id_sequence(g, &region, p->birth, p->male);
  make_id(idn, region_code(region), p->birth, seq, bad_check);
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
  sqlite3_bind_int64(st, 18, src);
  if (p->low_income) bind_date(st, 19, p->low_from);
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
  g->res_birth[id - 1] = (int32_t)birth;
  g->res_comm[id - 1] = (uint16_t)comm;
  g->res_flags[id - 1] = (uint8_t)(((!p->moved_out && !p->died) ? 1 : 0) | (male ? 16 : 0) | faults);
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
  /* 低保 since 2010-2022, or (1 in 10) since a day of 2023 */
  i64 low_from = !low ? 0 : chance(100000) ? DAY_2023_01_01 + (i64)below(330)
                                           : days_from_civil(2010, 1, 1) + (i64)below(13 * 365);
  i64 head_birth = days_from_civil(1935, 1, 1) + (i64)below(66 * 365);
  i64 moved_in = head_birth + 20 * 365 + (i64)below(40 * 365);
  if (moved_in > DAY_2023_12_31 - 30) moved_in = DAY_2023_12_31 - 30 - (i64)below(2000);
  if (moved_in < head_birth + 18 * 365) moved_in = head_birth + 18 * 365;
  if (hid - 1 >= g->cap_hh) {
    i64 cap = g->cap_hh ? g->cap_hh * 2 : 4096;
    int32_t *b = sqlite3_realloc64(g->hh_building, (u64)cap * sizeof *b);
    if (!b) {
      fprintf(stderr, "generate: out of memory\n");
      exit(3);
    }
    g->hh_building = b, g->cap_hh = cap;
  }
  g->hh_building[hid - 1] = (int32_t)building;
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
                 .relation = "head", .floating = floating, .low_income = low, .low_from = low_from,
                 .key_person = 0};
  i64 head_id = add_resident(g, comm, hid, building, &head);
  if (low) {
    vpush(&g->low_households, hid), vpush(&g->low_households, head_id), vpush(&g->low_households, comm);
    vpush(&g->low_households, low_from);
  }
  if (moved_in >= DAY_2023_01_01) {
    vpush(&g->new_households, hid), vpush(&g->new_households, head_id);
    vpush(&g->new_households, comm), vpush(&g->new_households, moved_in);
  }
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
    p.low_from = low_from;
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
    i64 rid = add_resident(g, comm, hid, building, &p);
    if (p.died >= DAY_2023_01_01) {
      vpush(&g->deaths, hid), vpush(&g->deaths, rid), vpush(&g->deaths, comm), vpush(&g->deaths, p.died);
    }
    g->n_history++;
  }
  return added;
}

static void add_head(Gen *g, i64 area, i64 resident, const char *role) {
  sqlite3_bind_int64(g->ins_head, 1, area);
  sqlite3_bind_int64(g->ins_head, 2, resident);
  bind_text(g->ins_head, 3, role);
  bind_date(g->ins_head, 4, days_from_civil(2015, 1, 1) + (i64)below(8 * 365));
  step(g, g->ins_head, "area_heads");
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
        g->comm_res_lo[comm] = g->next_resident;
        g->comm_hh_lo[comm] = g->next_household;
        int grids = 3 + (int)below(5);
        int compounds = 2 + (int)below(4);
        i64 pop = g->comm_pop[comm];
        i64 cells = (i64)grids * compounds;
        i64 per_compound = pop / cells, extra = pop % cells;
        for (int gi = 0; gi < grids; gi++) {
          snprintf(code, sizeof code, "%s-%02d", ccode, gi + 1);
          snprintf(name, sizeof name, "第%d网格", gi + 1);
          i64 grid = add_area(g, cid, "grid", code, name);
          i64 grid_head = 0;
          for (int ki = 0; ki < compounds; ki++) {
            i64 quota = per_compound + ((i64)gi * compounds + ki < extra);
            snprintf(code, sizeof code, "%s-%02d-%02d", ccode, gi + 1, ki + 1);
            snprintf(name, sizeof name, "%s%d号小区", COMMUNITY_WORD[comm % 37], gi * compounds + ki + 1);
            i64 compound = add_area(g, grid, "compound", code, name);
            i64 compound_head = 0;
            i64 nb = quota / 90 + 1;
            i64 per_b = quota / nb, extra_b = quota % nb;
            for (i64 bi = 0; bi < nb; bi++) {
              i64 bq = per_b + (bi < extra_b);
              char bcode[160];
              snprintf(bcode, sizeof bcode, "%s-%02lld", code, (long long)bi + 1);
              snprintf(name, sizeof name, "%lld栋", (long long)bi + 1);
              i64 building = add_area(g, compound, "building", bcode, name);
              g->n_buildings++;
              i64 first_res = g->next_resident;
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
              /* 楼栋长 / 小区长 / 网格长 (seed 000's rota of building heads):
              ** the first adult living in the building. */
              for (i64 r = first_res; r < g->next_resident; r++) {
                if (!(g->res_flags[r - 1] & 1) || DAY_2023_12_31 - g->res_birth[r - 1] < 25 * 365) continue;
                add_head(g, building, r, "building_head");
                if (!compound_head) add_head(g, compound, compound_head = r, "compound_head");
                if (!grid_head) add_head(g, grid, grid_head = r, "grid_head");
                break;
              }
            }
          }
        }
        g->comm_res_hi[comm] = g->next_resident - 1;
        g->comm_hh_hi[comm] = g->next_household - 1;
      }
    }
  }
}

/* One party member; kind 0 the community's own (retired or other: the
** organisational relationship is here), 1 in service and reported (双报到),
** 2 in service, not (yet) reported. */
static void add_member(Gen *g, i64 i, int comm, int kind) {
  i64 age = (DAY_2023_12_31 - g->res_birth[i]) / 365;
  i64 group = g->group_ids[g->group_first[comm] + (i64)below((u64)g->group_count[comm])];
  i64 joined = g->res_birth[i] + (20 + (i64)below((u64)(age - 19 < 30 ? age - 19 : 30))) * 365;
  if (joined > DAY_2023_12_31 - 60) joined = DAY_2023_12_31 - 60;
  sqlite3_stmt *st = g->ins_member;
  sqlite3_bind_int64(st, 1, i + 1);
  sqlite3_bind_int64(st, 2, group);
  bind_text(st, 3, kind ? "in_service" : chance(900000) ? "retired" : "other");
  /* The own members that decide the org's type are full members. */
  bind_text(st, 4, kind && chance(40000) ? "probationary" : "full");
  bind_date(st, 5, joined);
  if (kind == 1) {
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
  vpush(&g->members, i + 1), vpush(&g->members, comm), vpush(&g->members, kind);
  g->n_members++;
}

/* A current resident of community `comm` aged min_age..max_age without the
** flag bits `avoid`, or -1 (an index, id - 1). */
static i64 pick_req(Gen *g, int comm, int min_age, int max_age, uint8_t avoid, uint8_t require) {
  i64 lo = g->comm_res_lo[comm], n = g->comm_res_hi[comm] - lo + 1;
  if (n <= 0) return -1;
  for (int t = 0; t < 400; t++) {
    i64 i = lo - 1 + (i64)below((u64)n);
    uint8_t f = g->res_flags[i];
    if (!(f & 1) || (f & avoid) || (f & require) != require) continue;
    i64 age = (DAY_2023_12_31 - g->res_birth[i]) / 365;
    if (age < min_age || age > max_age) continue;
    return i;
  }
  return -1;
}

static i64 pick_in(Gen *g, int comm, int min_age, int max_age, uint8_t avoid) {
  return pick_req(g, comm, min_age, max_age, avoid, 0);
}

/* The party tree of seed 004 and its members.  A community's top org
** follows its own full members (seed 004: 党委 where there are enough;
** 党委 >= 100, 党总支 50-99, 党支部 below): at 1e6 residents the 14 most
** populous communities have 100-169, the next 13 have 50-99 and the other
** 156 have 12-49, so the tree is seed 004's 14/13/245/1,512; the counts
** scale with N, and the tree with them.  In-service members (双报到) keep
** their organisational relationship at work (seed 003 counts 144 members
** and 412 reporting in-service members apart) and do not count. */
static void gen_party(Gen *g) {
  char name[160];
  i64 org_id = 1, zone_id = 1;
  g->group_first = xalloc(sizeof(i64) * (size_t)g->n_comm);
  g->group_count = xalloc(sizeof(i64) * (size_t)g->n_comm);
  i64 *own = xalloc(sizeof(i64) * (size_t)g->n_comm);
  i64 max_groups = 0;
  for (int c = 0; c < g->n_comm; c++) {
    int rank = g->comm_rank[c];
    i64 at_1e6 = rank < 14 ? 169 - rank * 69 / 13 + (i64)below(2)
               : rank < 21 ? 99 - (rank - 14) * 24 / 6
               : rank < 27 ? 74 - (rank - 21) * 24 / 5
               : 49 - (rank - 27) * 37 / 155;
    own[c] = at_1e6 * g->n_residents / 1000000;
    max_groups += 4 * 7;
  }
  g->group_ids = xalloc(sizeof(i64) * (size_t)max_groups);
  int branch_serial = 0;
  for (int c = 0; c < g->n_comm; c++) {
    const char *kind = own[c] >= 100 ? "committee" : own[c] >= 50 ? "general_branch" : "branch";
    int branches = own[c] >= 100 ? 4 : own[c] >= 75 ? 3 : own[c] >= 50 ? 2 : 0;
    i64 top = org_id++;
    snprintf(name, sizeof name, "%s%s社区%s", COMMUNITY_WORD[c % 37], COMMUNITY_SUFFIX[c / 37 % 5],
             branches == 4 ? "党委" : branches ? "党总支" : "党支部");
    sqlite3_bind_int64(g->ins_org, 1, top);
    bind_text(g->ins_org, 3, kind);
    bind_text(g->ins_org, 4, name);
    sqlite3_bind_int64(g->ins_org, 5, g->comm_area[c]);
    step(g, g->ins_org, "party_orgs");
    g->comm_top_org[c] = top;
    g->group_first[c] = g->n_groups;
    i64 parents[4];
    int np = 0;
    if (branches == 0) {
      parents[np++] = top;
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
        vpush(&g->branches, id), vpush(&g->branches, c);
      }
    }
    if (branches == 0) vpush(&g->branches, top), vpush(&g->branches, c);
    for (int b = 0; b < np; b++) {
      /* 6 groups a branch, 7 in the first 42 branches: 1,512 over 245. */
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
  g->n_orgs = org_id - 1;

  /* Own members: exactly own[c] in each community (retired from 58). */
  for (int c = 0; c < g->n_comm; c++) {
    i64 got = 0;
    for (int t = 0; got < own[c] && t < 100; t++) {
      i64 i = pick_in(g, c, 58, 120, 2);
      if (i < 0) i = pick_in(g, c, 20, 120, 2);
      if (i < 0) continue;
      add_member(g, i, c, 0);
      if (got == 0) g->comm_secretary[c] = i + 1;
      got++;
      t = 0;
    }
    g->n_own_members += got;
  }
  sqlite3_free(own);

  /* In service: at 1e6 residents 30,500 reported (seed 004: 3万多名在职党员
  ** 报到) and 3,500 not (yet), anywhere in the city, aged 20-58. */
  i64 n = g->next_resident - 1;
  i64 reported = 30500 * g->n_residents / 1000000, unreported = 3500 * g->n_residents / 1000000;
  i64 want = reported + unreported, got = 0, tries = 0;
  while (got < want && tries < 50 * want + 1000) {
    tries++;
    i64 i = (i64)below((u64)n);
    if (!(g->res_flags[i] & 1) || (g->res_flags[i] & 2)) continue;
    i64 age = (DAY_2023_12_31 - g->res_birth[i]) / 365;
    if (age < 20 || age > 58) continue;
    add_member(g, i, g->res_comm[i], got < reported ? 1 : 2);
    got++;
  }
  /* Each top org's secretary: its first own member. */
  for (int c = 0; c < g->n_comm; c++) {
    if (!g->comm_secretary[c]) continue;
    sqlite3_bind_int64(g->set_secretary, 1, g->comm_secretary[c]);
    sqlite3_bind_int64(g->set_secretary, 2, g->comm_top_org[c]);
    step(g, g->set_secretary, "party_orgs.secretary_id");
  }
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
    vpush(&g->vols, i + 1), vpush(&g->vols, comm), vpush(&g->vols, team_first[comm] + t);
    got++;
    got_members += member;
  }
  g->n_volunteers = got;
  g->n_vol_members = got_members;
  g->team_first = team_first;
}

/* Bind and step one row: fmt has one letter a parameter: i integer (i64),
** t text (NULL pointer: NULL), d date (days; NODATE: NULL), f real (double),
** n NULL. */
#define NODATE INT64_MIN
static void row(Gen *g, sqlite3_stmt *st, const char *what, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  for (int i = 1; fmt[i - 1]; i++) {
    switch (fmt[i - 1]) {
      case 'i': sqlite3_bind_int64(st, i, va_arg(ap, i64)); break;
      case 't': bind_text(st, i, va_arg(ap, const char *)); break;
      case 'd': {
        i64 d = va_arg(ap, i64);
        if (d == NODATE) sqlite3_bind_null(st, i);
        else bind_date(st, i, d);
        break;
      }
      case 'f': sqlite3_bind_double(st, i, va_arg(ap, double)); break;
      default: sqlite3_bind_null(st, i); break;
    }
  }
  va_end(ap);
  step(g, st, what);
}

/* rate per `per` residents, scaled to this city: at least 1 when rate > 0,
** the fraction rounded at random. */
static i64 scaled(Gen *g, i64 rate, i64 per) {
  i64 num = rate * g->n_residents;
  i64 n = num / per;
  if ((i64)below((u64)per) < num % per) n++;
  return n < 1 && rate > 0 ? 1 : n;
}

/* The community of a random current resident: places things in proportion
** to population. */
static int random_comm(Gen *g) {
  i64 n = g->next_resident - 1;
  for (;;) {
    i64 i = (i64)below((u64)n);
    if (g->res_flags[i] & 1) return g->res_comm[i];
  }
}

/* A random staff member of the community, 0 if it has none. */
static i64 comm_staff(Gen *g, int c) {
  return g->comm_staff_n[c] ? g->comm_staff_lo[c] + (i64)below((u64)g->comm_staff_n[c]) : 0;
}

/* Community staff: seed 000's 28 for 5,859 residents, by kind 9/3/7/9
** (财政工资 / 财政补贴 / 公益性岗位 / 见习大学生); every community has at
** least its party secretary and its director. */
static void gen_staff(Gen *g) {
  static const char *const CAT[] = {"fiscal_salary", "fiscal_subsidy", "public_welfare", "graduate_trainee"};
  static const int CAT_OF_28[] = {9, 3, 7, 9};
  static const char *const ROLE[] = {"党组织书记", "居委会主任", "网格员", "专干"};
  char name[64];
  i64 id = 1;
  for (int c = 0; c < g->n_comm; c++) {
    i64 pop = g->comm_res_hi[c] - g->comm_res_lo[c] + 1;
    i64 n = (28 * pop + (i64)below(5859)) / 5859;
    if (n < 2) n = 2;
    g->comm_staff_lo[c] = id;
    g->comm_staff_n[c] = n;
    for (i64 k = 0; k < n; k++) {
      int x = (int)below(28), cat = 0;
      while (x >= CAT_OF_28[cat]) x -= CAT_OF_28[cat++];
      if (k < 2) cat = 0;
      make_name(name, sizeof name, chance(450000), 0);
      row(g, g->ins_staff, "staff", "iittttd", id++, g->comm_area[c], (i64)0, name, CAT[cat],
          ROLE[k < 2 ? k : 2 + (int)below(2)], days_from_civil(2012, 1, 1) + (i64)below(11 * 365));
    }
  }
  g->n_staff = id - 1;
}

/* ---- Places: lanes, rented rooms, sites, organisations, outlets --------- */
/* Rates per 5,859 residents are seed 000's 塔城路 (17 lanes, 225 rented
** rooms, 1 religious site, 28 organisations of which 21 co-building);
** outlets follow seed 001 (28, of which 6 re-employment placement bases). */
static void gen_places(Gen *g) {
  sqlite3_stmt *lane = prep(g, "INSERT INTO lanes(community_id, name, length_m) VALUES (?1, ?2, ?3)");
  sqlite3_stmt *room = prep(g,
    "INSERT INTO rented_rooms(area_id, household_id, landlord_id, room_no, tenants, let_from, let_to)"
    " VALUES (?1, ?2, nullif(?3, 0), ?4, ?5, ?6, ?7)");
  sqlite3_stmt *site = prep(g, "INSERT INTO religious_sites(area_id, name, religion, registered_on) VALUES (?1, ?2, ?3, ?4)");
  sqlite3_stmt *org = prep(g,
    "INSERT INTO organisations(area_id, name, kind, co_building, joined_on) VALUES (?1, ?2, ?3, ?4, ?5)");
  sqlite3_stmt *outlet = prep(g, "INSERT INTO service_outlets(area_id, name, kind, opened_on) VALUES (?1, ?2, ?3, ?4)");
  char name[128];
  int *lanes = xalloc(sizeof(int) * (size_t)g->n_comm);
  for (i64 k = scaled(g, 17, 5859); k > 0; k--) {
    int c = random_comm(g);
    snprintf(name, sizeof name, "%s%d巷", COMMUNITY_WORD[c % 37], ++lanes[c]);
    row(g, lane, "lanes", "itf", g->comm_area[c], name, (double)(80 + below(520)));
  }
  sqlite3_free(lanes);
  for (i64 k = scaled(g, 225, 5859); k > 0; k--) {
    int c = random_comm(g);
    i64 nh = g->comm_hh_hi[c] - g->comm_hh_lo[c] + 1;
    if (nh <= 0) continue;
    i64 hh = g->comm_hh_lo[c] + (i64)below((u64)nh);
    i64 landlord = pick_in(g, c, 30, 90, 0);
    i64 from = days_from_civil(2019, 1, 1) + (i64)below(5 * 365);
    snprintf(name, sizeof name, "%d%02d", 1 + (int)below(18), 1 + (int)below(4));
    row(g, room, "rented_rooms", "iiitidd", (i64)g->hh_building[hh - 1], hh, landlord + 1, name,
        (i64)(1 + below(4)), from, chance(300000) ? from + 180 + (i64)below(500) : NODATE);
  }
  static const char *const RELIGION[][2] = {
    {"佛教", "寺"}, {"道教", "观"}, {"基督教", "堂"}, {"天主教", "堂"}, {"伊斯兰教", "清真寺"},
  };
  for (i64 k = scaled(g, 1, 5859); k > 0; k--) {
    int c = random_comm(g), r = (int)below(5);
    snprintf(name, sizeof name, "%s%s", COMMUNITY_WORD[c % 37], RELIGION[r][1]);
    row(g, site, "religious_sites", "ittd", g->comm_area[c], name, RELIGION[r][0],
        days_from_civil(1990, 1, 1) + (i64)below(30 * 365));
  }
  static const char *const ORG_KIND[] = {"government", "institution", "enterprise", "social", "other"};
  static const char *const ORG_WORD[] = {"局", "中心", "有限公司", "协会", "服务部"};
  for (i64 k = scaled(g, 28, 5859); k > 0; k--) {
    int c = random_comm(g), kind = (int)below(5);
    int co = chance(750000); /* 21 of 28 */
    snprintf(name, sizeof name, "%s%s%s", COMMUNITY_WORD[below(37)], COMMUNITY_WORD[below(37)], ORG_WORD[kind]);
    row(g, org, "organisations", "ittid", g->comm_area[c], name, ORG_KIND[kind], (i64)co,
        co ? days_from_civil(2008, 1, 1) + (i64)below(15 * 365) : NODATE);
  }
  static const struct { const char *kind, *word; int of28; } OUTLET[] = {
    {"convenience", "便民服务点", 19}, {"food_aid", "低保爱心粮油超市", 1}, {"health", "社区卫生服务站", 1},
    {"legal", "法律咨询室", 1}, {"placement_base", "再就业安置基地", 6},
  };
  for (i64 k = scaled(g, 28, 5859); k > 0; k--) {
    int c = random_comm(g), x = (int)below(28), t = 0;
    while (x >= OUTLET[t].of28) x -= OUTLET[t++].of28;
    snprintf(name, sizeof name, "%s%s", COMMUNITY_WORD[c % 37], OUTLET[t].word);
    row(g, outlet, "service_outlets", "ittd", g->comm_area[c], name, OUTLET[t].kind,
        days_from_civil(2005, 1, 1) + (i64)below(18 * 365));
  }
  sqlite3_finalize(lane), sqlite3_finalize(room), sqlite3_finalize(site);
  sqlite3_finalize(org), sqlite3_finalize(outlet);
}

/* 重点人口 (seed 000: 2 for 5,859 residents), adults of any community. */
static void gen_key_persons(Gen *g) {
  sqlite3_stmt *st = prep(g, "UPDATE residents SET key_person = 1 WHERE id = ?1");
  for (i64 k = scaled(g, 2, 5859); k > 0; k--) {
    int c = random_comm(g);
    i64 i = pick_in(g, c, 18, 70, 0);
    if (i < 0) continue;
    row(g, st, "residents.key_person", "i", i + 1);
    vpush(&g->key_persons, 0), vpush(&g->key_persons, i + 1), vpush(&g->key_persons, c);
  }
  sqlite3_finalize(st);
}

/* ---- 社区表现情况反馈单 (seed 004): every reported in-service member, each
** quarter of 2023 after reporting: the community's sheet to the employer,
** and the employer's back for 60 %. */
static void gen_feedback(Gen *g) {
  static const char *const RATING[] = {"excellent", "good", "fair", "poor"};
  static const int RATING_PCT[] = {40, 45, 12, 3};
  sqlite3_stmt *st = prep(g,
    "INSERT INTO member_feedback(resident_id, period, direction, rating, comment, sent_on)"
    " SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE (SELECT reported_on FROM party_members WHERE resident_id = ?1) <= ?2");
  for (i64 k = 0; k < g->members.n; k += 3) {
    if (g->members.v[k + 2] != 1) continue;
    i64 res = g->members.v[k];
    for (int q = 0; q < 4; q++) {
      i64 period = days_from_civil(2023, (unsigned)(1 + 3 * q), 1);
      i64 end = days_from_civil(2023 + (q == 3), (unsigned)(q == 3 ? 1 : 4 + 3 * q), 1) - 1;
      for (int dir = 0; dir < 2; dir++) {
        if (dir == 1 && !chance(600000)) continue;
        int x = (int)below(100), r = 0;
        while (x >= RATING_PCT[r]) x -= RATING_PCT[r++];
        row(g, st, "member_feedback", "idtttd", res, period, dir ? "to_community" : "to_employer",
            RATING[r], (const char *)0, end + 5 + (i64)below(20));
      }
    }
  }
  sqlite3_finalize(st);
}

/* ---- 睦邻点, activities, attendance, meetings, 邻里节, honours ----------- */

static i64 add_activity(Gen *g, Acts *a, const char *kind, const char *title, i64 day, double hours, int c,
                        i64 point, i64 post, i64 meeting, i64 section) {
  i64 id = a->next_act++;
  row(g, a->act, "activities", "ittdfiiiiii", id, kind, title, day, hours, g->comm_area[c], point, post, meeting,
      section, comm_staff(g, c));
  g->n_activities++;
  return id;
}
static void attend(Gen *g, Acts *a, i64 act, i64 res, const char *role) {
  row(g, a->att, "attendance", "iit", act, res, role);
  g->n_attendance += sqlite3_changes(g->db);
}

/* k distinct current residents of community c (aged min_age or more) into
** out; returns how many.  A stride through the community's ids, coprime to
** their count, visits each id once. */
static int distinct_in(Gen *g, int c, int min_age, i64 *out, int k) {
  i64 lo = g->comm_res_lo[c], n = g->comm_res_hi[c] - lo + 1;
  if (n <= 0) return 0;
  i64 stride = 1 + (i64)below((u64)n), off = (i64)below((u64)n);
  while (stride > 1) { /* gcd(stride, n) == 1 */
    i64 a = stride, b = n;
    while (b) { i64 t = a % b; a = b; b = t; }
    if (a == 1) break;
    stride--;
  }
  int got = 0;
  for (i64 j = 0; j < n && got < k; j++) {
    i64 i = lo - 1 + (off + j * stride) % n;
    if (!(g->res_flags[i] & 1) || DAY_2023_12_31 - g->res_birth[i] < (i64)min_age * 365) continue;
    out[got++] = i + 1;
  }
  return got;
}

/* The dates of a cadence in 2023: every `step` days from `first`, or (step
** 0) day `mday` of every `interval`-th month from month `m0` (mday < 0: the
** last Saturday). */
static int cadence(i64 *out, i64 first, int step, int m0, int interval, int mday) {
  int n = 0;
  if (step) {
    for (i64 d = first; d <= DAY_2023_12_31; d += step) out[n++] = d;
    return n;
  }
  for (int m = m0; m <= 12; m += interval) {
    if (mday > 0) {
      out[n++] = days_from_civil(2023, (unsigned)m, (unsigned)mday);
    } else {
      i64 last = days_from_civil(2023 + (m == 12), m == 12 ? 1u : (unsigned)m + 1, 1) - 1;
      /* 1970-01-01 was a Thursday: (d + 4) % 7 is 0 on Sunday, 6 on Saturday */
      while (((last + 4) % 7 + 7) % 7 != 6) last--;
      out[n++] = last;
    }
  }
  return n;
}

static void gen_activities(Gen *g) {
  Acts *Ap = &g->acts;
  Ap->next_act = 1;
  Ap->act = prep(g,
    "INSERT INTO activities(id, kind, title, held_on, hours, area_id, point_id, post_id, meeting_id, section_id,"
    " organiser_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, nullif(?7, 0), nullif(?8, 0), nullif(?9, 0), nullif(?10, 0),"
    " nullif(?11, 0))");
  Ap->att = prep(g, "INSERT OR IGNORE INTO attendance(activity_id, resident_id, role) VALUES (?1, ?2, ?3)");
  sqlite3_stmt *pt = prep(g,
    "INSERT INTO activity_points(id, area_id, name, place, floor_m2, leader_id, contact_id, equipment_yuan, opened_on)"
    " VALUES (?1, ?2, ?3, ?4, ?5, nullif(?6, 0), nullif(?7, 0), ?8, ?9)");
  sqlite3_stmt *mt = prep(g,
    "INSERT INTO meetings(id, kind, name, org_id, area_id, rrule, dtstart) VALUES (?1, ?2, ?3, nullif(?4, 0), ?5, ?6, ?7)");
  sqlite3_stmt *fe = prep(g, "INSERT INTO festivals(id, area_id, name, edition, held_on, theme) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  sqlite3_stmt *fs = prep(g, "INSERT INTO festival_sections(id, festival_id, kind, name) VALUES (?1, ?2, ?3, ?4)");
  sqlite3_stmt *info = prep(g,
    "INSERT INTO info_items(point_id, resident_id, gathered_on, topic, summary, handled_on)"
    " VALUES (nullif(?1, 0), nullif(?2, 0), ?3, ?4, ?5, ?6)");
  sqlite3_stmt *hon = prep(g,
    "INSERT INTO honours(title, level, resident_id, household_id, festival_id, awarded_on)"
    " VALUES (?1, ?2, nullif(?3, 0), nullif(?4, 0), nullif(?5, 0), ?6)");
  char name[160];
  i64 regulars[16], people[4096], dates[400];
  i64 *comm_point = xalloc(sizeof(i64) * (size_t)g->n_comm);

  /* 睦邻点 (seed 000: two for 5,859 residents), each with ~175 sessions a
  ** year (400余次 in all with trainings and publicity) of 1-6 of its dozen
  ** regulars (1,300 person-times). */
  static const struct { const char *name, *kind, *place; } POINT[] = {
    {"老年歌舞", "song_dance", "社区一楼活动大厅"}, {"手工技能课堂", "handicraft", "居民家中"},
    {"书画", "handicraft", "社区活动室"}, {"健身操", "song_dance", "小区广场"},
  };
  i64 n_points = scaled(g, 2, 5859);
  for (i64 p = 1; p <= n_points; p++) {
    int c = random_comm(g), t = (int)below(4);
    i64 leader = pick_in(g, c, 45, 80, 0);
    snprintf(name, sizeof name, "%s%s睦邻点", COMMUNITY_WORD[c % 37], POINT[t].name);
    row(g, pt, "activity_points", "iittfiifd", p, g->comm_area[c], name, POINT[t].place,
        (double)(30 + below(171)), leader + 1, comm_staff(g, c), (double)(2000 + below(6000)),
        days_from_civil(2012, 1, 1) + (i64)below(10 * 365));
    vpush(&g->points, p), vpush(&g->points, c);
    if (!comm_point[c]) comm_point[c] = p;
    int nr = distinct_in(g, c, 30, regulars, 12);
    if (nr == 0) continue;
    for (int s = 0; s < 175; s++) {
      i64 act = add_activity(g, Ap, POINT[t].kind, POINT[t].name, DAY_2023_01_01 + s * 365 / 175, 2.0, c, p,
                             0, 0, 0);
      int k = 1 + (int)below(6), o = (int)below((u64)nr);
      for (int j = 0; j < k && j < nr; j++) attend(g, Ap, act, regulars[(o + j) % nr], "participant");
    }
  }
  /* Trainings (seed 000: 6 with 46 trainees) and publicity (17). */
  for (i64 k = scaled(g, 6, 5859); k > 0; k--) {
    int c = random_comm(g);
    i64 act = add_activity(g, Ap, "training", "手工技能培训", DAY_2023_01_01 + (i64)below(365), 3.0, c,
                           comm_point[c], 0, 0, 0);
    int n = distinct_in(g, c, 18, people, 4 + (int)below(9));
    for (int j = 0; j < n; j++) attend(g, Ap, act, people[j], "trainee");
  }
  for (i64 k = scaled(g, 17, 5859); k > 0; k--) {
    int c = random_comm(g);
    add_activity(g, Ap, "publicity", "政策宣传", DAY_2023_01_01 + (i64)below(365), 2.0, c, comm_point[c], 0, 0, 0);
  }
  /* Information gathered at the points (seed 000: 75). */
  static const char *const TOPIC[] = {"welfare", "safety", "environment", "dispute", "policy", "other"};
  for (i64 k = scaled(g, 75, 5859); k > 0; k--) {
    int c = random_comm(g);
    i64 day = DAY_2023_01_01 + (i64)below(365), res = pick_in(g, c, 18, 100, 0);
    i64 handled = chance(850000) ? day + 1 + (i64)below(20) : NODATE;
    row(g, info, "info_items", "iidttd", comm_point[c], res + 1, day, TOPIC[below(6)], "居民反映", handled);
  }

  /* Standing meetings and their 2023 occurrences (3 % missed): weekly
  ** meeting, monthly committee, half-yearly democratic life, yearly
  ** assembly (seed 001); joint meeting twice a year (seed 004); point
  ** review quarterly (seed 000); council monthly, women's council
  ** quarterly (seed 002).  Every branch has its monthly committee too. */
  static const struct {
    const char *kind, *name, *rrule;
    int m, d, step, interval; /* dtstart 2023-m-d; step days, or interval months */
  } CAD[] = {
    {"weekly", "每周例会", "FREQ=WEEKLY;BYDAY=MO", 1, 2, 7, 0},
    {"committee", "委员会会议", "FREQ=MONTHLY;BYMONTHDAY=5", 1, 5, 0, 1},
    {"democratic_life", "民主生活会", "FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=20", 1, 20, 0, 6},
    {"members_assembly", "党员大会", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15", 3, 15, 0, 12},
    {"joint", "共驻共建联席会议", "FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=10", 4, 10, 0, 6},
    {"council", "协商议事会", "FREQ=MONTHLY;BYMONTHDAY=15", 1, 15, 0, 1},
    {"women_council", "妇女议事会", "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=18", 1, 18, 0, 3},
    {"point_review", "睦邻点例会", "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=25", 1, 25, 0, 3},
  };
  i64 mid = 1;
  for (int c = 0; c < g->n_comm; c++) {
    for (int k = 0; k < 8; k++) {
      /* branch committees below; points' reviews per point */
      if (k == 7) continue;
      i64 org = (k <= 4) ? g->comm_top_org[c] : 0;
      snprintf(name, sizeof name, "%s%s", COMMUNITY_WORD[c % 37], CAD[k].name);
      i64 start = days_from_civil(2023, (unsigned)CAD[k].m, (unsigned)CAD[k].d);
      row(g, mt, "meetings", "ittiitd", mid, CAD[k].kind, name, org, g->comm_area[c], CAD[k].rrule, start);
      int n = cadence(dates, start, CAD[k].step, CAD[k].m, CAD[k].interval, CAD[k].d);
      for (int j = 0; j < n; j++)
        if (!chance(30000)) add_activity(g, Ap, "meeting", CAD[k].name, dates[j], 1.5, c, 0, 0, mid, 0);
      mid++;
    }
  }
  for (i64 b = 0; b < g->branches.n; b += 2) {
    i64 org = g->branches.v[b];
    int c = (int)g->branches.v[b + 1];
    if (org == g->comm_top_org[c]) continue; /* a branch-only community's top has its committee above */
    i64 start = days_from_civil(2023, 1, 5);
    row(g, mt, "meetings", "ittiitd", mid, "committee", "支部委员会", org, g->comm_area[c], CAD[1].rrule, start);
    int n = cadence(dates, start, 0, 1, 1, 5);
    for (int j = 0; j < n; j++)
      if (!chance(30000)) add_activity(g, Ap, "meeting", "支部委员会", dates[j], 1.5, c, 0, 0, mid, 0);
    mid++;
  }
  for (i64 p = 0; p < g->points.n; p += 2) {
    int c = (int)g->points.v[p + 1];
    i64 start = days_from_civil(2023, 1, 25);
    row(g, mt, "meetings", "ittiitd", mid, "point_review", "睦邻点例会", g->comm_top_org[c], g->comm_area[c],
        CAD[7].rrule, start);
    int n = cadence(dates, start, 0, 1, 3, 25);
    for (int j = 0; j < n; j++)
      if (!chance(30000))
        add_activity(g, Ap, "meeting", "睦邻点例会", dates[j], 1.0, c, g->points.v[p], 0, mid, 0);
    mid++;
  }

  /* 邻里节 (seeds 002/003): one edition a community in 2023, five sections,
  ** 1,000 person-times for 5,550 residents (seed 003); 邻里之星 and the
  ** family honours (seed 001: 580 civilised and 60 learning families, 109
  ** model individuals; scaled here to 20/5/3 and 5 stars for 5,859). */
  static const struct { const char *kind, *name; } SECTION[] = {
    {"show", "文艺演出"}, {"volunteering", "志愿服务"}, {"publicity", "公益宣传"},
    {"games", "游艺互动"}, {"flea_market", "跳蚤市场"},
  };
  g->comm_festival = xalloc(sizeof(i64) * (size_t)g->n_comm);
  i64 sid = 1;
  for (int c = 0; c < g->n_comm; c++) {
    int edition = 1 + (int)below(14);
    i64 day = days_from_civil(2023, 9, 16) + (i64)below(30);
    snprintf(name, sizeof name, "%s社区第%d届邻里节", COMMUNITY_WORD[c % 37], edition);
    row(g, fe, "festivals", "iitidt", (i64)(c + 1), g->comm_area[c], name, (i64)edition, day, "邻里一家亲");
    g->comm_festival[c] = c + 1;
    i64 pop = g->comm_res_hi[c] - g->comm_res_lo[c] + 1;
    i64 per_section = pop * 1000 / 5550 / 5;
    if (per_section > 4096) per_section = 4096;
    for (int k = 0; k < 5; k++) {
      row(g, fs, "festival_sections", "iitt", sid, (i64)(c + 1), SECTION[k].kind, SECTION[k].name);
      i64 act = add_activity(g, Ap, "festival_section", SECTION[k].name, day, 3.0, c, 0, 0, 0, sid);
      int n = distinct_in(g, c, 3, people, (int)per_section);
      for (int j = 0; j < n; j++) attend(g, Ap, act, people[j], k == 0 ? "performer" : k == 1 ? "volunteer" : "participant");
      sid++;
    }
  }
  static const struct { const char *title; int per5859, household; } HONOUR[] = {
    {"邻里之星", 5, 0}, {"文明家庭", 20, 1}, {"学习型家庭", 5, 1}, {"先进人物", 3, 0},
  };
  for (int h = 0; h < 4; h++) {
    for (i64 k = scaled(g, HONOUR[h].per5859, 5859); k > 0; k--) {
      int c = random_comm(g);
      i64 res = pick_in(g, c, 18, 100, 0), hh = 0;
      if (HONOUR[h].household) {
        i64 nh = g->comm_hh_hi[c] - g->comm_hh_lo[c] + 1;
        hh = g->comm_hh_lo[c] + (i64)below((u64)nh);
        res = -1;
      } else if (res < 0) {
        continue;
      }
      row(g, hon, "honours", "ttiiid", HONOUR[h].title, chance(900000) ? "community" : "street", res + 1, hh,
          h == 0 ? g->comm_festival[c] : (i64)0, days_from_civil(2023, 10, 1) + (i64)below(60));
    }
  }
  sqlite3_free(comm_point);
  sqlite3_finalize(pt), sqlite3_finalize(mt), sqlite3_finalize(fe);
  sqlite3_finalize(fs), sqlite3_finalize(info), sqlite3_finalize(hon);
}

/* ---- Councils, issues, wishes, the hardship ledger, 八到家 ------------- */
static void gen_governance(Gen *g) {
  sqlite3_stmt *co = prep(g,
    "INSERT INTO councils(id, area_id, name, kind, chair_id, reports_to) VALUES (?1, ?2, ?3, ?4, nullif(?5, 0), nullif(?6, 0))");
  sqlite3_stmt *cm = prep(g,
    "INSERT OR IGNORE INTO council_members(council_id, resident_id, role, from_date) VALUES (?1, ?2, ?3, ?4)");
  sqlite3_stmt *ci = prep(g,
    "INSERT INTO council_issues(council_id, raised_by, title, category, mode, status, raised_on, reviewed_on,"
    " deliberated_on, resolved_on, outcome) VALUES (?1, nullif(?2, 0), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  sqlite3_stmt *wi = prep(g,
    "INSERT INTO micro_wishes(resident_id, wish, raised_on, claimed_by, claimed_on, fulfilled_on, festival_id)"
    " VALUES (?1, ?2, ?3, nullif(?4, 0), ?5, ?6, nullif(?7, 0))");
  sqlite3_stmt *hc = prep(g,
    "INSERT INTO hardship_cases(id, household_id, resident_id, class, reason, assessed_on, paired_cadre, paired_with,"
    " paired_on, status, resolved_on, outcome) VALUES (?1, nullif(?2, 0), ?3, ?4, ?5, ?6, ?7, nullif(?8, 0), ?9, ?10,"
    " ?11, ?12)");
  sqlite3_stmt *hv = prep(g,
    "INSERT INTO home_visits(kind, household_id, resident_id, visited_on, staff_id, note)"
    " VALUES (?1, nullif(?2, 0), nullif(?3, 0), ?4, nullif(?5, 0), ?6)");
  sqlite3_stmt *lw = prep(g, "UPDATE residents SET lost_work_on = ?1 WHERE id = ?2");
  sqlite3_stmt *hs = prep(g, "UPDATE residents SET hospitalised_on = ?1 WHERE id = ?2");
  char name[160];
  i64 people[16];

  /* 协商议事会: the secretary chairs, 10 members (seed 002); a women's
  ** council of 7 reports to it. */
  for (int c = 0; c < g->n_comm; c++) {
    i64 id = 2 * c + 1, chair = g->comm_secretary[c];
    snprintf(name, sizeof name, "%s社区协商议事会", COMMUNITY_WORD[c % 37]);
    row(g, co, "councils", "iittii", id, g->comm_area[c], name, "consultation", chair, (i64)0);
    snprintf(name, sizeof name, "%s社区妇女议事会", COMMUNITY_WORD[c % 37]);
    row(g, co, "councils", "iittii", id + 1, g->comm_area[c], name, "women", (i64)0, id);
    i64 from = days_from_civil(2021, 1, 1) + (i64)below(700);
    if (chair) row(g, cm, "council_members", "iitd", id, chair, "chair", from);
    int n = distinct_in(g, c, 25, people, 10);
    for (int j = 0; j < n; j++) row(g, cm, "council_members", "iitd", id, people[j], "member", from);
    int w = 0;
    for (int t = 0; t < 60 && w < 7; t++) {
      i64 i = pick_in(g, c, 25, 80, 16); /* women: not male */
      if (i < 0) break;
      row(g, cm, "council_members", "iitd", id + 1, i + 1, w ? "member" : "chair", from);
      w++;
    }
  }
  /* Issues (seed 000 sample: 62 a year for 5,859 residents; seed 002: 50+
  ** resolved a year): raised → reviewed → deliberated → resolved, each step
  ** days after the last, so those raised late in 2023 are still on the
  ** way; besides, 4 % withdrawn, 6 % waiting for the review, 7 % reviewed
  ** and 8 % deliberated whatever their date; 15 % of the resolved ones
  ** were settled at the review. */
  static const char *const MODE[] = {"meeting", "walkround", "home", "wechat"};
  static const int MODE_PCT[] = {35, 25, 15, 25};
  static const char *const CATEGORY[][2] = {
    {"dispute", "邻里纠纷调解"}, {"environment", "楼道环境整治"}, {"parking", "小区停车难"},
    {"repair", "老旧管网维修"}, {"noise", "夜间噪音扰民"}, {"pets", "文明养犬"}, {"property", "物业服务不到位"},
  };
  for (i64 k = scaled(g, 62, 5859); k > 0; k--) {
    int c = random_comm(g), x = (int)below(100), m = 0, cat = (int)below(7);
    while (x >= MODE_PCT[m]) x -= MODE_PCT[m++];
    i64 raised = DAY_2023_01_01 + (i64)below(365);
    i64 rev = raised + 1 + (i64)below(14), del = rev + 3 + (i64)below(28), res = del + 1 + (i64)below(30);
    const char *status;
    int stage = (int)below(100);
    if (stage < 4) {
      status = "withdrawn", rev = del = res = NODATE;
    } else if (stage < 10) { /* waiting for the two committees */
      status = "raised", rev = del = res = NODATE;
    } else if (stage < 17 && rev <= DAY_2023_12_31) { /* reviewed, not yet before the council */
      status = "reviewed", del = res = NODATE;
    } else if (res <= DAY_2023_12_31 && stage >= 25) {
      status = "resolved";
      if (chance(150000)) res = rev + (i64)below(5), del = NODATE; /* settled at the review */
    } else if (del <= DAY_2023_12_31) {
      status = "deliberated", res = NODATE;
    } else if (rev <= DAY_2023_12_31) {
      status = "reviewed", del = res = NODATE;
    } else {
      status = "raised", rev = del = res = NODATE;
    }
    i64 who = pick_in(g, c, 18, 100, 0);
    row(g, ci, "council_issues", "iittttddddt", (i64)(2 * c + 1 + chance(100000)), who + 1, CATEGORY[cat][1],
        CATEGORY[cat][0], MODE[m], status, raised, rev, del, res,
        res != NODATE ? "已解决" : (const char *)0);
  }
  /* 微心愿 (seeds 002/003; 20 a year for 5,859): raised by an older or
  ** 低保 resident, claimed by a member or volunteer, fulfilled by the
  ** 邻里节 for most. */
  static const char *const WISH[] = {"一台电风扇", "一套冬衣", "孙子的书包", "一次理发上门", "一个助行器"};
  for (i64 k = scaled(g, 20, 5859); k > 0; k--) {
    int c = random_comm(g);
    i64 who = pick_in(g, c, 60, 110, 0);
    if (who < 0) who = pick_in(g, c, 0, 110, 0);
    if (who < 0) continue;
    i64 raised = DAY_2023_01_01 + (i64)below(300), by = 0, claimed = NODATE, done = NODATE;
    if (chance(850000)) {
      by = pick_req(g, c, 18, 80, 0, 2) + 1;
      if (by == 0) by = pick_req(g, c, 18, 80, 0, 4) + 1;
      if (by > 0) {
        claimed = raised + 1 + (i64)below(20);
        if (chance(900000)) done = claimed + 1 + (i64)below(30);
      }
    }
    row(g, wi, "micro_wishes", "itdiddi", who + 1, WISH[below(5)], raised, by, claimed, done,
        chance(600000) ? g->comm_festival[c] : (i64)0);
  }

  /* 困难群体台账 (seed 004): every 低保 household, and 12 more cases for
  ** 5,859 residents (job loss, illness).  Able and willing → placement
  ** (30 %), able but unskilled → training (20 %), neither → 1+1 pairing
  ** (50 %); 79 % of pairing cases paired (seed 001: 68 of 86), half with a
  ** seconded cadre (seed 004: 120多名机关干部), half with a member living
  ** here; paired cases visited monthly, a tenth of them lapsing. */
  static const char *const CADRE[] = {"市民政局 刘干部", "市人社局 陈干部", "区委组织部 王干部", "市总工会 张干部",
                                      "市妇联 李干部"};
  i64 nlow = g->low_households.n / 4, extra = scaled(g, 12, 5859), case_id = 1;
  i64 *batch = xalloc(sizeof(i64) * (size_t)g->n_comm * 4);
  for (i64 k = 0; k < nlow + extra; k++) {
    i64 hh = 0, res;
    int c;
    const char *reason;
    if (k < nlow) {
      hh = g->low_households.v[4 * k], res = g->low_households.v[4 * k + 1];
      c = (int)g->low_households.v[4 * k + 2];
      if (!(g->res_flags[res - 1] & 1)) continue;
      static const char *const R[] = {"疾病", "残疾", "孤寡", "下岗失业"};
      reason = R[below(4)];
    } else {
      c = random_comm(g);
      res = pick_in(g, c, 30, 60, 0) + 1;
      if (res == 0) continue;
      reason = chance(600000) ? "下岗失业" : "疾病";
    }
    i64 age = (DAY_2023_12_31 - g->res_birth[res - 1]) / 365;
    int x = (int)below(100);
    int cls = age > 60 ? 2 : x < 30 ? 0 : x < 50 ? 1 : 2;
    static const char *const CLASS[] = {"placement", "training", "pairing"};
    i64 assessed = days_from_civil(2022, 1, 1) + (i64)below(730);
    if (cls == 0 || !strcmp(reason, "下岗失业"))
      row(g, lw, "residents.lost_work_on", "di", assessed - (i64)below(10), res);
    const char *cadre = 0, *status = "open", *outcome = 0;
    i64 with = 0, paired = NODATE, resolved = NODATE;
    if (cls == 2) {
      i64 on = assessed + 3 + (i64)below(58);
      if (chance(790000) && on <= DAY_2023_12_31) {
        paired = on;
        status = "in_progress";
        if (chance(500000)) cadre = CADRE[below(5)];
        else with = pick_req(g, c, 25, 75, 0, 2) + 1;
        if (!cadre && !with) cadre = CADRE[below(5)];
        /* visits: monthly from the pairing, some lapse */
        i64 stop = chance(100000) ? paired + 60 + (i64)below(120) : DAY_2023_12_31;
        for (i64 d = paired + 7; d <= stop && d <= DAY_2023_12_31; d += 28 + (i64)below(6))
          row(g, hv, "home_visits", "tiidit", "benefit", hh, res, d, comm_staff(g, c), "结对帮扶走访");
      }
    } else {
      int y = (int)below(100);
      i64 on = assessed + 30 + (i64)below(270);
      if (y < 45 && on <= DAY_2023_12_31) {
        status = chance(900000) ? "resolved" : "closed", resolved = on;
        outcome = cls == 0 ? "安置于再就业安置基地" : "培训后就业";
      } else if (y < 85) {
        status = "in_progress";
      }
      if (cls == 0) {
        row(g, hv, "home_visits", "tiidit", "unemployment", hh, res, assessed + (i64)below(20), comm_staff(g, c),
            "下岗失业安置走访");
      } else {
        /* a re-employment training batch a quarter (seed 001: 12 batches) */
        i64 d = assessed + 10 + (i64)below(60);
        if (d <= DAY_2023_12_31 && d >= DAY_2023_01_01) {
          int q = (int)((d - DAY_2023_01_01) / 92);
          i64 *b = &batch[c * 4 + q];
          if (!*b) {
            i64 held = DAY_2023_01_01 + q * 92 + 45;
            *b = add_activity(g, &g->acts, "job_training", "再就业技能培训", held, 4.0, c, 0, 0, 0, 0);
          }
          attend(g, &g->acts, *b, res, "trainee");
        }
      }
    }
    row(g, hc, "hardship_cases", "iiittdtidtdt", case_id++, hh, res, CLASS[cls], reason, assessed, cadre, with,
        paired, status, resolved, outcome);
  }
  sqlite3_free(batch);
  g->n_cases = case_id - 1;
  /* 八到家 (seed 001): a new household, a death, 低保 benefit each quarter,
  ** key persons' support each quarter, and weddings, hospital stays and
  ** disputes at 35/60/15 a year for 5,859 residents. */
  for (i64 k = 0; k < g->new_households.n; k += 4) {
    i64 d = g->new_households.v[k + 3] + 1 + (i64)below(25);
    if (d <= DAY_2023_12_31)
      row(g, hv, "home_visits", "tiidit", "new_resident", g->new_households.v[k], g->new_households.v[k + 1], d,
          comm_staff(g, (int)g->new_households.v[k + 2]), "新迁居民走访");
  }
  for (i64 k = 0; k < g->deaths.n; k += 4) {
    i64 d = g->deaths.v[k + 3] + 1 + (i64)below(7);
    if (d <= DAY_2023_12_31)
      row(g, hv, "home_visits", "tiidit", "funeral", g->deaths.v[k], g->deaths.v[k + 1], d,
          comm_staff(g, (int)g->deaths.v[k + 2]), "办理丧事慰问");
  }
  for (i64 k = 0; k < g->low_households.n; k += 4) {
    int c = (int)g->low_households.v[k + 2];
    i64 from = g->low_households.v[k + 3];
    for (int q = 0; q < 4; q++) {
      i64 d = DAY_2023_01_01 + q * 91 + (i64)below(20);
      if (d >= from) row(g, hv, "home_visits", "tiidit", "benefit", g->low_households.v[k], (i64)0, d, comm_staff(g, c),
                         "生活保障发放");
    }
    /* 低保 begun in 2023: a visit within 25 days, for 9 in 10 */
    if (from >= DAY_2023_01_01 && chance(900000) && from + 25 <= DAY_2023_12_31)
      row(g, hv, "home_visits", "tiidit", "benefit", g->low_households.v[k], g->low_households.v[k + 1],
          from + 1 + (i64)below(25), comm_staff(g, c), "低保新增走访");
  }
  for (i64 k = 0; k < g->key_persons.n; k += 3)
    for (int q = 0; q < 4; q++)
      row(g, hv, "home_visits", "tiidit", "rehabilitation", g->key_persons.v[k], g->key_persons.v[k + 1],
          DAY_2023_01_01 + q * 91 + (i64)below(20), comm_staff(g, (int)g->key_persons.v[k + 2]), "帮教走访");
  static const struct { const char *kind, *note; int per5859; } VISIT[] = {
    {"wedding", "新婚喜事祝贺", 35}, {"hospital", "有病住院看望", 60}, {"mediation", "家庭纠纷调解", 15},
  };
  for (int v = 0; v < 3; v++)
    for (i64 k = scaled(g, VISIT[v].per5859, 5859); k > 0; k--) {
      int c = random_comm(g);
      i64 res = pick_in(g, c, v == 0 ? 20 : 0, v == 0 ? 40 : 110, 0);
      if (res < 0) continue;
      i64 d = DAY_2023_01_01 + 10 + (i64)below(355);
      /* a hospital stay is recorded; 1 in 20 was not visited */
      if (v == 1) row(g, hs, "residents.hospitalised_on", "di", d - (i64)below(10), res + 1);
      if (v != 1 || chance(950000))
        row(g, hv, "home_visits", "tiidit", VISIT[v].kind, (i64)0, res + 1, d, comm_staff(g, c), VISIT[v].note);
    }
  sqlite3_finalize(lw), sqlite3_finalize(hs);
  sqlite3_finalize(co), sqlite3_finalize(cm), sqlite3_finalize(ci);
  sqlite3_finalize(wi), sqlite3_finalize(hc), sqlite3_finalize(hv);
}

/* ---- Points schemes (DOMAIN.md practice, seed 002's 红色岗位积分) --------
** Two schemes a community: 党员积分 (a year; 基础分 20 deduct-only, 任务分
** <= 70, 奖励分 <= 10; 集中学习 2 points, <= 12 a year; hours at most 2 an
** event; not reporting under 双报到 caps the grade at 基本合格; grades
** 85/65/50) and 红色岗位积分 (a year, 20 % carried over; duty hours,
** absences deducted; 积分超市 redemptions). */
static void gen_scheme_rules(Gen *g) {
  sqlite3_stmt *sc = prep(g,
    "INSERT INTO score_schemes(scheme_id, name, base, period, carry_fraction, score_min, score_max, description)"
    " VALUES (?1, ?2, 0, 'year', ?3, 0, ?4, ?5)");
  sqlite3_stmt *ca = prep(g,
    "INSERT INTO score_categories(scheme_id, category, initial, floor, cap) VALUES (?1, ?2, ?3, ?4, ?5)");
  sqlite3_stmt *ru = prep(g,
    "INSERT INTO score_rules(scheme_id, rule_code, category, points, unit, max_units_per_event, cap_per_period,"
    " veto_grade, description) VALUES (?1, ?2, ?3, ?4, ?5, nullif(?6, 0), nullif(?7, -1), ?8, ?9)");
  sqlite3_stmt *gr = prep(g, "INSERT INTO score_grades(scheme_id, grade, min_score, ordinal) VALUES (?1, ?2, ?3, ?4)");
  sqlite3_stmt *rt = prep(g,
    "INSERT INTO score_reward_tiers(scheme_id, tier, ordinal, max_grade, min_percentile) VALUES (?1, ?2, ?3, ?4, ?5)");
  sqlite3_stmt *rs = prep(g, "INSERT INTO score_rule_sources(scheme_id, rule_code, source) VALUES (?1, ?2, ?3)");
  char name[160];
  for (int c = 0; c < g->n_comm; c++) {
    i64 a = 2 * c + 1, b = a + 1;
    snprintf(name, sizeof name, "%s%s社区党员积分", COMMUNITY_WORD[c % 37], COMMUNITY_SUFFIX[c / 37 % 5]);
    row(g, sc, "score_schemes", "itfft", a, name, 0.0, 100.0, "党员积分制管理");
    row(g, ca, "score_categories", "itfff", a, "基础分", 20.0, 0.0, 20.0);
    row(g, ca, "score_categories", "itfff", a, "任务分", 0.0, 0.0, 70.0);
    row(g, ca, "score_categories", "itfff", a, "奖励分", 0.0, 0.0, 10.0);
    row(g, ru, "score_rules", "ittftfftt", a, "study", "任务分", 2.0, "event", 0.0, 12.0, (const char *)0, "集中学习每次2分,全年累计不超过12分");
    row(g, ru, "score_rules", "ittftfftt", a, "service", "任务分", 5.0, "event", 0.0, -1.0, (const char *)0, "社区服务、主题党日");
    row(g, ru, "score_rules", "ittftfftt", a, "volunteer", "任务分", 2.0, "hour", 2.0, -1.0, (const char *)0, "志愿服务每次最多计2小时");
    row(g, ru, "score_rules", "ittftfftt", a, "absent", "基础分", -2.0, "event", 0.0, -1.0, (const char *)0, "无故缺席扣2分");
    row(g, ru, "score_rules", "ittftfftt", a, "honour", "奖励分", 5.0, "event", 0.0, -1.0, (const char *)0, "获得表彰");
    row(g, ru, "score_rules", "ittftfftt", a, "not_reported", "基础分", 0.0, "event", 0.0, -1.0, "基本合格", "在职党员未到社区报到");
    static const char *const GRADE[] = {"优秀", "合格", "基本合格", "不合格"};
    static const double MIN_A[] = {85, 65, 50, 0}, MIN_B[] = {60, 30, 10, 0};
    for (int k = 0; k < 4; k++) row(g, gr, "score_grades", "itfi", a, GRADE[k], MIN_A[k], (i64)(k + 1));
    snprintf(name, sizeof name, "%s%s社区红色岗位积分", COMMUNITY_WORD[c % 37], COMMUNITY_SUFFIX[c / 37 % 5]);
    row(g, sc, "score_schemes", "itfft", b, name, 0.2, 1000.0, "红色岗位积分,上年20%结转");
    row(g, ca, "score_categories", "itfff", b, "岗位分", 0.0, 0.0, 1000.0);
    row(g, ru, "score_rules", "ittftfftt", b, "duty", "岗位分", 2.0, "event", 0.0, -1.0, (const char *)0, "值班每次2分");
    row(g, ru, "score_rules", "ittftfftt", b, "duty_absent", "岗位分", -3.0, "event", 0.0, -1.0, (const char *)0, "缺岗扣3分");
    for (int k = 0; k < 4; k++) row(g, gr, "score_grades", "itfi", b, GRADE[k], MIN_B[k], (i64)(k + 1));
    /* the reward tiers the points report read before schema 2 */
    for (i64 sch = a; sch <= b; sch++) {
      row(g, rt, "score_reward_tiers", "itiif", sch, "一等奖励", (i64)1, (i64)1, 90.0);
      row(g, rt, "score_reward_tiers", "itiif", sch, "二等奖励", (i64)2, (i64)2, 60.0);
      row(g, rt, "score_reward_tiers", "itiif", sch, "三等奖励", (i64)3, (i64)2, 0.0);
    }
    /* duty points are computed from the served assignments */
    row(g, rs, "score_rule_sources", "itt", b, "duty", "duty_served");
  }
  sqlite3_finalize(rt), sqlite3_finalize(rs);
  sqlite3_finalize(sc), sqlite3_finalize(ca), sqlite3_finalize(ru), sqlite3_finalize(gr);
}

static void score_event_from(Gen *g, i64 scheme, i64 member, const char *rule, i64 day, double qty,
                             i64 assignment) {
  i64 id = g->next_event++;
  char at[32];
  fmt_date(at, day + 1);
  strcat(at, " 18:00:00");
  row(g, g->ins_event, "score_events", "iiitdfitti", id, scheme, member, rule, day, qty, (i64)0, "社区工作人员", at,
      assignment);
  /* 0.5 % are corrected later by a reversing event */
  if (chance(5000) && day + 10 <= DAY_2023_12_31) {
    i64 rid = g->next_event++;
    fmt_date(at, day + 10);
    strcat(at, " 18:00:00");
    row(g, g->ins_event, "score_events", "iiitdfitti", rid, scheme, member, rule, day + 5, qty, id, "社区工作人员", at,
        assignment);
    g->n_reversals++;
  }
}
static void score_event(Gen *g, i64 scheme, i64 member, const char *rule, i64 day, double qty) {
  score_event_from(g, scheme, member, rule, day, qty, 0);
}

/* ---- Red posts and rotas (seeds 000/002/003) ---------------------------
** For 5,859 residents: a daily patrol (1 member leader + 3, seed 002), a
** weekly culture post, a monthly publicity post, the 双报到 service day on
** the last Saturday (seed 003) and a weekly rota at each 睦邻点 (seed 000).
** Pools are disjoint, so nobody has two duties a day; 2023 is committed
** (96 % served, 4 % absent), fairly: the least-loaded eligible person,
** min_gap_days apart, never on leave. */
typedef struct Pooled { i64 person; int leader; int load; i64 last, off_from, off_to; } Pooled;

static void gen_duty(Gen *g) {
  sqlite3_stmt *po = prep(g,
    "INSERT INTO duty_posts(post_id, name, rrule, dtstart, leaders, members, min_gap_days, kind, point_id, area_id)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, nullif(?9, 0), ?10)");
  sqlite3_stmt *pl = prep(g,
    "INSERT INTO duty_pool(post_id, person_id, role, active_from) VALUES (?1, ?2, ?3, ?4)");
  sqlite3_stmt *un = prep(g,
    "INSERT INTO duty_unavailable(person_id, from_date, to_date, reason) VALUES (?1, ?2, ?3, ?4)");
  sqlite3_stmt *as = prep(g,
    "INSERT INTO duty_assignments(post_id, duty_date, slot, role, person_id, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  sqlite3_stmt *sm = prep(g,
    "INSERT OR IGNORE INTO score_members(scheme_id, member_id, from_date) VALUES (?1, ?2, '2023-01-01')");
  sqlite3_stmt *rd = prep(g,
    "INSERT INTO score_redemptions(scheme_id, member_id, points, redeemed_on, item) VALUES (?1, ?2, ?3, ?4, ?5)");
  static const struct {
    const char *name, *rrule, *kind;
    int m, d, step, interval, mday, leaders, members, gap, pool_l, pool_m;
    double hours;
  } POST[] = {
    {"治安巡逻岗", "FREQ=DAILY", "patrol", 1, 1, 1, 0, 0, 1, 3, 3, 5, 14, 2.0},
    {"文化岗", "FREQ=WEEKLY;BYDAY=SA", "culture", 1, 7, 7, 0, 0, 0, 2, 7, 0, 6, 2.0},
    {"宣传岗", "FREQ=MONTHLY;BYMONTHDAY=10", "publicity", 1, 10, 0, 1, 10, 0, 2, 20, 0, 4, 1.0},
    {"双报到服务日", "FREQ=MONTHLY;BYDAY=-1SA", "dual_report", 1, 28, 0, 1, -1, 1, 6, 28, 2, 18, 2.0},
    {"睦邻点轮流值日", "FREQ=WEEKLY;BYDAY=WE", "point_rota", 1, 4, 7, 0, 0, 1, 1, 7, 3, 4, 3.0},
  };
  Pooled pool[64];
  i64 dates[400], post_id = 1;
  char name[160];
  i64 n_red = scaled(g, 1, 5859);
  i64 total = 4 * n_red + g->points.n / 2;
  for (i64 k = 0; k < total; k++) {
    int t = k < 4 * n_red ? (int)(k % 4) : 4;
    int c = t < 4 ? random_comm(g) : (int)g->points.v[2 * (k - 4 * n_red) + 1];
    i64 point = t < 4 ? 0 : g->points.v[2 * (k - 4 * n_red)];
    i64 start = days_from_civil(2023, (unsigned)POST[t].m, (unsigned)POST[t].d);
    snprintf(name, sizeof name, "%s%s", COMMUNITY_WORD[c % 37], POST[t].name);
    row(g, po, "duty_posts", "ittdiiitii", post_id, name, POST[t].rrule, start, (i64)POST[t].leaders,
        (i64)POST[t].members, (i64)POST[t].gap, POST[t].kind, point, g->comm_area[c]);
    /* the pool: leaders are own party members; the 双报到 members are
    ** reported in-service members; others adults of the community */
    int np = 0;
    for (int role = 0; role < 2; role++) {
      int want = role ? POST[t].pool_m : POST[t].pool_l;
      for (int j = 0, tries = 0; j < want && tries < 4 * want + 8; tries++) {
        i64 i = role == 0 ? pick_req(g, c, 25, 80, 8, 2) : pick_in(g, c, 18, 70, 8);
        if (t == 3 && role == 1) {
          i64 m = g->members.n / 3, x = (i64)below((u64)m);
          i = -1;
          for (i64 s = 0; s < 64; s++) { /* a reported member of the community */
            i64 y = (x + s * 7919) % m;
            if (g->members.v[3 * y + 2] == 1 && g->members.v[3 * y + 1] == c &&
                !(g->res_flags[g->members.v[3 * y] - 1] & 8)) {
              i = g->members.v[3 * y] - 1;
              break;
            }
          }
        }
        if (i < 0) continue;
        g->res_flags[i] |= 8;
        Pooled p = {.person = i + 1, .leader = role == 0, .last = NODATE, .off_from = NODATE, .off_to = NODATE};
        i64 from = days_from_civil(2022, 1, 1) + (i64)below(365);
        row(g, pl, "duty_pool", "iitd", post_id, i + 1, role ? "member" : "leader", from);
        if (chance(150000)) { /* a leave in 2023 */
          p.off_from = DAY_2023_01_01 + (i64)below(340), p.off_to = p.off_from + 3 + (i64)below(19);
          row(g, un, "duty_unavailable", "iddt", i + 1, p.off_from, p.off_to, chance(500000) ? "外出探亲" : "生病住院");
        } else if (chance(60000)) { /* or in January 2024, ahead of the draft */
          i64 f = DAY_2023_12_31 + 1 + (i64)below(25);
          row(g, un, "duty_unavailable", "iddt", i + 1, f, f + 2 + (i64)below(10), "外出探亲");
        }
        if (t < 4) row(g, sm, "score_members", "ii", (i64)(2 * c + 2), i + 1);
        pool[np++] = p;
        j++;
      }
    }
    int nd = cadence(dates, start, POST[t].step, POST[t].m, POST[t].interval, POST[t].mday);
    for (int di = 0; di < nd; di++) {
      i64 d = dates[di];
      int slot = 1;
      for (int role = 0; role < 2; role++) {
        int slots = role ? POST[t].members : POST[t].leaders;
        for (int s = 0; s < slots; s++) {
          int best = -1;
          for (int j = 0; j < np; j++) {
            Pooled *p = &pool[j];
            if (p->leader != (role == 0)) continue;
            if (p->off_from != NODATE && d >= p->off_from && d <= p->off_to) continue;
            if (p->last != NODATE && d - p->last < POST[t].gap) continue;
            if (best < 0 || p->load < pool[best].load ||
                (p->load == pool[best].load && p->last < pool[best].last))
              best = j;
          }
          if (best < 0) continue;
          Pooled *p = &pool[best];
          int absent = chance(40000);
          row(g, as, "duty_assignments", "iditit", post_id, d, (i64)slot++, role ? "member" : "leader", p->person,
              absent ? "absent" : "served");
          p->load++, p->last = d;
          g->n_assignments++;
          if (t < 4)
            score_event_from(g, 2 * c + 2, p->person, absent ? "duty_absent" : "duty", d, 1.0,
                             absent ? 0 : sqlite3_last_insert_rowid(g->db));
        }
      }
    }
    for (int j = 0; j < np; j++)
      if (t < 4 && chance(100000))
        row(g, rd, "score_redemptions", "iifdt", (i64)(2 * c + 2), pool[j].person, (double)(5 + below(20)),
            days_from_civil(2023, 12, 1) + (i64)below(30), "积分超市兑换生活用品");
    post_id++;
  }
  g->n_posts = post_id - 1;
  sqlite3_finalize(po), sqlite3_finalize(pl), sqlite3_finalize(un), sqlite3_finalize(as);
  sqlite3_finalize(sm), sqlite3_finalize(rd);
}

/* 党员积分 events of 2023 for every member of a community: 3-8 studies,
** 2-10 services, volunteer hours for volunteers, now and then an absence
** or an honour; unreported in-service members get the veto event. */
static void gen_member_points(Gen *g) {
  sqlite3_stmt *sm = prep(g,
    "INSERT OR IGNORE INTO score_members(scheme_id, member_id, from_date) VALUES (?1, ?2, '2023-01-01')");
  for (i64 k = 0; k < g->members.n; k += 3) {
    i64 res = g->members.v[k];
    int c = (int)g->members.v[k + 1], kind = (int)g->members.v[k + 2];
    i64 scheme = 2 * c + 1;
    row(g, sm, "score_members", "ii", scheme, res);
    int n = 3 + (int)below(6);
    for (int j = 0; j < n; j++) score_event(g, scheme, res, "study", DAY_2023_01_01 + 20 + j * 40 + (i64)below(20), 1.0);
    n = 2 + (int)below(9);
    for (int j = 0; j < n; j++) score_event(g, scheme, res, "service", DAY_2023_01_01 + 10 + j * 35 + (i64)below(20), 1.0);
    if (g->res_flags[res - 1] & 4) {
      n = (int)below(7);
      for (int j = 0; j < n; j++)
        score_event(g, scheme, res, "volunteer", DAY_2023_01_01 + 15 + j * 50 + (i64)below(30), (double)(1 + below(4)));
    }
    if (chance(50000)) score_event(g, scheme, res, "absent", DAY_2023_01_01 + (i64)below(360), 1.0);
    if (chance(30000)) score_event(g, scheme, res, "honour", days_from_civil(2023, 7, 1), 1.0);
    if (kind == 2) score_event(g, scheme, res, "not_reported", days_from_civil(2023, 12, 1), 1.0);
  }
  sqlite3_finalize(sm);
}

/* The register was imported once (import_runs 1): the rows the importer
** refused are kept (about 0.1 % of residents, wrong check characters and
** unknown 民族), and the residents whose sex or birth date is not the one
** their ID number says have the importer's warning (plain SQL reads the
** ID's digits: the generator has no extension). */
static void gen_import_rejects(Gen *g) {
  exec(g, "INSERT INTO import_runs(id, table_name, source, existing, started_at)"
          " VALUES (1, 'residents', 'residents_2023.csv.gz', 'update', '2023-03-01 09:30:00')");
  sqlite3_stmt *st = prep(g,
    "INSERT INTO import_rejects(table_name, source, line, reason, raw, imported_at, run_id)"
    " VALUES ('residents', 'residents_2023.csv.gz', ?1, ?2, ?3, '2023-03-01 09:30:00', 1)");
  i64 n = scaled(g, 1, 1000), line = 1;
  char raw[128], idn[19], nm[64];
  for (i64 k = 0; k < n; k++) {
    line += 1 + (i64)below(2000);
    int id_check = chance(700000);
    i64 birth = days_from_civil(1940, 1, 1) + (i64)below(60 * 365);
    make_id(idn, REGION_CITY[below(13)], birth, 1 + 2 * (int)below(499), id_check);
    make_name(nm, sizeof nm, 1, 0);
    snprintf(raw, sizeof raw, "%s,%s,%s", nm, idn, id_check ? "汉族" : "火星族");
    row(g, st, "import_rejects", "itt", line, id_check ? "id_check" : "ethnic_unknown", raw);
  }
  g->n_rejects = n;
  sqlite3_finalize(st);
  exec(g,
    "INSERT INTO import_warnings(run_id, line, resident_id, kind, detail)"
    " SELECT 1, NULL, id, kind, detail FROM ("
    "  SELECT id, 'sex' AS kind, 'sex differs from the ID number' AS detail FROM residents"
    "   WHERE length(id_number) = 18 AND sex IS NOT NULL"
    "     AND sex <> CASE WHEN substr(id_number, 17, 1) % 2 = 1 THEN 'M' ELSE 'F' END"
    "  UNION ALL"
    "  SELECT id, 'birth_date', 'birth date differs by ' || n || CASE n WHEN 1 THEN ' day' ELSE ' days' END"
    "         || ' from the ID number'"
    "    FROM (SELECT id, CAST(abs(julianday(birth_date) - julianday(d)) AS INTEGER) AS n, d, birth_date"
    "            FROM (SELECT id, birth_date, substr(id_number, 7, 4) || '-' || substr(id_number, 11, 2)"
    "                         || '-' || substr(id_number, 13, 2) AS d FROM residents"
    "                   WHERE length(id_number) = 18 AND birth_date IS NOT NULL))"
    "   WHERE date(d, '+0 days') IS d AND d <> birth_date)"
    " ORDER BY id, kind");
  exec(g,
    "UPDATE import_runs SET"
    " loaded = (SELECT count(*) FROM residents), rejected = (SELECT count(*) FROM import_rejects),"
    " read = (SELECT count(*) FROM residents) + (SELECT count(*) FROM import_rejects),"
    " new = (SELECT count(*) FROM residents), updated = 0, unchanged = 0, skipped = 0, not_in_export = 0,"
    " warned = (SELECT count(*) FROM import_warnings) WHERE id = 1");
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

/* The process's peak resident set (VmHWM), for the benchmark; -1 unknown. */
static long long peak_rss_mb(void) {
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  long long kb = -1;
  if (!f) return -1;
  while (fgets(line, sizeof line, f))
    if (!strncmp(line, "VmHWM:", 6)) kb = atoll(line + 6);
  fclose(f);
  return kb < 0 ? -1 : kb / 1024;
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
  g->id_used = xalloc(sizeof(uint16_t) * N_REGION * ID_DAYS * 2);
  g->comm_res_lo = xalloc(sizeof(i64) * 183);
  g->comm_res_hi = xalloc(sizeof(i64) * 183);
  g->comm_hh_lo = xalloc(sizeof(i64) * 183);
  g->comm_hh_hi = xalloc(sizeof(i64) * 183);
  g->comm_top_org = xalloc(sizeof(i64) * 183);
  g->comm_secretary = xalloc(sizeof(i64) * 183);
  g->comm_staff_lo = xalloc(sizeof(i64) * 183);
  g->comm_staff_n = xalloc(sizeof(i64) * 183);
  g->next_event = 1;

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
    " household_id, relation, area_id, registration, low_income, key_person, moved_in, moved_out, died_on,"
    " low_income_from)"
    " VALUES (?1, coalesce(?2, (SELECT id_number FROM residents WHERE id = ?18)), ?3,"
    " CASE WHEN ?18 THEN (SELECT sex FROM residents WHERE id = ?18) ELSE ?4 END,"
    " CASE WHEN ?18 THEN (SELECT birth_date FROM residents WHERE id = ?18) ELSE ?5 END, ?6, ?7, ?8,"
    " ?9, ?10, ?11, ?12, ?13, ?14,"
    " CASE WHEN ?18 THEN max(?15, (SELECT birth_date FROM residents WHERE id = ?18)) ELSE ?15 END, ?16, ?17, ?19)");
  g->ins_org = prep(g, "INSERT INTO party_orgs(id, parent_id, kind, name, area_id) VALUES (?1, ?2, ?3, ?4, ?5)");
  g->ins_zone = prep(g, "INSERT INTO responsibility_zones(id, org_id, name) VALUES (?1, ?2, ?3)");
  g->ins_member = prep(g,
    "INSERT INTO party_members(resident_id, org_id, status, membership, joined_on, reported_on, receipt_card)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  g->ins_team = prep(g, "INSERT INTO volunteer_teams(id, area_id, name, kind, founded_on) VALUES (?1, ?2, ?3, ?4, ?5)");
  g->ins_volunteer = prep(g, "INSERT INTO volunteers(id, resident_id, team_id, joined_on) VALUES (?1, ?2, ?3, ?4)");
  g->ins_hours = prep(g, "INSERT INTO volunteer_hours(resident_id, team_id, served_on, hours) VALUES (?1, ?2, ?3, ?4)");
  g->ins_staff = prep(g, "INSERT INTO staff(id, area_id, resident_id, name, category, role, from_date)"
                        " VALUES (?1, ?2, nullif(?3, 0), ?4, ?5, ?6, ?7)");

  g->ins_head = prep(g, "INSERT INTO area_heads(area_id, resident_id, role, from_date) VALUES (?1, ?2, ?3, ?4)");
  g->set_secretary = prep(g, "UPDATE party_orgs SET secretary_id = ?1 WHERE id = ?2");
  g->ins_event = prep(g,
    "INSERT INTO score_events(event_id, scheme_id, member_id, rule_code, occurred_on, qty, reverses, recorded_by,"
    " recorded_at, source_table, source_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, nullif(?7, 0), ?8, ?9,"
    " CASE WHEN ?10 THEN 'duty_assignments' END, nullif(?10, 0))");

  gen_areas_and_people(g);
  gen_party(g);
  gen_volunteers(g);
  gen_staff(g);
  gen_places(g);
  gen_key_persons(g);
  gen_feedback(g);
  gen_activities(g);
  gen_governance(g);
  gen_scheme_rules(g);
  gen_duty(g);
  gen_member_points(g);
  gen_import_rejects(g);

  sqlite3_stmt *all[] = {g->ins_area, g->ins_household, g->ins_resident, g->ins_org, g->ins_zone,
                         g->ins_member, g->ins_team, g->ins_volunteer, g->ins_hours, g->ins_staff,
                         g->set_km2, g->ins_head, g->set_secretary, g->ins_event, g->acts.act, g->acts.att};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) sqlite3_finalize(all[i]);
  exec(g, "INSERT INTO muling_meta(key, value) VALUES ('generated_by', 'samples/generate')");
  exec(g, "COMMIT");
  if (sqlite3_close(g->db) != SQLITE_OK) die_db(g, "close");
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  fprintf(stderr,
          "generate: %s: %lld residents (+%lld history, %lld dirty rows), %lld households"
          " (%lld empty), %lld buildings, 183 communities; %lld party groups, %lld members"
          " (%lld reported, %lld own); %lld volunteers (%lld party members), %lld hour rows;"
          " %lld staff, %lld activities (%lld attendance), %lld hardship cases, %lld duty posts"
          " (%lld assignments), %lld score events (%lld reversed); seed %llu; %.2f s\n",
          out, (long long)g->n_residents, (long long)g->n_history, (long long)g->n_dirty,
          (long long)g->n_households, (long long)g->n_empty_households, (long long)g->n_buildings,
          (long long)g->n_groups, (long long)g->n_members, (long long)g->n_reported,
          (long long)g->n_own_members, (long long)g->n_volunteers, (long long)g->n_vol_members,
          (long long)g->n_hours, (long long)g->n_staff, (long long)g->n_activities, (long long)g->n_attendance,
          (long long)g->n_cases, (long long)g->n_posts, (long long)g->n_assignments,
          (long long)(g->next_event - 1), (long long)g->n_reversals, (unsigned long long)seed, secs);
  fprintf(stderr,
          "generate: planted: %lld wrong check characters, %lld birth dates and %lld sexes that disagree"
          " with the ID, %lld duplicated ID numbers (copies carry their source's faults)\n",
          (long long)g->planted_check, (long long)g->planted_birth, (long long)g->planted_sex,
          (long long)g->planted_dup);
  fprintf(stderr, "generate: peak memory %lld MB\n", peak_rss_mb());
  sqlite3_free(g->comm_area);
  sqlite3_free(g->comm_pop);
  sqlite3_free(g->comm_district);
  sqlite3_free(g->comm_rank);
  sqlite3_free(g->res_birth);
  sqlite3_free(g->res_comm);
  sqlite3_free(g->res_flags);
  sqlite3_free(g->id_used);
  sqlite3_free(g->group_first);
  sqlite3_free(g->group_count);
  sqlite3_free(g->group_ids);
  i64 *more[] = {g->comm_res_lo, g->comm_res_hi, g->comm_hh_lo, g->comm_hh_hi, g->comm_top_org,
                 g->comm_secretary, g->comm_staff_lo, g->comm_staff_n, g->team_first, g->comm_festival,
                 g->low_households.v, g->new_households.v, g->deaths.v, g->key_persons.v, g->members.v,
                 g->vols.v, g->branches.v, g->points.v};
  for (size_t i = 0; i < sizeof more / sizeof more[0]; i++) sqlite3_free(more[i]);
  sqlite3_free(g->hh_building);
  return 0;
}
