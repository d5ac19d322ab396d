package dev.moose.core.internal.introspect;

import dev.moose.core.internal.sql.Sql;
import dev.moose.core.internal.sql.SqlLexer;
import dev.moose.core.internal.sql.SqlSyntaxException;
import dev.moose.core.internal.sql.SqlToken;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code CREATE} statements ClickHouse keeps in {@code system.tables.create_table_query} (any version:
 * single-line 18.16 output with odd spacing, multi-line 20.4+ output, pretty tuple types, quoted or bare names).
 * Works on tokens, so string literals and nested brackets never confuse clause boundaries.
 */
public final class CreateStatementParser {

    private static final Set<String> COLUMN_CLAUSES = Set.of(
            "NULL", "NOT", "DEFAULT", "MATERIALIZED", "ALIAS", "EPHEMERAL", "COMMENT", "CODEC", "STATISTICS", "TTL",
            "SETTINGS", "PRIMARY");
    private static final Set<String> DEFAULT_KINDS = Set.of("DEFAULT", "MATERIALIZED", "ALIAS", "EPHEMERAL");

    private final String text;
    private final List<SqlToken> tokens;

    private CreateStatementParser(String text) {
        this.text = text;
        this.tokens = SqlLexer.tokenize(text);
    }

    /**
     * @throws SqlSyntaxException when the text is not a CREATE statement we can read
     */
    public static CreateStatement parse(String createQuery) {
        return new CreateStatementParser(createQuery).statement();
    }

    private CreateStatement statement() {
        int i = 0;
        expect(i++, "CREATE");
        if (is(i, "OR") && is(i + 1, "REPLACE")) {
            i += 2;
        }
        if (is(i, "ATTACH")) {
            i++;
        }
        CreateStatement.Kind kind;
        if (is(i, "TEMPORARY")) {
            i++;
        }
        if (is(i, "TABLE")) {
            kind = CreateStatement.Kind.TABLE;
            i++;
        } else if (is(i, "MATERIALIZED") && is(i + 1, "VIEW")) {
            kind = CreateStatement.Kind.MATERIALIZED_VIEW;
            i += 2;
        } else if (is(i, "VIEW")) {
            kind = CreateStatement.Kind.VIEW;
            i++;
        } else if (is(i, "LIVE") || is(i, "WINDOW") || is(i, "DICTIONARY")) {
            kind = CreateStatement.Kind.OTHER;
            i++;
        } else {
            throw error(i, "expected TABLE, VIEW or MATERIALIZED VIEW");
        }
        if (is(i, "IF") && is(i + 1, "NOT") && is(i + 2, "EXISTS")) {
            i += 3;
        }
        String[] name = new String[2];
        i = qualifiedName(i, name);
        if (is(i, "UUID")) {
            i += 2;
        }
        if (is(i, "ON") && is(i + 1, "CLUSTER")) {
            i += 3;
        }
        Builder b = new Builder(kind, name[0], name[1]);
        if (kind == CreateStatement.Kind.OTHER) {
            return b.build();
        }
        if (kind == CreateStatement.Kind.MATERIALIZED_VIEW && is(i, "REFRESH")) {
            int start = i;
            while (i < tokens.size() && !is(i, "TO") && !is(i, "(") && !is(i, "AS") && !is(i, "ENGINE")) {
                i++;
            }
            b.unmodelled.add(slice(start, i));
        }
        if (kind == CreateStatement.Kind.MATERIALIZED_VIEW && is(i, "TO")) {
            String[] to = new String[2];
            i = qualifiedName(i + 1, to);
            b.toDatabase = to[0];
            b.toTable = to[1];
        }
        if (is(i, "(")) {
            int close = matching(i);
            if (kind == CreateStatement.Kind.TABLE) {
                elements(i + 1, close, b);
            }
            i = close + 1;
        }
        if (kind == CreateStatement.Kind.TABLE) {
            storage(i, tokens.size(), b);
        } else {
            int as = Sql.topLevelWord(tokens, i, tokens.size(), "AS");
            if (as < 0) {
                throw error(i, "expected AS SELECT");
            }
            if (as > i) {
                storage(i, as, b);
            }
            b.select = text.substring(tokens.get(as + 1).start()).strip();
            if (b.select.endsWith(";")) {
                b.select = b.select.substring(0, b.select.length() - 1).strip();
            }
        }
        return b.build();
    }

