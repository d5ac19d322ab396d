package dev.moose.core.internal.sql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Quoting, escaping and the two normal forms of SQL expressions we keep.
 *
 * <ul>
 *   <li>{@link #tidy(String)}: the text as written, with canonical spacing and needless backticks removed. It
 *       never changes what the SQL means, so it is what we store and render.</li>
 *   <li>{@link #comparable(String)}: a comparison key that also absorbs how ClickHouse rewrites expressions when
 *       it stores them (keyword case, {@code ==}, {@code INTERVAL 1 DAY}, {@code CAST(x AS T)}, number spelling,
 *       redundant outer parentheses). Two expressions are the same when their keys are equal.</li>
 * </ul>
 */
public final class Sql {

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Words that must stay quoted when used as identifiers, because they mean something as keywords. */
    private static final Set<String> KEYWORDS = Set.of(
            "ADD", "AFTER", "ALIAS", "ALL", "ALTER", "AND", "ANTI", "ANY", "ARRAY", "AS", "ASC", "ASOF", "ATTACH",
            "BETWEEN", "BOTH", "BY", "CASE", "CAST", "CHECK", "CLUSTER", "CODEC", "COLLATE", "COLUMN", "COMMENT",
            "CONSTRAINT", "CREATE", "CROSS", "CUBE", "DATABASE", "DEFAULT", "DELETE", "DESC", "DESCRIBE", "DETACH",
            "DICTIONARY", "DISTINCT", "DROP", "ELSE", "END", "ENGINE", "EPHEMERAL", "EXCEPT", "EXISTS", "EXPLAIN",
            "EXTRACT", "FALSE", "FINAL", "FIRST", "FOR", "FORMAT", "FROM", "FULL", "FUNCTION", "GLOBAL", "GRANULARITY",
            "GROUP", "HAVING", "IF", "ILIKE", "IN", "INDEX", "INF", "INNER", "INSERT", "INTERSECT", "INTERVAL", "INTO",
            "IS", "JOIN", "KEY", "KILL", "LAST", "LEADING", "LEFT", "LIKE", "LIMIT", "LIVE", "LOCAL", "MATERIALIZED",
            "MODIFY", "NAN", "NOT", "NULL", "NULLS", "OFFSET", "ON", "OPTIMIZE", "OR", "ORDER", "OUTER", "OVER",
            "PARTITION", "POPULATE", "PREWHERE", "PRIMARY", "PROJECTION", "RENAME", "REPLACE", "RIGHT", "ROLLUP",
            "SAMPLE", "SELECT", "SEMI", "SET", "SETTINGS", "SHOW", "STEP", "SYNC", "TABLE", "TEMPORARY", "THEN", "TIES",
            "TO", "TOP", "TOTALS", "TRAILING", "TRUE", "TRUNCATE", "TTL", "UNION", "UPDATE", "USING", "VALUES", "VIEW",
            "WHEN", "WHERE", "WINDOW", "WITH");

    /** Keywords after which an opening parenthesis starts a group or a list, not a function call's arguments. */
    private static final Set<String> OPERATOR_KEYWORDS = Set.of(
            "AND", "OR", "NOT", "IN", "IS", "AS", "FROM", "JOIN", "WHERE", "PREWHERE", "HAVING", "ON", "USING", "BY",
            "SELECT", "WHEN", "THEN", "ELSE", "CASE", "LIKE", "ILIKE", "BETWEEN", "DISTINCT", "WITH", "UNION", "ALL",
            "EXCEPT", "INTERSECT", "GLOBAL", "LIMIT", "OFFSET", "TTL", "RETURN");

    private static final Set<String> INTERVAL_UNITS = Set.of(
            "NANOSECOND", "MICROSECOND", "MILLISECOND", "SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR");

    private Sql() {
    }

    // ---------------------------------------------------------------------------------------------- quoting

    /** {@code `name`}, escaping backticks and backslashes: every identifier we render goes through this. */
    public static String quoteIdentifier(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 2).append('`');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '`' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('`').toString();
    }

    /** {@code `db`.`name`}, or just {@code `name`} when the database is {@code null}. */
    public static String qualified(String database, String name) {
        return database == null ? quoteIdentifier(name) : quoteIdentifier(database) + "." + quoteIdentifier(name);
    }

    /**
     * {@code select} with every table it reads without a database ({@code FROM t}, {@code JOIN t}) read from
     * {@code database}: hosts running a view's ON CLUSTER DDL would otherwise look in their own default database
     * (18.16 qualifies only the view's name). Table functions, subqueries, ARRAY JOIN, {@code extract(… FROM …)}
     * and names of WITH subqueries are left as they are.
     */
    public static String qualifyTables(String select, String database) {
        return replaceTables(select, (db, table) -> db != null ? null : quoteIdentifier(database) + "." + quoteIdentifier(table));
    }

    private static boolean isTableName(SqlToken token) {
        return token.isWord() && !isKeyword(token.text()) || token.kind() == SqlToken.Kind.QUOTED_IDENTIFIER;
    }

    /** What a table a query reads becomes: {@code null} to leave it as written. */
    @FunctionalInterface
    public interface TableReplacement {
        String replace(String database, String table);
    }

    /**
     * {@code select} with each table it reads ({@code FROM t}, {@code JOIN db.t}) replaced as {@code replacement}
     * says; a replaced table without an alias keeps its name as one, so that {@code t.column} still reads. Table
     * functions, subqueries, ARRAY JOIN, {@code extract(… FROM …)} and names of WITH subqueries are left alone.
     */
    public static String replaceTables(String select, TableReplacement replacement) {
        List<SqlToken> t = SqlLexer.tokenize(select);
        Set<String> named = new java.util.HashSet<>();
        for (int i = 0; i + 2 < t.size(); i++) {
            if ((t.get(i).isWord() || t.get(i).kind() == SqlToken.Kind.QUOTED_IDENTIFIER) && t.get(i + 1).is("AS") && t.get(i + 2).is("(")) {
                named.add(t.get(i).identifier());
            }
        }
        java.util.Deque<Boolean> query = new java.util.ArrayDeque<>(); // per open parenthesis: does a query start in it?
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (int i = 0; i < t.size(); i++) {
            SqlToken tok = t.get(i);
            if (tok.is("(")) {
                query.push(i + 1 < t.size() && (t.get(i + 1).is("SELECT") || t.get(i + 1).is("WITH")));
            } else if (tok.is(")")) {
                query.poll();
            } else if ((tok.is("FROM") || (tok.is("JOIN") && !(i > 0 && t.get(i - 1).is("ARRAY"))))
                    && (query.isEmpty() || query.peek()) && i + 1 < t.size()) {
                SqlToken first = t.get(i + 1);
                if (!isTableName(first)) {
                    continue;
                }
                boolean qualified = i + 3 < t.size() && t.get(i + 2).is(".") && isTableName(t.get(i + 3));
                int last = qualified ? i + 3 : i + 1;
                if (last + 1 < t.size() && (t.get(last + 1).is("(") || t.get(last + 1).is("."))) {
                    continue; // a table function, or a name this reader does not follow
                }
                String db = qualified ? first.identifier() : null;
                String table = t.get(last).identifier();
                if (!qualified && named.contains(table)) {
                    continue;
                }
                String with = replacement.replace(db, table);
                if (with == null) {
                    continue;
                }
                boolean aliased = last + 1 < t.size() && (t.get(last + 1).is("AS") || isTableName(t.get(last + 1)));
                out.append(select, copied, first.start()).append(with);
                if (!aliased && !with.endsWith(quoteIdentifier(table))) {
                    out.append(" AS ").append(quoteIdentifier(table));
                }
                copied = t.get(last).end();
                i = last;
            }
        }
        return out.append(select.substring(copied)).toString();
    }

    /** The identifier bare when ClickHouse would print it so ({@code [A-Za-z_][A-Za-z0-9_]*}, not NULL), else quoted. */
    public static String identifierIfNeeded(String name) {
        return PLAIN_IDENTIFIER.matcher(name).matches() && !name.equalsIgnoreCase("NULL") ? name : quoteIdentifier(name);
    }

    /** {@code 'text'} with ClickHouse escapes ({@code \'}, {@code \\}, control characters): user text never reaches SQL raw. */
    public static String quoteString(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\'' -> sb.append("\\'");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\0' -> sb.append("\\0");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    /** The value of a single-quoted literal, with escapes resolved. */
    public static String unquoteString(String literal) {
        return unquote(literal, '\'');
    }

    /** The name in a backticked or double-quoted identifier; a bare name is returned as it is. */
    public static String unquoteIdentifier(String quoted) {
        if (quoted.length() >= 2 && (quoted.charAt(0) == '`' || quoted.charAt(0) == '"')) {
            return unquote(quoted, quoted.charAt(0));
        }
        return quoted;
    }

    private static String unquote(String literal, char quote) {
        if (literal.length() < 2 || literal.charAt(0) != quote || literal.charAt(literal.length() - 1) != quote) {
            throw new IllegalArgumentException("not a quoted literal: " + literal);
        }
        StringBuilder sb = new StringBuilder(literal.length());
        for (int i = 1; i < literal.length() - 1; i++) {
            char c = literal.charAt(i);
            if (c == '\\' && i + 1 < literal.length() - 1) {
                char e = literal.charAt(++i);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case '0' -> sb.append('\0');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'a' -> sb.append('\u0007');
                    case 'v' -> sb.append('\u000B');
                    case 'e' -> sb.append('\u001B');
                    default -> sb.append(e);
                }
            } else if (c == quote && i + 1 < literal.length() - 1 && literal.charAt(i + 1) == quote) {
                sb.append(quote);
                i++;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    public static boolean isKeyword(String word) {
        return KEYWORDS.contains(word.toUpperCase(Locale.ROOT));
    }

    // ---------------------------------------------------------------------------------------------- forms

    /** Canonical spacing, needless backticks removed; meaning unchanged. {@code null} and blank give {@code null}. */
    public static String tidy(String expression) {
        if (expression == null || expression.isBlank()) {
            return null;
        }
        List<SqlToken> tokens = SqlLexer.tokenize(expression);
        List<String> texts = new ArrayList<>(tokens.size());
        for (SqlToken t : tokens) {
            if (t.kind() == SqlToken.Kind.QUOTED_IDENTIFIER) {
                String name = t.identifier();
                texts.add(PLAIN_IDENTIFIER.matcher(name).matches() && !isKeyword(name) ? name : quoteIdentifier(name));
            } else {
                texts.add(t.text());
            }
        }
        return join(tokens, texts);
    }

    /**
     * The comparison key of an expression: equal keys mean ClickHouse treats the expressions as the same
     * (within what a token-level normal form can see).
     */
    public static String comparable(String expression) {
        if (expression == null || expression.isBlank()) {
            return "";
        }
        List<SqlToken> tokens = rewriteForComparison(SqlLexer.tokenize(expression));
        tokens = stripOuterParentheses(tokens);
        List<String> texts = new ArrayList<>(tokens.size());
        for (SqlToken t : tokens) {
            texts.add(switch (t.kind()) {
                case WORD -> {
                    String upper = t.text().toUpperCase(Locale.ROOT);
                    if (upper.equals("TRUE") || upper.equals("FALSE")) {
                        yield upper.toLowerCase(Locale.ROOT);
                    }
                    yield KEYWORDS.contains(upper) ? upper : t.text();
                }
                case QUOTED_IDENTIFIER -> identifierIfNeeded(t.identifier());
                case STRING -> quoteString(unquoteString(t.text()));
                case NUMBER -> normalizeNumber(t.text());
                case SYMBOL -> t.text().equals("==") ? "=" : t.text().equals("<>") ? "!=" : t.text();
            });
        }
        return join(tokens, texts);
    }

    /** True when ClickHouse treats both expressions as the same (both absent counts as the same). */
    public static boolean sameExpression(String a, String b) {
        return comparable(a).equals(comparable(b));
    }

    private static List<SqlToken> rewriteForComparison(List<SqlToken> in) {
        List<SqlToken> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            SqlToken t = in.get(i);
            // INTERVAL 1 DAY -> toIntervalDay(1): how ClickHouse stores it.
            if (t.is("INTERVAL") && i + 2 < in.size()
                    && (in.get(i + 1).kind() == SqlToken.Kind.NUMBER || in.get(i + 1).kind() == SqlToken.Kind.STRING)
                    && in.get(i + 2).isWord() && INTERVAL_UNITS.contains(in.get(i + 2).text().toUpperCase(Locale.ROOT))) {
                String unit = in.get(i + 2).text().toUpperCase(Locale.ROOT);
                String fn = "toInterval" + unit.charAt(0) + unit.substring(1).toLowerCase(Locale.ROOT);
                SqlToken value = in.get(i + 1);
                if (value.kind() == SqlToken.Kind.STRING) {
                    value = new SqlToken(SqlToken.Kind.NUMBER, unquoteString(value.text()).trim(), value.start());
                }
                out.add(new SqlToken(SqlToken.Kind.WORD, fn, t.start()));
                out.add(new SqlToken(SqlToken.Kind.SYMBOL, "(", t.start()));
                out.add(value);
                out.add(new SqlToken(SqlToken.Kind.SYMBOL, ")", t.start()));
                i += 2;
                continue;
            }
            // CAST(x AS T) -> CAST(x, 'T')
            if (t.is("CAST") && i + 1 < in.size() && in.get(i + 1).is("(")) {
                int close = matching(in, i + 1);
                int as = topLevelWord(in, i + 2, close, "AS");
                if (close > 0 && as > 0) {
                    out.add(t);
                    out.addAll(rewriteForComparison(in.subList(i + 1, as)));
                    out.add(new SqlToken(SqlToken.Kind.SYMBOL, ",", in.get(as).start()));
                    String type = joinRaw(in.subList(as + 1, close));
                    out.add(new SqlToken(SqlToken.Kind.STRING, quoteString(type), in.get(as).start()));
                    out.add(in.get(close));
                    i = close;
                    continue;
                }
            }
            out.add(t);
        }
        return out;
    }

    private static String joinRaw(List<SqlToken> tokens) {
        List<String> texts = new ArrayList<>();
        for (SqlToken t : tokens) {
            texts.add(t.text());
        }
        return join(tokens, texts);
    }

    /**
     * The first index in {@code [from, to)} outside any brackets of that range (depth 0) where {@code at} holds, or -1:
     * the one scan every top-level search over tokens is made of.
     */
    public static int firstAtTopLevel(List<SqlToken> tokens, int from, int to, java.util.function.IntPredicate at) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            SqlToken t = tokens.get(i);
            if (t.is("(") || t.is("[")) {
                depth++;
            } else if (t.is(")") || t.is("]")) {
                depth--;
            } else if (depth == 0 && at.test(i)) {
                return i;
            }
        }
        return -1;
    }

    /** The first top-level token in {@code [from, to)} that is {@code word} (or symbol), or -1. */
    public static int topLevelWord(List<SqlToken> tokens, int from, int to, String word) {
        return firstAtTopLevel(tokens, from, to, i -> tokens.get(i).is(word));
    }

    /** Index of the bracket closing the one at {@code open}, or -1. */
    public static int matching(List<SqlToken> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.is("(") || t.is("[")) {
                depth++;
            } else if (t.is(")") || t.is("]")) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static List<SqlToken> stripOuterParentheses(List<SqlToken> tokens) {
        List<SqlToken> t = tokens;
        while (t.size() >= 2 && t.get(0).is("(") && matching(t, 0) == t.size() - 1
                && topLevelWord(t, 1, t.size() - 1, ",") < 0) {
            t = t.subList(1, t.size() - 1);
        }
        return t;
    }

    static String normalizeNumber(String text) {
        String digits = text.replace("_", "");
        if (digits.startsWith("0x") || digits.startsWith("0X") || digits.startsWith("0b") || digits.startsWith("0B")) {
            try {
                return new java.math.BigInteger(digits.substring(2), digits.charAt(1) == 'x' || digits.charAt(1) == 'X' ? 16 : 2).toString();
            } catch (NumberFormatException e) {
                return text;
            }
        }
        try {
            BigDecimal value = new BigDecimal(digits.endsWith(".") ? digits.substring(0, digits.length() - 1) : digits);
            return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return text;
        }
    }

    /** Joins tokens with ClickHouse's spacing: {@code f(a, b)}, {@code a + b}, {@code -1}, {@code x IN (1, 2)}. */
    private static String join(List<SqlToken> tokens, List<String> texts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            if (i > 0 && needsSpace(tokens, i)) {
                sb.append(' ');
            }
            sb.append(texts.get(i));
        }
        return sb.toString();
    }

    private static boolean needsSpace(List<SqlToken> tokens, int i) {
        SqlToken prev = tokens.get(i - 1);
        SqlToken cur = tokens.get(i);
        if (prev.text().endsWith("-") && cur.text().startsWith("-")) {
            return true; // "--" would start a comment
        }
        if (cur.is(",") || cur.is(")") || cur.is("]") || cur.is(".") || cur.is("::")) {
            return false;
        }
        if (prev.is("(") || prev.is("[") || prev.is(".") || prev.is("::")) {
            return false;
        }
        if (cur.is("(")) {
            if (prev.kind() == SqlToken.Kind.WORD) {
                return OPERATOR_KEYWORDS.contains(prev.text().toUpperCase(Locale.ROOT));
            }
            return !(prev.kind() == SqlToken.Kind.QUOTED_IDENTIFIER || prev.is(")"));
        }
        if (cur.is("[")) {
            return !(prev.kind() == SqlToken.Kind.WORD && !OPERATOR_KEYWORDS.contains(prev.text().toUpperCase(Locale.ROOT))
                    || prev.kind() == SqlToken.Kind.QUOTED_IDENTIFIER || prev.is(")") || prev.is("]"));
        }
        if ((prev.is("-") || prev.is("+")) && isUnaryPosition(tokens, i - 1)) {
            return false;
        }
        return true;
    }

    /** A sign is unary at the start, after an opening bracket, a comma, an operator or an operator keyword. */
    private static boolean isUnaryPosition(List<SqlToken> tokens, int signIndex) {
        if (signIndex == 0) {
            return true;
        }
        SqlToken before = tokens.get(signIndex - 1);
        if (before.kind() == SqlToken.Kind.SYMBOL) {
            return !(before.is(")") || before.is("]"));
        }
        return before.kind() == SqlToken.Kind.WORD && OPERATOR_KEYWORDS.contains(before.text().toUpperCase(Locale.ROOT));
    }

    // ---------------------------------------------------------------------------------------------- structure

    /** Splits at commas outside brackets: {@code "a, f(b, c)"} gives {@code ["a", "f(b, c)"]}, each tidied. */
    public static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return parts;
        }
        List<SqlToken> tokens = SqlLexer.tokenize(text);
        int depth = 0;
        int from = 0;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.is("(") || t.is("[") || t.is("{")) {
                depth++;
            } else if (t.is(")") || t.is("]") || t.is("}")) {
                depth--;
            } else if (depth == 0 && t.is(",")) {
                parts.add(text.substring(tokens.get(from).start(), t.start()).strip());
                from = i + 1;
            }
        }
        if (from < tokens.size()) {
            parts.add(text.substring(tokens.get(from).start()).strip());
        }
        return parts.stream().map(Sql::tidy).toList();
    }

    /**
     * The elements of a sorting, primary or partition key: {@code "(a, f(b))"} and {@code "a, f(b)"} give
     * {@code ["a", "f(b)"]}, {@code "tuple()"} and blank give an empty list, {@code "(a)"} gives {@code ["a"]}.
     */
    public static List<String> keyElements(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<SqlToken> tokens = SqlLexer.tokenize(text);
        if (tokens.size() >= 3 && tokens.get(0).is("tuple") && tokens.get(1).is("(") && matching(tokens, 1) == tokens.size() - 1) {
            return splitTopLevel(text.substring(tokens.get(2).start(), tokens.get(tokens.size() - 1).start()));
        }
        if (tokens.size() >= 2 && tokens.get(0).is("(") && matching(tokens, 0) == tokens.size() - 1) {
            return splitTopLevel(text.substring(tokens.get(1).start(), tokens.get(tokens.size() - 1).start()));
        }
        return splitTopLevel(text);
    }

    /** How a key is written in DDL: {@code tuple()}, {@code a} or {@code (a, b)}. */
    public static String keyExpression(List<String> elements) {
        if (elements.isEmpty()) {
            return "tuple()";
        }
        return elements.size() == 1 ? elements.get(0) : "(" + String.join(", ", elements) + ")";
    }

    /**
     * The column names an expression refers to: words and quoted identifiers that are not function names,
     * keywords, qualified parts ({@code t.x}), aliases ({@code AS x}) or lambda parameters.
     */
    public static Set<String> referencedColumns(String expression) {
        Set<String> names = new LinkedHashSet<>();
        if (expression == null || expression.isBlank()) {
            return names;
        }
        List<SqlToken> tokens = SqlLexer.tokenize(expression);
        Set<String> lambdaParams = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).is("->")) {
                collectLambdaParams(tokens, i, lambdaParams);
            }
        }
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.kind() != SqlToken.Kind.WORD && t.kind() != SqlToken.Kind.QUOTED_IDENTIFIER) {
                continue;
            }
            boolean call = i + 1 < tokens.size() && tokens.get(i + 1).is("(");
            boolean qualifier = i + 1 < tokens.size() && tokens.get(i + 1).is(".");
            boolean member = i > 0 && tokens.get(i - 1).is(".");
            boolean alias = i > 0 && tokens.get(i - 1).is("AS");
            boolean keyword = t.kind() == SqlToken.Kind.WORD && (isKeyword(t.text())
                    || INTERVAL_UNITS.contains(t.text().toUpperCase(Locale.ROOT)) && i > 1 && tokens.get(i - 2).is("INTERVAL"));
            if (call || qualifier || member || alias || keyword || lambdaParams.contains(t.identifier())) {
                continue;
            }
            names.add(t.identifier());
        }
        return names;
    }

    private static void collectLambdaParams(List<SqlToken> tokens, int arrow, Set<String> out) {
        if (arrow == 0) {
            return;
        }
        SqlToken before = tokens.get(arrow - 1);
        if (before.isWord() || before.kind() == SqlToken.Kind.QUOTED_IDENTIFIER) {
            out.add(before.identifier());
        } else if (before.is(")")) {
            for (int j = arrow - 2; j >= 0 && !tokens.get(j).is("("); j--) {
                if (tokens.get(j).isWord() || tokens.get(j).kind() == SqlToken.Kind.QUOTED_IDENTIFIER) {
                    out.add(tokens.get(j).identifier());
                }
            }
        }
    }
}
