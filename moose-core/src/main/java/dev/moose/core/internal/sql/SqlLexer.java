package dev.moose.core.internal.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits ClickHouse SQL into tokens: words, quoted identifiers, numbers, strings and symbols; whitespace and
 * comments are dropped. Strings and quoted identifiers keep their quotes (and escapes) exactly as written, so
 * re-joining tokens never changes what a literal means.
 */
public final class SqlLexer {

    private static final String[] SYMBOLS = {
        "->", "<=", ">=", "!=", "<>", "==", "||", "::",
        "(", ")", "[", "]", "{", "}", ",", ".", ";", ":", "+", "-", "*", "/", "%", "=", "<", ">", "?", "^", "&", "|", "@", "!"
    };

    private SqlLexer() {
    }

    /** @throws SqlSyntaxException for an unterminated string, identifier or comment, or a stray character */
    public static List<SqlToken> tokenize(String text) {
        List<SqlToken> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                i = lineEnd(text, i);
            } else if (c == '#' && (i == 0 || text.charAt(i - 1) == '\n')) {
                i = lineEnd(text, i);
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int close = text.indexOf("*/", i + 2);
                if (close < 0) {
                    throw new SqlSyntaxException("Unterminated comment", text, i);
                }
                i = close + 2;
            } else if (c == '\'') {
                int end = quotedEnd(text, i, '\'');
                out.add(new SqlToken(SqlToken.Kind.STRING, text.substring(i, end), i));
                i = end;
            } else if (c == '`' || c == '"') {
                int end = quotedEnd(text, i, c);
                out.add(new SqlToken(SqlToken.Kind.QUOTED_IDENTIFIER, text.substring(i, end), i));
                i = end;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1))
                    && !precededByWord(out))) {
                int end = numberEnd(text, i);
                out.add(new SqlToken(SqlToken.Kind.NUMBER, text.substring(i, end), i));
                i = end;
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_' || text.charAt(end) == '$')) {
                    end++;
                }
                out.add(new SqlToken(SqlToken.Kind.WORD, text.substring(i, end), i));
                i = end;
            } else {
                String symbol = null;
                for (String s : SYMBOLS) {
                    if (text.startsWith(s, i)) {
                        symbol = s;
                        break;
                    }
                }
                if (symbol == null) {
                    throw new SqlSyntaxException("Unexpected character '" + c + "'", text, i);
                }
                out.add(new SqlToken(SqlToken.Kind.SYMBOL, symbol, i));
                i += symbol.length();
            }
        }
        return out;
    }

    /** After a word or a closing bracket, {@code .5} is member access, not a number ({@code t.1} tuple element). */
    private static boolean precededByWord(List<SqlToken> out) {
        if (out.isEmpty()) {
            return false;
        }
        SqlToken last = out.get(out.size() - 1);
        return last.kind() == SqlToken.Kind.WORD || last.kind() == SqlToken.Kind.QUOTED_IDENTIFIER || last.is(")") || last.is("]");
    }

    private static int lineEnd(String text, int i) {
        int nl = text.indexOf('\n', i);
        return nl < 0 ? text.length() : nl + 1;
    }

    private static int quotedEnd(String text, int start, char quote) {
        int end = quotedEndOrMissing(text, start);
        if (end < 0) {
            throw new SqlSyntaxException("Unterminated " + (quote == '\'' ? "string" : "quoted identifier"), text, start);
        }
        return end;
    }

    /**
     * Where the string or quoted identifier that starts at {@code start} (its opening quote) ends, just after its
     * closing quote, or -1 when it is not closed. The one rule for quoted text in this project: a backslash escapes
     * the next character, and the quote doubled stands for itself.
     */
    public static int quotedEndOrMissing(String text, int start) {
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    private static int numberEnd(String text, int start) {
        int n = text.length();
        int i = start;
        if (text.startsWith("0x", i) || text.startsWith("0X", i) || text.startsWith("0b", i) || text.startsWith("0B", i)) {
            i += 2;
            while (i < n && Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            return i;
        }
        while (i < n && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        if (i < n && text.charAt(i) == '.' && !(i + 1 < n && text.charAt(i + 1) == '.')) {
            i++;
            while (i < n && Character.isDigit(text.charAt(i))) {
                i++;
            }
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
                j++;
            }
            if (j < n && Character.isDigit(text.charAt(j))) {
                i = j;
                while (i < n && Character.isDigit(text.charAt(i))) {
                    i++;
                }
            }
        }
        return i;
    }
}
