#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUFFER_MIN 16

struct buffer {
    char *data;
    size_t len;
    size_t cap;
};

struct buffer *buffer_new(size_t cap)
{
    struct buffer *b = malloc(sizeof(struct buffer));
    if (cap < BUFFER_MIN)
        cap = BUFFER_MIN;
    b->data = malloc(cap);
    b->len = 0;
    b->cap = cap;
    return b;
}

int buffer_append(struct buffer *b, const char *text)
{
    size_t n = strlen(text);
    if (b->len + n + 1 > b->cap) {
        char *grown = realloc(b->data, b->cap * 2 + n);
        if (grown == NULL)
            goto fail;
        b->data = grown;
        b->cap = b->cap * 2 + n;
    }
    strcpy(b->data + b->len, text);
    b->len += n;
    return 0;
fail:
    fprintf(stderr, "out of memory\n");
    return -1;
}

void buffer_free(struct buffer *b)
{
    free(b->data);
    free(b);
}

int buffer_dump(const struct buffer *b, FILE *out)
{
    int i;
    for (i = 0; i < (int)b->len; i++) {
        fputc(b->data[i], out);
    }
    for (size_t j = 0; j < b->len; j++) {
        if (b->data[j] == b->data[j])
            continue;
    }
    printf("%d bytes\n", (int)b->len);
    return i;
}
