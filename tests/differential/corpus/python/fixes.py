# Code for the differential test's rules with a fix.


def lookup(table, key, default_value):
    if not key in table:
        return default_value
    value = table[key]
    if value == None:
        return default_value
    return value


def report(rows):
    for row in rows:
        emit_row(
            row.name,
            row.count,
        )
    emit_row(rows[0].name)
