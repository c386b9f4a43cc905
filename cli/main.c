/*
** main.c — the `muling` command: dispatch, help and version.  The usage
** text of every command lives here, beside the table that dispatches them;
** util.c's cli_usage prints it through the printer main hands over.
**
**   muling help [COMMAND]      what a command does and its options
**   muling --version           muling, SQLite and library versions
**
** Exit statuses: 0 ok, 1 findings or rejected rows, 2 usage, 3 database or
** I/O error.
*/
#include "cli.h"

#include <string.h>

#include "common.h" /* MULING_VERSION */

struct command {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *synopsis;
  const char *help;
};

static const struct command commands[] = {
    {"init", cmd_init, "muling init DB [--sample NAME]",
     "Create the muling schema in DB (a new or empty file), in one\n"
     "transaction.  --sample tachenglu also loads the sample community.\n"
     "A file that is neither empty nor a muling database is refused; on a\n"
     "muling database the schema is left as it is, except that a file of\n"
     "an older schema version (1 or 2) is upgraded to 3 (sql/upgrade.sql).\n"
     "report, check, points and import refuse an older file until then.\n"},
    {"import", cmd_import,
     "muling import DB TABLE FILE [--encoding utf-8|gb18030|gbk]\n"
     "                [--map csv_col=table_col,...] [--delimiter C] [--within AREA]\n"
     "                [--sheet NAME|N] [--existing update|skip|error]",
     "Load FILE (.csv or .csv.gz, first line a header; or an .xlsx or .xls\n"
     "workbook, --sheet choosing the sheet, default the first) into TABLE in one\n"
     "transaction.  Columns go to the table columns of the same name;\n"
     "--map renames them (csv_col=- skips one).  For residents the street\n"
     "office's Chinese headers map by default and every value is checked\n"
     "and normalised.  A row that cannot load goes to import_rejects with\n"
     "its line (a workbook's: the sheet row), the reason and the raw text.  Prints\n"
     "  read N, loaded L, rejected R\n"
     "and exits 1 when R > 0.  Ctrl-C leaves the database as it was.\n"
     "--encoding defaults to utf-8, --delimiter to ','.  For residents,\n"
     "--within AREA (an area id or exact name) limits the building search\n"
     "to that part of the tree; the summary's buildings: line says how\n"
     "many rows found their building.  A resident the database has (the\n"
     "same ID number, else name + birth date + building) is updated with\n"
     "what the file carries (--existing update), left (skip) or rejected\n"
     "(error); the summary counts new, updated, unchanged and the current\n"
     "residents not in this export (listed, never removed).  A row whose\n"
     "sex or birth date disagrees with its ID number loads with a warning\n"
     "(import_warnings).\n"},
    {"report", cmd_report,
     "muling report DB NAME [--format table|csv|json|md|html|xlsx] [-o FILE]\n"
     "                [--param key=value]... [--unmasked] [--bom] [--title TEXT]",
     "Run the report NAME (sql/reports/NAME.sql, compiled in) on DB.\n"
     "--format table (default) aligns columns for a terminal; csv, json and\n"
     "md are for other programs; html is one self-contained page with SVG\n"
     "charts; xlsx is an Excel workbook, one sheet a section (needs -o).\n"
     "--bom starts csv with a UTF-8 byte-order mark for Excel.\n"
     "--title gives the heading instead of the report's own; the page names\n"
     "the database by its file name, never its directories.\n"
     "--param binds :key in the report.  Personal data is masked\n"
     "unless --unmasked is given (recorded in the page).  An unknown NAME\n"
     "lists the reports compiled in.\n"},
    {"check", cmd_check,
     "muling check DB [--as-of DATE] [--area AREA] [--only KEY[,KEY...]] [--all]\n"
     "                [--format table|csv|json|md|html|xlsx] [-o FILE]",
     "Data-quality findings, each with a count and up to five examples.\n"
     "--area (an id or exact name) narrows every finding to the records\n"
     "placed in that area or below it.  --as-of adds the due_ findings:\n"
     "the lines of the due report on that day.  --only runs the named\n"
     "findings, --all shows every row, --format writes them as a report\n"
     "(masked as reports are), to FILE with -o.  Exits 1 when anything is\n"
     "found.\n"},
    {"roster", cmd_roster, "muling roster DB POST FROM TO [--commit]",
     "Draw the duty rota of POST (a duty_posts id or name) from FROM to TO\n"
     "(YYYY-MM-DD, inclusive) and print it as a calendar.  --commit also\n"
     "inserts it into duty_assignments, in one transaction.\n"},
    {"points", cmd_points, "muling points sync DB [--scheme S] [--through DATE]",
     "Write the score_events the records earn (score_rule_sources: served\n"
     "duties, volunteer hours, meeting and activity attendance, 双报到\n"
     "service), each naming its source row, in one transaction\n"
     "(sql/points_sync.sql).  A source row that changed or is gone gets a\n"
     "reversing event; running it again adds nothing.  --scheme: one scheme\n"
     "(id or name; default all); --through: the last day (default today).\n"},
    {"shell", cmd_shell, "muling shell [--create] [SQLITE3-OPTIONS] [DB [SQL ...]]",
     "Start the system sqlite3 shell with the extension loaded so that it\n"
     "survives .open.  sqlite3's options and statements after DB pass\n"
     "through, as in sqlite3 (muling shell c.db \"SELECT 1\" runs and exits).\n"
     "A DB that does not exist is refused unless --create.\n"
     "$MULING_SQLITE3 names another shell, $MULING_EXTENSION another muling.so.\n"},
    {"help", 0, "muling help [COMMAND]", "Show the usage of a command.\n"},
};
#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static const struct command *find_command(const char *name) {
  for (size_t i = 0; i < N_COMMANDS; i++)
    if (strcmp(commands[i].name, name) == 0) return &commands[i];
  return 0;
}

