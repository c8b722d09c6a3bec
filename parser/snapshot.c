/* snapshot.c: load a snapshot directory (configs/, routes/ and state/) into a model.
 *
 * Each config file is read with its routing-table and state captures right
 * after it.
 * One parse context (match data, scratch arena) serves every file a thread
 * reads. With opts->jobs > 1, threads take files one at a time, each into a
 * model of its own, and the models are adopted in file order: the model is
 * the one a single thread builds. A file that cannot be used is reported and
 * skipped; only a snapshot with nothing to load is an error. */
#define _DEFAULT_SOURCE /* DT_REG and DT_DIR for readdir's d_type, where there are; realpath */
#include "parser_int.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static bool is_dir(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static bool is_file(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* Directories, devices and sockets are not config files; a name that
 * cannot be stat'ed (a dangling link) is kept so that reading it reports. */
static bool maybe_file(const char *path)
{
	struct stat sb;
	return stat(path, &sb) != 0 || S_ISREG(sb.st_mode);
}

static bool skipped_name(const char *name)
{
	size_t n = strlen(name);
	return name[0] == '.' || strncasecmp(name, "README", 6) == 0 ||
	       (n >= 3 && strcasecmp(name + n - 3, ".md") == 0);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void file_error(tc_model *m, const char *path, const char *code, const char *what, int err)
{
	char buf[128] = {0};
	if (err && strerror_r(err, buf, sizeof buf) != 0)
		snprintf(buf, sizeof buf, "error %d", err);
	tc_model_diag(m, path, 0, 0, TC_SEV_ERROR, code, NULL, "%s%s%s; file skipped", what,
		      err ? ": " : "", buf);
}

/* max as people write it: "256 MiB", "1.5 KiB", "100 bytes". */
static void size_text(char *buf, size_t n, size_t max)
{
	static const char *const units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
	double v = (double)max;
	int u = 0;
	while (v >= 1024 && u < 4) {
		v /= 1024;
		u++;
	}
	snprintf(buf, n, u && v != (double)(unsigned long long)v ? "%.1f %s" : "%.0f %s", v,
		 units[u]);
}

/* A file refused by tc_text_read(): why, as a diagnostic. */
static void refused(tc_model *m, const char *path, tc_text_refusal why, size_t max)
{
	char lim[32], msg[128];
	switch (why) {
	case TC_TEXT_TOO_LARGE:
		size_text(lim, sizeof lim, max ? max : TC_FILE_MAX_DEFAULT);
		snprintf(msg, sizeof msg, "the file is larger than %s (--max-file-size)", lim);
		file_error(m, path, "file-too-large", msg, 0);
		break;
	case TC_TEXT_BAD_UTF16:
		file_error(m, path, "bad-utf16",
			   "the file looks like UTF-16 but does not convert to UTF-8 (an odd "
			   "length or an unpaired surrogate)",
			   0);
		break;
	default:
		file_error(m, path, "binary-file", "the file looks binary (it holds NUL bytes)", 0);
		break;
	}
}

/* The whole file in a malloc'd buffer (*out, freed by the caller), or NULL
 * after reporting why it cannot be used. */
static char *read_file(tc_model *m, const char *path, const tc_parse_opts *opts, size_t *len)
{
	char *buf;
	size_t n, max = opts ? opts->max_file_size : 0;
	tc_text_refusal why;
	int rc = tc_text_read(&buf, &n, path, max, &why);
	if (rc == TC_EPARSE) {
		refused(m, path, why, max);
		return NULL;
	}
	if (rc != 0) {
		int e = rc == TC_ENOMEM ? 0 : errno;
		file_error(m, path, "unreadable-file",
			   rc == TC_EIO	     ? "cannot open the file"
			   : rc == TC_ENOMEM ? "out of memory reading the file"
					     : "cannot read the file",
			   e);
		return NULL;
	}
	if (n == 0) {
		file_error(m, path, "empty-file", "the file is empty", 0);
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

/* Whether path (a name inside the snapshot) is a symbolic link whose target
 * is outside root (the snapshot directory, resolved): then it is not read
 * and m gets a warning naming it. A committed link must not make the tool
 * read /etc/shadow or another user's file and quote its lines. A dangling
 * link is left to the reader, which reports it. */
bool tc_p_link_leaves(tc_model *m, const char *root, const char *path)
{
	struct stat sb;
	if (!root || lstat(path, &sb) != 0 || !S_ISLNK(sb.st_mode))
		return false;
	char *target = realpath(path, NULL);
	if (!target)
		return false;
	size_t rl = strlen(root);
	bool inside = strncmp(target, root, rl) == 0 && (target[rl] == '/' || rl == 1);
	free(target);
	if (!inside)
		tc_model_diag(m, path, 0, 0, TC_SEV_WARNING, "link-outside", NULL,
			      "a symbolic link to a file outside the snapshot; not followed");
	return !inside;
}

/* Whether dir entry de (at path) may be a config file: its type as readdir
 * gives it when it does (one stat per file, ~5 us each on an overlay file
 * system, was a tenth of loading 4 000 small configs on two threads, all
 * of it before the threads start), else maybe_file(). */
static bool entry_maybe_file(const struct dirent *de, const char *path)
{
#if defined(DT_REG) && defined(DT_DIR)
	if (de->d_type == DT_REG)
		return true;
	if (de->d_type == DT_DIR)
		return false;
#else
	(void)de;
#endif
	return maybe_file(path);
}

/* The names of a directory (malloc'd, sorted; free with free_names). */
typedef TC_VEC(char *) name_vec;

static void free_names(char **v, size_t n)
{
	for (size_t k = 0; k < n; k++)
		free(v[k]);
	free(v);
}

/* Folders under configs/ are read down to this depth (configs/site-a/r1.cfg is depth 1). */
#define CONFIG_DEPTH_MAX 8

/* The loadable files of dir/sub (sub "" or "a/b") into names as "sub/name",
 * the ones that may be symbolic links into links too. With m (configs/),
 * sub-directories are read as well, down to CONFIG_DEPTH_MAX; a link to a
 * directory is not followed (a note): its files could lie outside the
 * snapshot. errno-style error of opening dir itself, else 0. */
static int collect(tc_model *m, const char *dir, const char *sub, unsigned depth, name_vec *names,
		   name_vec *links)
{
	char here[4096];
	if ((size_t)snprintf(here, sizeof here, "%s%s%s", dir, *sub ? "/" : "", sub) >= sizeof here)
		return ENAMETOOLONG;
	DIR *dp = opendir(here);
	if (!dp)
		return errno;
	struct dirent *de;
	while ((de = readdir(dp)) != NULL) {
		if (skipped_name(de->d_name))
			continue;
		char path[4096], name[4096];
		if ((size_t)snprintf(path, sizeof path, "%s/%s", here, de->d_name) >= sizeof path ||
		    (size_t)snprintf(name, sizeof name, "%s%s%s", sub, *sub ? "/" : "",
				     de->d_name) >= sizeof name)
			continue;
		if (entry_maybe_file(de, path)) {
			TC_VEC_PUSH(*names, tc_xstrdup(name));
#if defined(DT_REG)
			if (de->d_type != DT_REG)
#endif
				TC_VEC_PUSH(*links, tc_xstrdup(name));
			continue;
		}
		struct stat lsb;
		if (!m || lstat(path, &lsb) != 0)
			continue;
		if (S_ISLNK(lsb.st_mode) && is_dir(path))
			tc_model_diag(m, path, 0, 0, TC_SEV_NOTE, "not-a-file", NULL,
				      "a link to a folder among the configs; not followed");
		else if (S_ISDIR(lsb.st_mode) && depth < CONFIG_DEPTH_MAX)
			collect(m, dir, name, depth + 1, names, links);
		else if (S_ISDIR(lsb.st_mode))
			tc_model_diag(m, path, 0, 0, TC_SEV_NOTE, "not-a-file", NULL,
				      "a folder deeper than %d levels under configs/; skipped",
				      CONFIG_DEPTH_MAX);
	}
	closedir(dp);
	return 0;
}

/* Sorted names of the loadable files of dir (malloc'd; free with free_names).
 * With m (dir is configs/), its sub-directories are read too, their files
 * named "site-a/r1.cfg". links gets the names that may be symbolic links
 * (readdir says so, or does not say), checked when read (tc_p_link_leaves()). */
static char **list_files(tc_model *m, const char *dir, size_t *count, int *err, name_vec *links)
{
	name_vec names = {0};
	TC_VEC_RESERVE(names, 16); /* not NULL when there is no file */
	int e = collect(m, dir, "", 0, &names, links);
	if (e) {
		*err = e;
		free_names(names.v, names.n);
		free_names(links->v, links->n);
		*links = (name_vec){0};
		return NULL;
	}
	qsort(names.v, names.n, sizeof *names.v, cmp_name);
	if (links->n)
		qsort(links->v, links->n, sizeof *links->v, cmp_name);
	*count = names.n;
	return names.v;
}

/* A capture name that exists but is no regular file (a directory, a FIFO
 * that would block) or is a link leaving root is reported and not read;
 * what: "routing-table", "state". */
static bool capture_file(tc_model *m, const char *root, const char *path, const char *what)
{
	struct stat sb;
	if (stat(path, &sb) != 0 || tc_p_link_leaves(m, root, path))
		return false;
	if (S_ISREG(sb.st_mode))
		return true;
	tc_model_diag(m, path, 0, 0, TC_SEV_ERROR, "not-a-file", NULL,
		      "the %s capture is not a regular file; capture skipped", what);
	return false;
}

/* DIR/<hostname>.txt, else (when by_stem) DIR/<config file stem>.txt (routes/, state/). */
static bool capture_path(tc_model *m, char *buf, size_t n, const char *root, const char *routes,
			 const char *what, const tc_device *d, bool by_stem)
{
	const char *h = d->hostname;
	char first[4096] = "";
	if (h && h[0] != '.' && !strchr(h, '/') &&
	    (size_t)snprintf(first, sizeof first, "%s/%s.txt", routes, h) < sizeof first) {
		snprintf(buf, n, "%s", first);
		if (capture_file(m, root, buf, what))
			return true;
	}
	if (!by_stem)
		return false;
	const char *base = strrchr(d->file, '/');
	base = base ? base + 1 : d->file;
	const char *dot = strrchr(base, '.');
	int stem = (int)(dot && dot != base ? (size_t)(dot - base) : strlen(base));
	return (size_t)snprintf(buf, n, "%s/%.*s.txt", routes, stem, base) < n &&
	       strcmp(buf, first) != 0 && capture_file(m, root, buf, what);
}

/* Whether some device of m read the capture at path. */
static bool claimed(const tc_model *m, const char *path)
{
	for (const tc_device *d = m->devices; d; d = d->next)
		if (d->obs && strcmp(d->obs->file, path) == 0)
			return true;
	return false;
}

/* A note for each file of the state/ directory no device read: it names no device. */
static void note_unclaimed(tc_model *m, const char *dir)
{
	size_t n = 0;
	int e = 0;
	name_vec links = {0};
	char **names = list_files(NULL, dir, &n, &e, &links);
	free_names(links.v, links.n);
	for (size_t k = 0; names && k < n; k++) {
		char path[4096];
		if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, names[k]) < sizeof path &&
		    !claimed(m, path))
			tc_model_diag(m, path, 0, 0, TC_SEV_NOTE, "unmatched-capture", NULL,
				      "the state capture names no device (state/<hostname>.txt or "
				      "state/<config file stem>.txt); not read");
	}
	if (names)
		free_names(names, n);
}

/* A snapshot given as one config file. */
static int load_one_file(tc_model *m, const char *path, const tc_parse_opts *opts)
{
	tc_pctx ctx;
	int rc = tc_pctx_init(&ctx);
	if (rc)
		return rc;
	size_t len;
	char *buf = read_file(m, path, opts, &len);
	if (buf)
		rc = tc_p_parse_config(&ctx, NULL, m, path, buf, len, opts);
	free(buf);
	tc_pctx_fini(&ctx);
	return rc;
}

/* What every loader thread shares: the files to read and where each one's
 * model and status go. A thread's per-file models all allocate from one
 * arena of the thread's (a model per file with an arena of its own left
 * most of a 64 KB block empty for each small config: 60 MB on 1 000
 * devices); the arenas are adopted with the models. */
typedef struct load_job {
	const char *dir;
	const char *root;   /* the snapshot directory, resolved (realpath) */
	const char *routes; /* the routes/ directory, or NULL */
	const char *state;  /* the state/ directory, or NULL */
	char **names;	    /* config file names, sorted */
	size_t n;
	name_vec links; /* the names that may be symbolic links, sorted */
	const tc_parse_opts *opts;
	tc_model **parts;	     /* per file: the model it was read into (threads only) */
	int *rc;		     /* per file: 0, or the parser's error */
	struct load_worker *workers; /* per worker of tc_par_for (threads only) */
	unsigned max_diags;	     /* the model's diagnostics cap, for each part */
} load_job;

/* The captures in dir (routes/, state/; NULL: none) of the devices read from one config file,
 * dev the first, each read by parse. A file holding several devices: the first may take the
 * capture named after the file, the others only theirs by hostname. */
static int load_captures(tc_pctx *ctx, tc_model *m, const load_job *job, const char *dir,
			 const char *what, tc_device *dev, tc_capture_fn parse)
{
	char path[4096];
	int rc = 0;
	for (tc_device *d = dev; d && !rc && dir; d = d->next) {
		if (!capture_path(m, path, sizeof path, job->root, dir, what, d, d == dev))
			continue;
		size_t len;
		char *buf = read_file(m, path, job->opts, &len);
		if (buf)
			rc = parse(ctx, m, d, path, buf, len);
		free(buf);
	}
	return rc;
}

/* Config file k of the job and then its routing-table and state captures, into m. */
static int load_file(tc_pctx *ctx, tc_model *m, const load_job *job, size_t k)
{
	char fpath[4096];
	if ((size_t)snprintf(fpath, sizeof fpath, "%s/%s", job->dir, job->names[k]) >=
	    sizeof fpath) {
		file_error(m, job->names[k], "unreadable-file", "the path is too long", 0);
		return 0;
	}
	size_t len;
	const char *name = job->names[k];
	if (job->links.n && bsearch(&name, job->links.v, job->links.n, sizeof name, cmp_name) &&
	    tc_p_link_leaves(m, job->root, fpath))
		return 0;
	char *buf = read_file(m, fpath, job->opts, &len);
	if (!buf)
		return 0;
	tc_device *dev = NULL;
	int rc = tc_p_parse_config(ctx, &dev, m, fpath, buf, len, job->opts);
	free(buf);
	if (!rc)
		rc = load_captures(ctx, m, job, job->routes, "routing-table", dev,
				   tc_p_parse_routes);
	if (!rc)
		rc = load_captures(ctx, m, job, job->state, "state", dev, tc_p_parse_state);
	return rc;
}

/* One loader worker: its parser context and the arena its models allocate from. */
typedef struct load_worker {
	tc_pctx ctx;
	bool tried;	 /* ctx set up (on the worker's thread, at its first file) */
	int init;	 /* tc_pctx_init()'s result */
	tc_arena *arena; /* NULL: each model keeps its own */
} load_worker;

/* File k into a model of its own, on worker w. */
static void load_item(void *payload, unsigned w, size_t k)
{
	load_job *job = payload;
	load_worker *t = &job->workers[w];
	if (!t->tried) {
		t->tried = true;
		t->init = tc_pctx_init(&t->ctx);
	}
	tc_model *part = job->parts[k] = tc_model_new();
	if (part)
		part->max_diags = job->max_diags;
	if (part && t->arena) {
		tc_arena_free(part->arena);
		part->arena = t->arena;
	}
	if (t->init)
		job->rc[k] = t->init;
	else if (!part)
		job->rc[k] = TC_ENOMEM;
	else
		job->rc[k] = load_file(&t->ctx, part, job, k);
	if (w == 0 && job->opts && job->opts->progress) /* worker 0 is the caller's thread */
		job->opts->progress(job->opts->progress_ctx, k + 1, job->n);
}

/* Read the job's files with `threads` threads, then adopt their models
 * into m in file order: the same model as one thread builds. */
static int load_parallel(tc_model *m, load_job *job, unsigned threads)
{
	int rc = 0;
	load_worker *lw = job->workers = tc_xcalloc(threads, sizeof *lw);
	job->parts = tc_xcalloc(job->n, sizeof *job->parts);
	job->rc = tc_xcalloc(job->n, sizeof *job->rc);
	job->max_diags = m->max_diags;
	for (unsigned t = 0; t < threads; t++)
		lw[t].arena = tc_arena_new();
	tc_par_for(threads, job->n, 1, load_item, job);
	for (size_t k = 0; k < job->n; k++) {
		if (!rc)
			rc = job->rc[k];
		tc_model *part = job->parts[k];
		for (unsigned t = 0; part && t < threads; t++)
			if (part->arena == lw[t].arena)
				part->arena = NULL; /* a worker's: adopted below */
		tc_model_adopt(m, part);
	}
	for (unsigned t = 0; t < threads; t++) {
		if (lw[t].tried && !lw[t].init)
			tc_pctx_fini(&lw[t].ctx);
		tc_arena_adopt(m->arena, lw[t].arena);
	}
	free(lw);
	free(job->parts);
	free(job->rc);
	return rc;
}

int tc_snapshot_load(tc_model *m, const char *path, const tc_parse_opts *opts, char *err,
		     size_t errlen)
{
	char dir[4096];
	if (err && errlen)
		err[0] = '\0';
	if (is_file(path))
		return load_one_file(m, path, opts);
	char *root = realpath(path, NULL);
	snprintf(dir, sizeof dir, "%s/configs", path);
	if (!is_dir(dir))
		snprintf(dir, sizeof dir, "%s", path);
	else if (tc_p_link_leaves(m, root, dir)) {
		if (err)
			snprintf(err, errlen,
				 "cannot open snapshot %s: a symbolic link leaving the "
				 "snapshot",
				 dir);
		free(root);
		return TC_EIO;
	}
	size_t n = 0;
	int e = 0;
	name_vec links = {0};
	char **names = list_files(strcmp(dir, path) ? m : NULL, dir, &n, &e, &links);
	if (!names) {
		free(root);
		char why[128] = {0};
		if (strerror_r(e, why, sizeof why) != 0)
			snprintf(why, sizeof why, "error %d", e);
		if (err)
			snprintf(err, errlen, "cannot open snapshot %s: %s", dir, why);
		return e == ENOMEM ? TC_ENOMEM : TC_EIO;
	}
	if (n == 0) {
		if (err)
			snprintf(err, errlen, "no config file in %s", dir);
		free_names(names, n);
		free_names(links.v, links.n);
		free(root);
		return TC_EIO;
	}
	char routes[4096], state[4096];
	snprintf(routes, sizeof routes, "%s/routes", path);
	snprintf(state, sizeof state, "%s/state", path);
	load_job job = {.dir = dir,
			.root = root,
			.routes = is_dir(routes) && !tc_p_link_leaves(m, root, routes) ? routes
										       : NULL,
			.state = is_dir(state) && !tc_p_link_leaves(m, root, state) ? state : NULL,
			.names = names,
			.n = n,
			.links = links,
			.opts = opts};
	unsigned threads = opts && opts->jobs > 1 ? opts->jobs : 1;
	if (threads > n)
		threads = (unsigned)n;
	int rc = 0;
	if (threads > 1) {
		rc = load_parallel(m, &job, threads);
	} else {
		tc_pctx ctx;
		rc = tc_pctx_init(&ctx);
		if (rc) {
			if (err)
				snprintf(err, errlen, "cannot set up the parser");
			goto out;
		}
		for (size_t k = 0; k < n && !rc; k++) {
			rc = load_file(&ctx, m, &job, k);
			if (opts && opts->progress)
				opts->progress(opts->progress_ctx, k + 1, n);
		}
		tc_pctx_fini(&ctx);
	}
out:
	free_names(names, n);
	if (!rc && job.state)
		note_unclaimed(m, job.state);
	free_names(links.v, links.n);
	free(root);
	return rc;
}