    /** Column definitions, INDEX, PROJECTION and CONSTRAINT elements between {@code from} and {@code to}. */
    private void elements(int from, int to, Builder b) {
        for (int[] range : topLevelParts(from, to)) {
            int s = range[0];
            int e = range[1];
            if (s >= e) {
                continue;
            }
            if (is(s, "INDEX")) {
                int typeAt = Sql.topLevelWord(tokens, s + 2, e, "TYPE");
                int granularityAt = Sql.topLevelWord(tokens, s + 2, e, "GRANULARITY");
                String expression = slice(s + 2, typeAt < 0 ? e : typeAt);
                String type = typeAt < 0 ? null : slice(typeAt + 1, granularityAt < 0 ? e : granularityAt);
                int granularity = granularityAt < 0 ? 1 : Integer.parseInt(tokens.get(granularityAt + 1).text());
                b.indexes.add(new CreateStatement.IndexText(tokens.get(s + 1).identifier(), expression, type, granularity));
            } else if (is(s, "PROJECTION")) {
                int open = s + 2;
                int close = matching(open);
                b.projections.add(new CreateStatement.ProjectionText(tokens.get(s + 1).identifier(), slice(open + 1, close)));
            } else if (is(s, "CONSTRAINT")) {
                b.unmodelled.add(slice(s, e)); // CHECK and ASSUME constraints are not modelled
            } else if (is(s, "PRIMARY") && is(s + 1, "KEY")) {
                b.primaryKey = slice(s + 2, e); // also shown as a storage clause
            } else {
                b.columns.add(column(s, e, b));
            }
        }
    }

