/* cli_opt.c: parse argv and write --help from a command's option table (cli_opt.h). */
#include "cli.h"

#include <string.h>

/* The entry of table whose -X or --name is s, else NULL. */
static const tc_cli_opt *opt_find(const tc_cli_opt *table, const char *s)
{
	for (const tc_cli_opt *o = table; o && o->type != TC_CLI_OPT_END; o++) {
		if (o->alias && s[1] == o->alias && s[2] == '\0')
			return o;
		if (s[1] == '-' && strcmp(s + 2, o->name) == 0)
			return o;
	}
	return NULL;
}

/* Split "--name=VALUE" into name (a copy in name[0..n)) and *val; names
 * this long or longer stay whole, and are then no option. */
static const char *opt_split(const char *s, char *name, size_t n, const char **val)
{
	const char *eq = strchr(s, '=');
	*val = NULL;
	if (s[0] != '-' || s[1] != '-' || !eq || (size_t)(eq - s) >= n)
		return s;
	memcpy(name, s, (size_t)(eq - s));
	name[eq - s] = '\0';
	*val = eq + 1;
	return name;
}

/* The option every command has. */
static const tc_cli_opt help[] = {
	{TC_CLI_OPT_SWITCH, 'h', "help", NULL, 0, NULL, "show this help"},
	{0},
};

/* The option of cmd (shown, hidden, or -h) whose short name is s[1] of "-Xvalue", else NULL. */
static const tc_cli_opt *opt_find_attached(const tc_cli_cmd *cmd, const char *s)
{
	char flag[3] = {'-', s[1], '\0'};
	const tc_cli_opt *o = opt_find(cmd->opts, flag);
	return o ? o : opt_find(cmd->hidden, flag);
}

/* "unknown option '--fromat'", with the nearest long option of the table when a typo is likely. */
static int unknown_option(const tc_cli_cmd *cmd, const char *s)
{
	if (s[1] != '-') {
		const tc_cli_opt *o = opt_find_attached(cmd, s);
		if (o && o->type == TC_CLI_OPT_SWITCH)
			return tc_cli_usage_error(cmd->name,
						  "unknown option '%s' (short options are not "
						  "bundled: give each one separately)",
						  s);
		return tc_cli_usage_error(cmd->name, "unknown option '%s'", s);
	}
	tc_cli_near near = {.word = s + 2};
	for (const tc_cli_opt *o = cmd->opts; o->type != TC_CLI_OPT_END; o++)
		if (o->help)
			tc_cli_near_try(&near, o->name);
	tc_cli_near_try(&near, help->name);
	if (near.best)
		return tc_cli_usage_error(cmd->name, "unknown option '%s' (did you mean --%s?)", s,
					  near.best);
	return tc_cli_usage_error(cmd->name, "unknown option '%s'", s);
}

int tc_cli_opt_parse(const tc_cli_cmd *cmd, void *args, const char **ops, size_t *nops, int argc,
		     char **argv)
{
	*nops = 0;
	bool operands_only = false; /* after "--" */
	for (int i = 0; i < argc; i++) {
		char name[32];
		const char *val;
		const char *s =
			operands_only ? argv[i] : opt_split(argv[i], name, sizeof name, &val);
		if (operands_only || s[0] != '-' || s[1] == '\0') {
			if (*nops == cmd->max_operands)
				return tc_cli_usage_error(cmd->name, "unexpected argument '%s'", s);
			ops[(*nops)++] = s;
			continue;
		}
		if (strcmp(s, "--") == 0) {
			operands_only = true;
			continue;
		}
		const tc_cli_opt *o = opt_find(help, s);
		if (o) {
			tc_cli_opt_help(stdout, cmd);
			return TC_EXIT_OK;
		}
		o = opt_find(cmd->opts, s);
		if (!o)
			o = opt_find(cmd->hidden, s);
		if (!o && s[1] != '-' && s[2] != '\0') { /* -fjson: a short option and its value */
			o = opt_find_attached(cmd, s);
			if (o && o->type != TC_CLI_OPT_SWITCH)
				val = s + 2;
			else
				o = NULL;
		}
		if (!o)
			return unknown_option(cmd, s);
		if (o->type == TC_CLI_OPT_SWITCH) {
			if (val)
				return tc_cli_usage_error(cmd->name, "option %s takes no value", s);
		} else if (!val) {
			if (i + 1 >= argc)
				return tc_cli_usage_error(cmd->name, "option %s needs a value", s);
			val = argv[++i];
		}
		int rc = o->set((char *)args + o->off, val, cmd->name);
		if (rc >= 0)
			return rc;
	}
	return -1;
}

/* "  -f, --format FMT     text..." with the help's further lines under its first. */
static void opt_help(FILE *out, const tc_cli_opt *o, unsigned col)
{
	int n;
	if (o->alias)
		n = fprintf(out, "  -%c, --%s", o->alias, o->name);
	else
		n = fprintf(out, "      --%s", o->name);
	if (o->value_name)
		n += fprintf(out, " %s", o->value_name);
	fprintf(out, "%*s", n + 2 > (int)col ? 2 : (int)col - n, "");
	for (const char *h = o->help; *h;) {
		size_t len = strcspn(h, "\n");
		fprintf(out, "%.*s\n", (int)len, h);
		h += len;
		if (*h == '\n' && *++h)
			fprintf(out, "%*s", (int)col, "");
	}
}

void tc_cli_opt_help(FILE *out, const tc_cli_cmd *cmd)
{
	fputs(cmd->synopsis, out);
	for (const tc_cli_opt *o = cmd->opts; o->type != TC_CLI_OPT_END; o++)
		if (o->help)
			opt_help(out, o, cmd->col);
	opt_help(out, help, cmd->col);
	if (cmd->tables)
		cmd->tables(out);
	if (cmd->epilogue)
		fputs(cmd->epilogue, out);
}
