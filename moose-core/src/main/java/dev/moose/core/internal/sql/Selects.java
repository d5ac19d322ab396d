package dev.moose.core.internal.sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What a SELECT reads and what it returns, read from its tokens. */
public final class Selects {

    private Selects() {
    }

    /** A table a SELECT reads: {@code database} is {@code null} when unqualified. */
    public record TableName(String database, String name) {
    }

    /**
     * The tables and views named after {@code FROM} and {@code JOIN}, at any depth (subqueries, UNION parts).
     * Table functions ({@code numbers(10)}) and subqueries are not tables and are left out.
     */
    public static Set<TableName> sources(String select) {
        Set<TableName> out = new LinkedHashSet<>();
        if (select == null) {
            return out;
        }
        List<SqlToken> t = SqlLexer.tokenize(select);
        for (int i = 0; i + 1 < t.size(); i++) {
            if (!(t.get(i).is("FROM") || t.get(i).is("JOIN"))) {
                continue;
            }
            int j = i + 1;
            // after FROM and JOIN a word is a table even when it is also a keyword (a view named "top")
            if (!isTableName(t.get(j))) {
                continue;
            }
            if (j + 2 < t.size() && t.get(j + 1).is(".") && isTableName(t.get(j + 2))) {
                if (!(j + 3 < t.size() && t.get(j + 3).is("("))) {
                    out.add(new TableName(t.get(j).identifier(), t.get(j + 2).identifier()));
                }
            } else if (!(j + 1 < t.size() && t.get(j + 1).is("("))) {
                out.add(new TableName(null, t.get(j).identifier()));
            }
        }
        return out;
    }

    private static boolean isTableName(SqlToken t) {
        return t.isWord() || t.kind() == SqlToken.Kind.QUOTED_IDENTIFIER;
    }

    private static boolean isName(SqlToken t) {
        return (t.isWord() && !Sql.isKeyword(t.text())) || t.kind() == SqlToken.Kind.QUOTED_IDENTIFIER;
    }

    /**
     * The names of the columns a SELECT returns (aliases, or the column a bare identifier names), when every item
     * has one; empty for {@code *} or unnamed expressions.
     */
    public static Optional<List<String>> outputNames(String select) {
        if (select == null) {
            return Optional.empty();
        }
        List<SqlToken> t = SqlLexer.tokenize(select);
        int start = -1;
        int depth = 0;
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).is("(")) {
                depth++;
            } else if (t.get(i).is(")")) {
                depth--;
            } else if (depth == 0 && t.get(i).is("SELECT")) {
                start = i + 1;
                break;
            }
        }
        if (start < 0) {
            return Optional.empty();
        }
        if (start < t.size() && t.get(start).is("DISTINCT")) {
            start++;
        }
        List<String> names = new ArrayList<>();
        int itemStart = start;
        depth = 0;
        for (int i = start; i <= t.size(); i++) {
            boolean end = i == t.size();
            SqlToken tok = end ? null : t.get(i);
            if (!end && (tok.is("(") || tok.is("["))) {
                depth++;
            } else if (!end && (tok.is(")") || tok.is("]"))) {
                depth--;
            }
            boolean itemEnd = end || (depth == 0 && (tok.is(",") || tok.is("FROM")));
            if (!itemEnd) {
                continue;
            }
            Optional<String> name = itemName(t.subList(itemStart, i));
            if (name.isEmpty()) {
                return Optional.empty();
            }
            names.add(name.get());
            if (end || tok.is("FROM")) {
                break;
            }
            itemStart = i + 1;
        }
        return names.isEmpty() ? Optional.empty() : Optional.of(names);
    }

    private static Optional<String> itemName(List<SqlToken> item) {
        int n = item.size();
        if (n >= 2 && item.get(n - 2).is("AS") && isName(item.get(n - 1))) {
            return Optional.of(item.get(n - 1).identifier());
        }
        if (n == 1 && isName(item.get(0))) {
            return Optional.of(item.get(0).identifier());
        }
        if (n == 3 && isName(item.get(0)) && item.get(1).is(".") && isName(item.get(2))) {
            return Optional.of(item.get(2).identifier());
        }
        return Optional.empty();
    }
}
