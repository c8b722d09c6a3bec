/* cmd_diff.c: `tunnelcast diff`: what a change does to ownership, states and findings.
 *
 * Two snapshot directories, or with --git REV one snapshot compared with
 * itself at a git revision: `git archive REV:PREFIX` of the snapshot's
 * directory is unpacked with tar into a temporary directory, under PREFIX
 * (its path in the repository), which is removed afterwards; both sides are
 * read from their repository's top, so they report the same
 * repository-relative file names. git and tar run as child processes with argument
 * vectors (no shell), so paths and revisions are never interpreted. tar
 * recreates the archive's symbolic links as they are: a link whose target
 * leaves the unpacked tree (absolute, or up through ..) is removed with a
 * warning before anything is read, as the loader refuses such links in a
 * working-tree snapshot. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "cli.h"
#include "render.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* What `diff` reads from its command line. */
struct diff_args {
	struct tc_cli_lint_args la; /* the options it shares with lint (first: their offsets) */
	const char *rev;	    /* --git REV */
	bool allow_owner;	    /* --allow-owner-change */
	bool allow_removed;	    /* --allow-removed */
};
#define DIFF_ARG(field) offsetof(struct diff_args, field)

static const char synopsis[] =
	"usage: tunnelcast diff [OPTIONS] OLD NEW\n"
	"       tunnelcast diff [OPTIONS] --git REV [SNAPSHOT]\n"
	"\n"
	"Compare two snapshots (before and after a change): per encryption domain the\n"
	"owner and the state before and after, domains added and removed, and lint\n"
	"findings introduced and fixed. With --git REV, compare SNAPSHOT (default: the\n"
	"current directory) as it is in the working tree with the same directory at\n"
	"git revision REV (REV is the old side); both are named by their path in the\n"
	"repository, and a snapshot REV does not have reads as empty (all added).\n"
	"\n"
	"Options:\n";

static const char epilogue[] =
	"\n"
	"Exit status: 0 nothing that matters changed; 1 a domain changed owner (unless\n"
	"--allow-owner-change) or state, a domain disappeared (unless --allow-removed),\n"
	"or a new error finding appeared; 2 usage error; 3 a snapshot cannot be read;\n"
	"4 the output could not be written.\n";

static const char *const formats[] = {"text", "json", "markdown", NULL};

static const tc_cli_opt options[] = {
	TC_CLI_OPT_FORMAT(formats, "{*} (for a PR comment)"),
	TC_CLI_OPT_OUTPUT("write the report to FILE instead of standard output"),
	{TC_CLI_OPT_VALUE, 0, "git", "REV", DIFF_ARG(rev), tc_cli_set_string,
	 "compare with the snapshot at git revision REV", NULL},
	{TC_CLI_OPT_SWITCH, 0, "allow-owner-change", NULL, DIFF_ARG(allow_owner), tc_cli_set_true,
	 "an owner change alone does not fail", NULL},
	{TC_CLI_OPT_SWITCH, 0, "allow-removed", NULL, DIFF_ARG(allow_removed), tc_cli_set_true,
	 "a domain that disappears does not fail", NULL},
	TC_CLI_OPT_DISABLE("do not run RULE (id or name; repeatable)"),
	TC_CLI_OPT_IGNORE("suppressions for both sides (default: each snapshot's\n"
			  ".tunnelcast-ignore)"),
	TC_CLI_OPT_COLOR("text colour: {*}"),
	TC_CLI_OPT_DIALECT("{*}"),
	TC_CLI_OPT_JOBS("read, resolve and predict on N threads (default 1)"),
	TC_CLI_OPT_QUIET("no parser diagnostics or progress line"),
	TC_CLI_OPT_MAX_DIAGS(TC_CLI_MAX_DIAGS_HELP),
	TC_CLI_OPT_MAX_FILE_SIZE,
	TC_CLI_OPT_ROUNDS("stop simulating after N rounds (default 16)"),
	{0},
};

const tc_cli_cmd tc_cli_cmd_diff = {
	.name = "diff",
	.synopsis = synopsis,
	.opts = options,
	.col = 25,
	.epilogue = epilogue,
	.max_operands = 2,
};

/* Run argv with stdout to out_fd (inherited when -1; RUN_SILENT: stdout and
 * stderr to /dev/null, for a question whose answer is the exit status) and
 * stdin from /dev/null; the exit status, or -1 when it could not run. */
