/* cmd_complete.c: `tunnelcast __complete`, the candidates the shell completions offer
 * (cli/completions/): subcommands, each command's options from its option table, rule ids,
 * and device and interface names read from the snapshot on the line. */
#include "cli.h"
#include "parser.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Options whose value is a rule id (or begins with one: RULE=SEV), and those whose value names
 * a device of the snapshot; the others offer their table's choices. */
static const char *const rule_opts[] = {"disable", "explain", "severity", NULL};
static const char *const device_opts[] = {"fail", "device", NULL};

static bool has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The option of cmd (its table, the hidden one, or -h) the word w names, else NULL. */
static const tc_cli_opt *word_opt(const tc_cli_cmd *cmd, const char *w)
{
	const tc_cli_opt *tables[] = {cmd->opts, cmd->hidden};
	for (size_t t = 0; t < 2; t++)
		for (const tc_cli_opt *o = tables[t]; o && o->type != TC_CLI_OPT_END; o++)
			if ((o->alias && w[0] == '-' && w[1] == o->alias && w[2] == '\0') ||
			    (w[0] == '-' && w[1] == '-' && strcmp(w + 2, o->name) == 0))
				return o;
	return NULL;
}

static bool takes_value(const tc_cli_opt *o)
{
	return o && (o->type == TC_CLI_OPT_VALUE || o->type == TC_CLI_OPT_LIST);
}

/* The first operand among words[from..to): the snapshot, for the commands that take one. */
static const char *first_operand(const tc_cli_cmd *cmd, char **words, int from, int to)
{
	for (int i = from; i < to; i++) {
		if (words[i][0] != '-' || words[i][1] == '\0')
			return words[i];
		if (!strchr(words[i], '=') && takes_value(word_opt(cmd, words[i])))
			i++;
	}
	return NULL;
}

static void put_options(const tc_cli_cmd *cmd, const char *cur)
{
	for (const tc_cli_opt *o = cmd->opts; o && o->type != TC_CLI_OPT_END; o++) {
		if (!o->help)
			continue;
		char buf[64];
		snprintf(buf, sizeof buf, "--%s", o->name);
		if (has_prefix(buf, cur))
			puts(buf);
	}
	if (has_prefix("--help", cur))
		puts("--help");
}

/* Rule ids beginning with cur (any case), each after pre and followed by post. */
static void put_rules(const char *pre, const char *cur, const char *post)
{
	size_t n;
	const tc_lint_rule *r = tc_lint_rules(&n);
	for (size_t i = 0; i < n; i++)
		if (strncasecmp(r[i].id, cur, strlen(cur)) == 0)
			printf("%s%s%s\n", pre, r[i].id, post);
}

/* o's choices beginning with cur, each after pre. */
static void put_choices(const tc_cli_opt *o, const char *pre, const char *cur)
{
	for (const char *const *c = o->choices; c && *c; c++)
		if (has_prefix(*c, cur))
			printf("%s%s\n", pre, *c);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Device names of the snapshot (case-insensitive prefix); after "HOST:", HOST's interfaces;
 * each after pre. */
static void put_devices(const char *snapshot, const char *pre, const char *cur)
{
	tc_model *m = snapshot ? tc_model_new() : NULL;
	char err[256];
	if (!m || tc_snapshot_load(m, snapshot, NULL, err, sizeof err) != 0) {
		tc_model_free(m);
		return;
	}
	const char *colon = strchr(cur, ':');
	size_t hl = colon ? (size_t)(colon - cur) : strlen(cur);
	TC_VEC(const char *) v = {0};
	for (const tc_device *d = m->devices; d; d = d->next) {
		if (!d->hostname || strncasecmp(d->hostname, cur, hl) != 0)
			continue;
		if (!colon) {
			TC_VEC_PUSH(v, d->hostname);
			continue;
		}
		if (d->hostname[hl] != '\0')
			continue;
		for (const tc_iface *f = d->ifaces; f; f = f->next)
			if (strncasecmp(f->name, colon + 1, strlen(colon + 1)) == 0)
				printf("%s%.*s:%s\n", pre, (int)hl, cur, f->name);
	}
	if (v.n)
		qsort(v.v, v.n, sizeof *v.v, cmp_str);
	for (size_t i = 0; i < v.n; i++)
		if (i == 0 || strcmp(v.v[i], v.v[i - 1]) != 0)
			printf("%s%s\n", pre, v.v[i]);
	TC_VEC_FREE(v);
	tc_model_free(m);
}

static bool in_list(const char *const *list, const char *name)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(list[i], name) == 0)
			return true;
	return false;
}

/* The values of option o that begin with cur, each after pre ("--format=" in that form):
 * rule ids (RULE=SEV: the rules, then after the '=' the choices), devices, or its choices. */
static void put_values(const tc_cli_cmd *cmd, const tc_cli_opt *o, const char *pre, const char *cur,
		       char **words, int nwords)
{
	char key[128];
	const char *part = tc_cli_choice_part(o, cur);
	if (o->choices && part != cur && part) { /* RULE=SEV past its '=' */
		snprintf(key, sizeof key, "%s%.*s", pre, (int)(part - cur), cur);
		put_choices(o, key, part);
	} else if (in_list(rule_opts, o->name)) {
		put_rules(pre, cur, part != cur ? "=" : "");
	} else if (in_list(device_opts, o->name)) {
		put_devices(first_operand(cmd, words, 2, nwords), pre, cur);
	} else {
		put_choices(o, pre, cur);
	}
}

int tc_cmd_complete(int argc, char **argv, const tc_cli_cmd *const *cmds, size_t ncmds)
{
	/* argv: __complete CWORD WORD0 WORD1 ...: WORD0 is the program, WORD[CWORD] the word
	 * being completed (possibly past the last one given: an empty word) */
	long cw;
	if (argc < 3 || !tc_cli_number(argv[1], 1, 4096, &cw))
		return TC_EXIT_USAGE;
	char **words = argv + 2;
	int nwords = argc - 2;
	const char *cur = cw < nwords ? words[cw] : "";
	if (cw == 1 || (cw == 2 && strcmp(words[1], "help") == 0)) {
		for (size_t i = 0; i < ncmds; i++)
			if (has_prefix(cmds[i]->name, cur))
				puts(cmds[i]->name);
		if (cw == 1 && has_prefix("help", cur))
			puts("help");
		return TC_EXIT_OK;
	}
	const tc_cli_cmd *cmd = NULL;
	for (size_t i = 0; i < ncmds && !cmd; i++)
		if (strcmp(cmds[i]->name, words[1]) == 0)
			cmd = cmds[i];
	if (!cmd)
		return TC_EXIT_OK;
	const tc_cli_opt *prev = word_opt(cmd, words[cw - 1]);
	if (cw >= 3 && takes_value(prev) && !strchr(words[cw - 1], '=')) {
		put_values(cmd, prev, "", cur, words, nwords);
		return TC_EXIT_OK; /* nothing offered: the shell completes file names */
	}
	const char *eq = strchr(cur, '=');
	if (cur[0] == '-' && cur[1] == '-' && eq && eq - cur < 60) { /* --format=js */
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)(eq - cur), cur);
		const tc_cli_opt *o = word_opt(cmd, name);
		name[eq - cur] = '=';
		name[eq - cur + 1] = '\0';
		if (takes_value(o))
			put_values(cmd, o, name, eq + 1, words, nwords);
	} else if (cur[0] == '-') {
		put_options(cmd, cur);
	}
	return TC_EXIT_OK;
}