    private CreateStatement.ColumnText column(int s, int e, Builder b) {
        String name = tokens.get(s).identifier();
        int typeEnd = s + 1;
        int depth = 0;
        while (typeEnd < e) {
            SqlToken t = tokens.get(typeEnd);
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                depth--;
            } else if (depth == 0 && t.isWord() && COLUMN_CLAUSES.contains(t.text().toUpperCase(Locale.ROOT))) {
                break;
            }
            typeEnd++;
        }
        String type = typeEnd > s + 1 ? slice(s + 1, typeEnd) : null;
        String defaultKind = null;
        String defaultExpression = null;
        String comment = null;
        String codec = null;
        String ttl = null;
        int i = typeEnd;
        while (i < e) {
            String word = tokens.get(i).text().toUpperCase(Locale.ROOT);
            int next = nextClause(i + 1, e);
            if (DEFAULT_KINDS.contains(word)) {
                defaultKind = word;
                defaultExpression = next > i + 1 ? slice(i + 1, next) : null;
            } else if (word.equals("COMMENT")) {
                comment = Sql.unquoteString(tokens.get(i + 1).text());
            } else if (word.equals("CODEC")) {
                int close = matching(i + 1);
                codec = slice(i + 2, close);
            } else if (word.equals("TTL")) {
                ttl = slice(i + 1, next);
            } else if (word.equals("STATISTICS") || word.equals("SETTINGS")) {
                b.unmodelled.add("column " + name + " " + slice(i, next)); // not modelled: never dropped silently
            }
            i = next;
        }
        return new CreateStatement.ColumnText(name, type, defaultKind, defaultExpression, comment, codec, ttl);
    }

    /** The next column clause keyword at depth 0 after {@code from}, or {@code end}. */
    private int nextClause(int from, int end) {
        int i = Sql.firstAtTopLevel(tokens, from, end, k -> {
            SqlToken t = tokens.get(k);
            return t.isWord() && COLUMN_CLAUSES.contains(t.text().toUpperCase(Locale.ROOT))
                    && !(t.is("NULL") && k > from && tokens.get(k - 1).is("NOT"))
                    && !(t.is("NOT") || t.is("NULL"));
        });
        return i < 0 ? end : i;
    }

    /** ENGINE = … and the storage clauses, in any order. */
    private void storage(int from, int to, Builder b) {
        int i = from;
        while (i < to) {
            if (is(i, "ENGINE")) {
                int s = is(i + 1, "=") ? i + 2 : i + 1;
                int end = s + 1;
                if (end < to && tokens.get(end).is("(")) {
                    end = matching(end) + 1;
                }
                b.engine = slice(s, end);
                i = end;
            } else if (is(i, "PARTITION") && is(i + 1, "BY")) {
                int end = storageClauseEnd(i + 2, to);
                b.partitionBy = slice(i + 2, end);
                i = end;
            } else if (is(i, "PRIMARY") && is(i + 1, "KEY")) {
                int end = storageClauseEnd(i + 2, to);
                b.primaryKey = slice(i + 2, end);
                i = end;
            } else if (is(i, "ORDER") && is(i + 1, "BY")) {
                int end = storageClauseEnd(i + 2, to);
                b.orderBy = slice(i + 2, end);
                i = end;
            } else if (is(i, "SAMPLE") && is(i + 1, "BY")) {
                int end = storageClauseEnd(i + 2, to);
                b.sampleBy = slice(i + 2, end);
                i = end;
            } else if (is(i, "TTL")) {
                int end = storageClauseEnd(i + 1, to);
                b.ttl = slice(i + 1, end);
                i = end;
            } else if (is(i, "SETTINGS")) {
                int end = storageClauseEnd(i + 1, to);
                for (int[] part : topLevelParts(i + 1, end)) {
                    int eq = Sql.topLevelWord(tokens, part[0], part[1], "=");
                    if (eq > part[0]) {
                        b.settings.put(slice(part[0], eq), slice(eq + 1, part[1]));
                    }
                }
                i = end;
            } else if (is(i, "COMMENT")) {
                b.comment = Sql.unquoteString(tokens.get(i + 1).text());
                i += 2;
            } else {
                // anything else (DEFINER = …, SQL SECURITY …, clauses of releases after this one) is kept as text
                // the model does not hold, so that the object is refused rather than read without it
                int end = storageClauseEnd(i + 1, to);
                b.unmodelled.add(slice(i, end));
                i = end;
            }
        }
    }

    private int storageClauseEnd(int from, int to) {
        int i = Sql.firstAtTopLevel(tokens, from, to, k -> {
            SqlToken t = tokens.get(k);
            return t.is("ENGINE") || t.is("TTL") || t.is("SETTINGS") || t.is("COMMENT")
                    || ((t.is("PARTITION") || t.is("ORDER") || t.is("SAMPLE")) && is(k + 1, "BY"))
                    || (t.is("PRIMARY") && is(k + 1, "KEY"));
        });
        return i < 0 ? to : i;
    }

    // ---------------------------------------------------------------------------------------------- tokens

    private int qualifiedName(int i, String[] out) {
        if (i >= tokens.size()) {
            throw error(i, "expected a name");
        }
        String first = tokens.get(i).identifier();
        if (is(i + 1, ".")) {
            out[0] = first;
            out[1] = tokens.get(i + 2).identifier();
            return i + 3;
        }
        out[0] = null;
        out[1] = first;
        return i + 1;
    }

    private List<int[]> topLevelParts(int from, int to) {
        List<int[]> parts = new ArrayList<>();
        int start = from;
        for (int comma = Sql.topLevelWord(tokens, start, to, ","); comma >= 0; comma = Sql.topLevelWord(tokens, start, to, ",")) {
            parts.add(new int[] {start, comma});
            start = comma + 1;
        }
        parts.add(new int[] {start, to});
        return parts;
    }

    private int matching(int open) {
        int close = Sql.matching(tokens, open);
        if (close < 0) {
            throw error(open, "unclosed bracket");
        }
        return close;
    }

    /** The original text of tokens {@code [from, to)}, so types and expressions keep their exact spelling. */
    private String slice(int from, int to) {
        if (from >= to) {
            return null;
        }
        return text.substring(tokens.get(from).start(), tokens.get(to - 1).end()).strip();
    }

    private boolean is(int i, String word) {
        return i < tokens.size() && tokens.get(i).is(word);
    }

    private void expect(int i, String word) {
        if (!is(i, word)) {
            throw error(i, "expected " + word);
        }
    }

    private SqlSyntaxException error(int i, String problem) {
        return new SqlSyntaxException("Cannot read CREATE statement: " + problem, text,
                i < tokens.size() ? tokens.get(i).start() : text.length());
    }

    private static final class Builder {
        final CreateStatement.Kind kind;
        final String database;
        final String name;
        final List<CreateStatement.ColumnText> columns = new ArrayList<>();
        final List<CreateStatement.IndexText> indexes = new ArrayList<>();
        final List<CreateStatement.ProjectionText> projections = new ArrayList<>();
        final Map<String, String> settings = new LinkedHashMap<>();
        final List<String> unmodelled = new ArrayList<>();
        String engine;
        String partitionBy;
        String primaryKey;
        String orderBy;
        String sampleBy;
        String ttl;
        String comment;
        String toDatabase;
        String toTable;
        String select;

        Builder(CreateStatement.Kind kind, String database, String name) {
            this.kind = kind;
            this.database = database;
            this.name = name;
        }

        CreateStatement build() {
            return new CreateStatement(kind, database, name, List.copyOf(columns), List.copyOf(indexes), List.copyOf(projections),
                    engine, partitionBy, primaryKey, orderBy, sampleBy, ttl, Map.copyOf(settings), comment, toDatabase, toTable, select,
                    List.copyOf(unmodelled));
        }
    }
}
