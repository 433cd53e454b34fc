// SPDX-License-Identifier: GPL-2.0
/*
 * Corpus replay: runs a libFuzzer target's function on every file of its
 * seed corpus (tests/fuzz/corpus/NAME) without libFuzzer, so that `make
 * check` (and its ASan+UBSan build) runs the fuzzers' regressions with a
 * plain compiler.  One TAP line per input; a target that finds a bug
 * aborts, which prove reports with the input last named on stdout.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The file's bytes in a buffer of exactly its size (ASan sees overreads). */
static uint8_t *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long len;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET))
		goto out;
	buf = malloc(len ? len : 1);
	if (buf && fread(buf, 1, len, f) != (size_t)len) {
		free(buf);
		buf = NULL;
	}
	*size = len;
out:
	fclose(f);
	return buf;
}

static int list_corpus(const char *dir, char ***names)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	int n = 0;

	if (!d)
		return -1;
	*names = NULL;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		*names = realloc(*names, (n + 1) * sizeof(**names));
		(*names)[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(*names, n, sizeof(**names), name_cmp);
	return n;
}

int main(void)
{
	char **names, path[4096];
	int i, n = list_corpus(CORPUS, &names);

	if (n <= 0) {
		printf("Bail out! no corpus in %s\n", CORPUS);
		return 1;
	}
	printf("1..%d\n", n);
	for (i = 0; i < n; i++) {
		size_t size = 0;
		uint8_t *data;

		snprintf(path, sizeof(path), "%s/%s", CORPUS, names[i]);
		printf("# %s\n", path);
		fflush(stdout);
		data = slurp(path, &size);
		if (data)
			LLVMFuzzerTestOneInput(data, size);
		printf("%s %d - %s\n", data ? "ok" : "not ok", i + 1, names[i]);
		free(data);
		free(names[i]);
	}
	free(names);
	return 0;
}