/* Print the synopsis of COMMAND (NULL: all commands) to F. */
static void print_usage(FILE *f, const char *command) {
  const struct command *c = command ? find_command(command) : 0;
  if (c) {
    fprintf(f, "usage: %s\n", c->synopsis);
    return;
  }
  fprintf(f, "usage:\n");
  for (size_t i = 0; i < N_COMMANDS; i++)
    fprintf(f, "  %s\n", commands[i].synopsis);
  fprintf(f, "  muling --version\n");
}

static int cmd_help(int argc, char **argv) {
  if (argc > 3) return cli_usage("help", "too many arguments");
  if (argc == 3) {
    const struct command *c = find_command(argv[2]);
    if (!c) return cli_usage("help", "no command '%s'", argv[2]);
    printf("usage: %s\n\n%s", c->synopsis, c->help);
    return CLI_OK;
  }
  printf("muling %s — community records in SQLite\n\n", MULING_VERSION);
  print_usage(stdout, 0);
  printf("\nmuling help COMMAND tells more.  Exit status: 0 ok, 1 findings or\n"
         "rejected rows, 2 usage error, 3 database or I/O error.\n");
  return CLI_OK;
}

static int cmd_version(void) {
  printf("muling %s (SQLite %s)\n", MULING_VERSION, sqlite3_libversion());
  return CLI_OK;
}

int main(int argc, char **argv) {
#ifdef _WIN32
  if (mu_win_main(&argc, &argv) != SQLITE_OK) return cli_nomem(); /* UTF-8 argv */
#endif
  cli_set_usage_printer(print_usage);
  /* One thread, and no count of memory in use (the command never asks
  ** it): no mutex and no tally around every allocation and every call (an
  ** import makes dozens a row).  A host that initialised SQLite already
  ** (tests/oom_cli.c) keeps its mode: MISUSE then, and nothing to do. */
  if (sqlite3_config(SQLITE_CONFIG_SINGLETHREAD) != SQLITE_OK) {
  }
  if (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK) {
  }
  int arc = sqlite3_auto_extension((void (*)(void))sqlite3_muling_init);
  if (arc != SQLITE_OK) {
    cli_error("cannot register the extension: %s", sqlite3_errstr(arc));
    return CLI_DB;
  }
  if (argc < 2) return cli_usage(0, "no command given");
  const char *name = argv[1];
  if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0 ||
      strcmp(name, "version") == 0)
    return argc == 2 ? cmd_version() : cli_usage(0, "--version takes no arguments");
  if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
    return cmd_help(2, argv);
  const struct command *c = find_command(name);
  if (!c) {
    if (cli_is_option(name)) return cli_usage(0, "unknown option '%s'", name);
    return cli_usage(0, "unknown command '%s'", name);
  }
  if (!c->run) return cmd_help(argc, argv);
  for (int i = 2; i < argc; i++) {
    if (strcmp(argv[i], "--") == 0) break;
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      char *help_argv[] = {argv[0], "help", (char *)c->name, 0};
      return cmd_help(3, help_argv);
    }
  }
  return c->run(argc, argv);
}
