/* replay.c: run a fuzz target's LLVMFuzzerTestOneInput() on saved inputs, without libFuzzer.
 *
 * Linked with each target in ordinary (gcc, sanitizer) builds so that ctest
 * replays the regression inputs (tests/fuzz/regress/) and the seeds: every
 * crash the fuzzers ever found stays a test. Arguments are files or
 * directories (their regular files, in name order, not recursive). Exit 0
 * when every input ran; a crash aborts, as under libFuzzer. */
#include "fuzz.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "replay: cannot open %s: %s\n", path, strerror(errno));
		return 1;
	}
	long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
	uint8_t *buf = size >= 0 ? malloc((size_t)size + 1) : NULL;
	bool ok = buf && fseek(f, 0, SEEK_SET) == 0 &&
		  fread(buf, 1, (size_t)size, f) == (size_t)size && !ferror(f);
	fclose(f);
	if (ok)
		(void)LLVMFuzzerTestOneInput(buf, (size_t)size);
	else
		fprintf(stderr, "replay: cannot read %s\n", path);
	free(buf);
	return ok ? 0 : 1;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The regular files of dir in name order; hidden files are skipped. */
static int run_dir(const char *dir, unsigned *count)
{
	DIR *dp = opendir(dir);
	if (!dp) {
		fprintf(stderr, "replay: cannot open %s: %s\n", dir, strerror(errno));
		return 1;
	}
	char **v = NULL;
	size_t n = 0, cap = 0;
	int fails = 0;
	struct dirent *de;
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		char path[4096];
		struct stat sb;
		if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, de->d_name) >= sizeof path ||
		    stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			char **nv = realloc(v, cap * sizeof *v);
			if (!nv)
				abort();
			v = nv;
		}
		if (!(v[n++] = strdup(path)))
			abort();
	}
	closedir(dp);
	if (n)
		qsort(v, n, sizeof *v, cmp_str);
	for (size_t k = 0; k < n; k++) {
		fails += run_file(v[k]);
		(*count)++;
		free(v[k]);
	}
	free(v);
	return fails;
}

int main(int argc, char **argv)
{
	unsigned count = 0;
	int fails = 0;
	for (int i = 1; i < argc; i++) {
		struct stat sb;
		if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			fails += run_dir(argv[i], &count);
		} else {
			fails += run_file(argv[i]);
			count++;
		}
	}
	printf("replay: %u inputs, %d unreadable\n", count, fails);
	return fails ? 1 : 0;
}
