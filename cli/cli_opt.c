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
	{TC_CLI_OPT_SWITCH, 'h', "help", NULL, 0, NULL, "show this help", NULL},
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

size_t tc_cli_choice_list(char *buf, size_t n, const char *const *words, bool dflt)
{
	size_t len = 0, count = 0;
	while (words[count])
		count++;
	buf[0] = '\0';
	for (size_t k = 0; k < count && len < n; k++) {
		const char *sep = k == 0 ? "" : k + 1 == count ? " or " : ", ";
		int w = snprintf(buf + len, n - len, "%s%s%s", sep, words[k],
				 k == 0 && dflt ? " (default)" : "");
		len += w > 0 ? (size_t)w : 0;
	}
	return len < n ? len : n - 1;
}

const char *tc_cli_choice_part(const tc_cli_opt *o, const char *val)
{
	if (!o->value_name || !strchr(o->value_name, '='))
		return val;
	const char *eq = strchr(val, '=');
	return eq ? eq + 1 : NULL;
}

/* -1 when val is one of o's choices (or o has none, or set() is to judge its shape), else a
 * usage error with the nearest choice, or the list when none is near. */
static int check_choice(const tc_cli_cmd *cmd, const tc_cli_opt *o, const char *val)
{
	const char *word = o->choices ? tc_cli_choice_part(o, val) : NULL;
	if (!word || tc_cli_word(word, o->choices) >= 0)
		return -1;
	tc_cli_near near = {.word = word};
	for (const char *const *c = o->choices; *c; c++)
		tc_cli_near_try(&near, *c);
	if (near.best) /* the key of RULE=SEV kept: the whole value to type */
		return tc_cli_usage_error(cmd->name, "unknown --%s '%s' (did you mean %.*s%s?)",
					  o->name, val, (int)(word - val), val, near.best);
	char list[512];
	tc_cli_choice_list(list, sizeof list, o->choices, false);
	return tc_cli_usage_error(cmd->name, "unknown --%s '%s' (use %s)", o->name, val, list);
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
		int rc = check_choice(cmd, o, val);
		if (rc < 0)
			rc = o->set((char *)args + o->off, val, cmd->name);
		if (rc >= 0)
			return rc;
	}
	return -1;
}

/* One line of an option's help, under col unless it is the first. */
static void put_line(FILE *out, const char *s, size_t len, unsigned col, bool *first)
{
	if (!*first)
		fprintf(out, "%*s", (int)col, "");
	*first = false;
	fprintf(out, "%.*s\n", (int)len, s);
}

/* A help line h[0..len) with o's choices in place of its {} or {*}, wrapped at spaces to end
 * by the 80th column; a line without one is written as it is. */
static void help_line(FILE *out, const tc_cli_opt *o, const char *h, size_t len, unsigned col,
		      bool *first)
{
	const char *ph = o->choices ? strstr(h, "{") : NULL;
	bool dflt = ph && strncmp(ph, "{*}", 3) == 0;
	if (!ph || ph >= h + len || (!dflt && strncmp(ph, "{}", 2) != 0)) {
		put_line(out, h, len, col, first);
		return;
	}
	char buf[1024];
	size_t n = (size_t)snprintf(buf, sizeof buf, "%.*s", (int)(ph - h), h);
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	n += tc_cli_choice_list(buf + n, sizeof buf - n, o->choices, dflt);
	const char *rest = ph + (dflt ? 3 : 2);
	snprintf(buf + n, sizeof buf - n, "%.*s", (int)(h + len - rest), rest);
	size_t width = col < 60 ? 79 - col : 20;
	const char *s = buf;
	while (strlen(s) > width) {
		const char *sp = s + width;
		while (sp > s && *sp != ' ')
			sp--;
		if (sp == s)
			break; /* one word wider than the column: as it is */
		put_line(out, s, (size_t)(sp - s), col, first);
		s = sp + 1;
	}
	put_line(out, s, strlen(s), col, first);
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
	bool first = true;
	for (const char *h = o->help; *h;) {
		size_t len = strcspn(h, "\n");
		help_line(out, o, h, len, col, &first);
		h += len + (h[len] == '\n');
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
