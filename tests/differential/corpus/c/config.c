#include <stdio.h>
#include <string.h>

static char config_path[256];
static int verbose = 0;

int config_set_path(const char *path)
{
    if (strlen(path) >= sizeof(config_path))
        return -1;
    strcpy(config_path, path);
    return 0;
}

int config_load(void)
{
    char line[128];
    FILE *f = fopen(config_path, "r");
    if (f == NULL) {
        printf("cannot open config\n");
        return -1;
    }
    while (fgets(line, sizeof(line), f) != NULL) {
        if (line[0] == '#')
            continue;
        if (strncmp(line, "verbose", 7) == 0)
            verbose = 1;
        printf(line);
    }
    fclose(f);
    return 0;
}

int config_verbose(void)
{
    return verbose;
}