#define RUN_SILENT (-2)
static int run(char *const argv[], int out_fd, const char *dir)
{
	fflush(NULL); /* stderr is buffered (main.c): nothing twice, nothing after the child's */
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		if (in >= 0)
			dup2(in, 0);
		if (out_fd == RUN_SILENT && (out_fd = open("/dev/null", O_WRONLY)) >= 0)
			dup2(out_fd, 2);
		if (out_fd >= 0)
			dup2(out_fd, 1);
		if (dir && chdir(dir) != 0)
			_exit(127);
		execvp(argv[0], argv);
		_exit(127);
	}
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Run argv in dir and capture its first output line into buf. */
static int capture(char *const argv[], const char *dir, char *buf, size_t n)
{
	char tmpl[] = "/tmp/tunnelcast-git-XXXXXX";
	int fd = mkstemp(tmpl);
	if (fd < 0)
		return -1;
	unlink(tmpl);
	int rc = run(argv, fd, dir);
	buf[0] = '\0';
	if (rc == 0 && lseek(fd, 0, SEEK_SET) == 0) {
		ssize_t got = read(fd, buf, n - 1);
		buf[got > 0 ? got : 0] = '\0';
		buf[strcspn(buf, "\r\n")] = '\0';
	}
	close(fd);
	return rc;
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void rm_tree(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* The unpacked tree nftw() walks in drop_outside_links(): resolved, and its
 * name as given (for messages), with the revision. nftw has no payload. */
static struct {
	const char *root, *tmp, *rev;
	size_t tmplen;
} unpacked;

static int drop_link(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	if (flag != FTW_SL && flag != FTW_SLN)
		return 0;
	char *target = realpath(path, NULL);
	size_t rl = strlen(unpacked.root);
	bool inside = target && strncmp(target, unpacked.root, rl) == 0 && target[rl] == '/';
	free(target);
	if (!inside) {
		fprintf(stderr,
			"tunnelcast: warning: %s at %s is a symbolic link leaving the snapshot; not "
			"followed\n",
			path + unpacked.tmplen + (path[unpacked.tmplen] == '/'), unpacked.rev);
		unlink(path); /* made by our tar */
	}
	return 0;
}

/* Remove the links of the unpacked tree tmp whose target is outside it. */
static void drop_outside_links(const char *tmp, const char *rev)
{
	char *root = realpath(tmp, NULL);
	if (!root)
		return;
	unpacked.root = root;
	unpacked.tmp = tmp;
	unpacked.tmplen = strlen(tmp);
	unpacked.rev = rev;
	nftw(tmp, drop_link, 16, FTW_PHYS);
	free(root);
}

/* Where a --git snapshot lives in its repository: the work tree's top, the
 * snapshot's path from there ("" for the top itself), and whether the
 * snapshot exists at the revision. */
struct git_side {
	char top[4096], prefix[4096];
	bool absent;
};

/* Unpack snapshot (a directory in a git work tree) as of rev into a new
 * temporary directory tmp[n], under its repository path (tmp/PREFIX), so
 * that both sides read with the same repository-relative file names; a
 * snapshot the revision does not have is g->absent, nothing unpacked.
 * TC_EXIT_OK, or TC_EXIT_USAGE after a message. */
static int git_checkout(const char *snapshot, const char *rev, char *tmp, size_t n,
			struct git_side *g)
{
	char *a1[] = {"git", "rev-parse", "--show-toplevel", NULL};
	char *a2[] = {"git", "rev-parse", "--show-prefix", NULL};
	if (capture(a1, snapshot, g->top, sizeof g->top) != 0 || !g->top[0] ||
	    capture(a2, snapshot, g->prefix, sizeof g->prefix) != 0) {
		fprintf(stderr,
			"tunnelcast: %s is not inside a git work tree (or git is missing)\n",
			snapshot);
		return TC_EXIT_USAGE;
	}
	size_t pl = strlen(g->prefix);
	if (pl && g->prefix[pl - 1] == '/')
		g->prefix[--pl] = '\0';
	char commit[8192], treeish[8192], out[64];
	snprintf(commit, sizeof commit, "%s^{commit}", rev);
	char *a3[] = {"git", "rev-parse", "--verify", "--quiet", commit, NULL};
	if (capture(a3, g->top, out, sizeof out) != 0) {
		fprintf(stderr, "tunnelcast: %s is not a revision of the repository at %s\n", rev,
			g->top);
		return TC_EXIT_USAGE;
	}
	if (pl)
		snprintf(treeish, sizeof treeish, "%s:%s", rev, g->prefix);
	else
		snprintf(treeish, sizeof treeish, "%s^{tree}", rev);
	char *a4[] = {"git", "cat-file", "-e", treeish, NULL};
	if (run(a4, RUN_SILENT, g->top) != 0) { /* a snapshot the revision does not have yet */
		g->absent = true;
		return TC_EXIT_OK;
	}
	snprintf(tmp, n, "/tmp/tunnelcast-diff-XXXXXX");
	if (!mkdtemp(tmp)) {
		fprintf(stderr, "tunnelcast: cannot create a temporary directory: %s\n",
			strerror(errno));
		return TC_EXIT_USAGE;
	}
	char tarpath[4200], dir_prefix[4200];
	snprintf(tarpath, sizeof tarpath, "%s/.snapshot.tar", tmp);
	snprintf(dir_prefix, sizeof dir_prefix, "--prefix=%s%s", g->prefix, pl ? "/" : "");
	int fd = open(tarpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	char *ga[] = {"git", "archive", "--format=tar", dir_prefix, treeish, NULL};
	int rc = fd < 0 ? -1 : run(ga, fd, g->top);
	if (fd >= 0)
		close(fd);
	if (rc != 0) {
		fprintf(stderr, "tunnelcast: git archive of %s at %s failed\n", snapshot, rev);
		rm_tree(tmp);
		return TC_EXIT_USAGE;
	}
	char *ta[] = {"tar", "-xf", tarpath, "-C", tmp, NULL};
	if (run(ta, -1, NULL) != 0) {
		fprintf(stderr, "tunnelcast: cannot unpack the snapshot at %s\n", rev);
		rm_tree(tmp);
		return TC_EXIT_USAGE;
	}
	remove(tarpath);
	drop_outside_links(tmp, rev);
	return TC_EXIT_OK;
}

/* Load, predict and lint the snapshot at path as seen from directory dir
 * (the file names it reports are then relative to dir); -1 with the three
 * set, else an exit code after a message. */
static int lint_from(const struct diff_args *da, const char *dir, const char *path, tc_model **m,
		     tc_prediction **p, tc_findings **f)
{
	int cwd = open(".", O_RDONLY | O_DIRECTORY);
	if (cwd < 0 || chdir(dir) != 0) {
		fprintf(stderr, "tunnelcast: cannot enter %s: %s\n", dir, strerror(errno));
		if (cwd >= 0)
			close(cwd);
		return TC_EXIT_INPUT;
	}
	int rc = tc_cli_lint_snapshot(&da->la, path, m, p, f);
	if (fchdir(cwd) != 0) { /* the -o path is relative to where we were */
		fprintf(stderr, "tunnelcast: cannot return to the working directory: %s\n",
			strerror(errno));
		rc = rc < 0 ? TC_EXIT_INPUT : rc;
	}
	close(cwd);
	return rc;
}

/* The old side of --git when the snapshot does not exist at the revision:
 * no device, no domain, no finding, so that everything reads as added. */
static void empty_side(tc_model **m, tc_prediction **p, tc_findings **f)
{
	tc_predict_opts po = {0};
	tc_lint_opts lo = {0};
	if (!(*m = tc_model_new()) || tc_model_finalize(*m) != 0 || tc_predict(p, *m, &po) != 0 ||
	    tc_lint(f, *m, *p, &lo) != 0)
		tc_oom(); /* an empty model fails only for memory */
}

/* Whether a device of m has a capture of its SAs (state/). */
static bool has_state(const tc_model *m)
{
	for (size_t i = 0; i < m->ndevs; i++)
		if (m->devs[i]->obs)
			return true;
	return false;
}

/* A side as the report names it: `-` is the config read from standard input. */
static const char *shown_path(const char *path)
{
	return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

int tc_cmd_diff(int argc, char **argv)
{
	struct diff_args da = {.la = {.a = {.format = "text"}, .color = -1}};
	const char *ops[2] = {NULL, NULL};
	size_t nops = 0;
	int rc = tc_cli_opt_parse(&tc_cli_cmd_diff, &da, ops, &nops, argc, argv);
	if (rc >= 0)
		return rc;
	const char *fmt = da.la.a.format, *output = da.la.a.output, *rev = da.rev;
	if (rev && nops > 1)
		return tc_cli_usage_error("diff", "--git takes one SNAPSHOT, not '%s'", ops[1]);
	if (!rev && nops < 2)
		return tc_cli_usage_error("diff", "%s",
					  "need OLD and NEW snapshot directories (or --git REV)");
	if (nops == 2 && strcmp(ops[0], "-") == 0 && strcmp(ops[1], "-") == 0)
		return tc_cli_usage_error("diff", "%s",
					  "only one side can be read from standard input (-)");
	if (rev && nops && strcmp(ops[0], "-") == 0)
		return tc_cli_usage_error("diff", "%s", "--git needs a SNAPSHOT directory, not -");
	if (rev && rev[0] == '-')
		return tc_cli_usage_error("diff", "bad revision '%s'", rev);

	char tmp[256] = "", label_old[4300], label_new[4300];
	const char *old_path = ops[0], *new_path = ops[1];
	struct git_side g = {0};
	char *ignore_abs = NULL; /* --git reads from other directories: --ignore made absolute */
	if (rev) {
		new_path = nops ? ops[0] : ".";
		rc = git_checkout(new_path, rev, tmp, sizeof tmp, &g);
		if (rc)
			return rc;
		const char *shown = g.prefix[0] ? g.prefix : ".";
		snprintf(label_old, sizeof label_old, "%s at %s", shown, rev);
		snprintf(label_new, sizeof label_new, "%s", shown);
		if (g.absent)
			fprintf(stderr,
				"tunnelcast: note: %s does not exist at %s: every domain and finding "
				"is added\n",
				shown, rev);
		if (da.la.ignore_file && !(ignore_abs = realpath(da.la.ignore_file, NULL))) {
			fprintf(stderr, "tunnelcast: cannot read %s: %s\n", da.la.ignore_file,
				strerror(errno));
			if (tmp[0])
				rm_tree(tmp);
			return TC_EXIT_USAGE;
		}
		if (ignore_abs)
			da.la.ignore_file = ignore_abs;
	} else {
		snprintf(label_old, sizeof label_old, "%s", shown_path(old_path));
		snprintf(label_new, sizeof label_new, "%s", shown_path(new_path));
	}

	tc_model *m[2] = {NULL, NULL};
	tc_prediction *p[2] = {NULL, NULL};
	tc_findings *f[2] = {NULL, NULL};
	tc_drift *dr[2] = {NULL, NULL};
	tc_diff *d = NULL;
	const char *rel = g.prefix[0] ? g.prefix : ".";
	if (!rev)
		rc = tc_cli_lint_snapshot(&da.la, old_path, &m[0], &p[0], &f[0]);
	else if (g.absent)
		empty_side(&m[0], &p[0], &f[0]), rc = -1;
	else /* both sides read from their repository's top: repository-relative names */
		rc = lint_from(&da, tmp, rel, &m[0], &p[0], &f[0]);
	if (rc < 0)
		rc = rev ? lint_from(&da, g.top, rel, &m[1], &p[1], &f[1])
			 : tc_cli_lint_snapshot(&da.la, new_path, &m[1], &p[1], &f[1]);
	if (rc >= 0)
		goto out;
	if (tc_diff_compute(&d, p[0], f[0], p[1], f[1]) != 0)
		tc_oom();	    /* its only failure */
	for (int k = 0; k < 2; k++) /* drift when both snapshots carry state */
		if (has_state(m[k]) && tc_drift_compute(&dr[k], m[k], p[k]) != 0)
			tc_oom();
	tc_drift_attach(d, p[0], dr[0], p[1], dr[1]);
	tc_cli_out o;
	rc = TC_EXIT_OUTPUT;
	if (tc_cli_out_open(&o, output) != TC_EXIT_OK)
		goto out;
	int r;
	if (strcmp(fmt, "json") == 0)
		r = tc_render_diff_json(o.f, d, label_old, label_new);
	else if (strcmp(fmt, "markdown") == 0)
		r = tc_render_diff_markdown(o.f, d, label_old, label_new);
	else {
		tc_render_opts ro = {.color = tc_cli_lint_color(&da.la, o.f)};
		r = tc_render_diff_text(o.f, d, label_old, label_new, &ro);
	}
	if (tc_cli_out_close(&o, r == 0) != TC_EXIT_OK)
		goto out;
	rc = (d->nowner_changed && !da.allow_owner) || (d->nremoved && !da.allow_removed) ||
			     d->nstate_changed || d->nnew_errors
		     ? TC_EXIT_FINDINGS
		     : TC_EXIT_OK;
out:
	tc_diff_free(d);
	for (int k = 0; k < 2; k++) {
		tc_drift_free(dr[k]);
		tc_findings_free(f[k]);
		tc_prediction_free(p[k]);
		tc_model_free(m[k]);
	}
	if (tmp[0])
		rm_tree(tmp);
	free(ignore_abs);
	return rc;
}
