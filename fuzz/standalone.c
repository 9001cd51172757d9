/*
 * standalone.c — replays inputs through a fuzz target without libFuzzer,
 * so corpora and saved crashes run under a plain gcc build (and under
 * ASan/UBSan in `make test`).
 *
 *   build/fuzz_txt fuzz/corpus/txt crash-1234 ...
 *
 * Each argument is a file (replayed) or a directory, walked recursively
 * in byte order of names; entries whose name starts with '.' are
 * skipped, and so are arguments that start with '-' (libFuzzer options),
 * so a libFuzzer command line can be reused as is. Every input is read
 * into a buffer of exactly its size, so a read past its end is caught by
 * ASan. Prints "replayed N inputs" and exits 0; a path that cannot be
 * read exits 2. A broken invariant aborts inside the target.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned long replayed;

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL, *grown;
	size_t len = 0, cap = 0, n;

	if (!f) {
		fprintf(stderr, "standalone: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			if (!(grown = realloc(buf, cap))) {
				fprintf(stderr, "standalone: out of memory\n");
				exit(2);
			}
			buf = grown;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "standalone: %s: read error\n", path);
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	/* Exactly len bytes, so ASan sees any read past the end. */
	grown = malloc(len ? len : 1);
	if (!grown) {
		fprintf(stderr, "standalone: out of memory\n");
		exit(2);
	}
	if (len)
		memcpy(grown, buf, len);
	free(buf);
	LLVMFuzzerTestOneInput(grown, len);
	free(grown);
	replayed++;
	return 0;
}

static int replay_path(const char *path, unsigned depth)
{
	struct stat st;
	struct dirent **ents = NULL;
	int n, i, rc = 0;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "standalone: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return replay_file(path);
	if (depth > 32) {
		fprintf(stderr, "standalone: %s: nested too deep\n", path);
		return -1;
	}
	n = scandir(path, &ents, NULL, alphasort);
	if (n < 0) {
		fprintf(stderr, "standalone: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		if (!rc && name[0] != '.') {
			size_t len = strlen(path) + strlen(name) + 2;
			char *child = malloc(len);
			if (!child) {
				fprintf(stderr, "standalone: out of memory\n");
				exit(2);
			}
			snprintf(child, len, "%s/%s", path, name);
			rc = replay_path(child, depth + 1);
			free(child);
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-')
			continue;
		if (replay_path(argv[i], 0))
			return 2;
	}
	printf("replayed %lu inputs\n", replayed);
	return 0;
}
