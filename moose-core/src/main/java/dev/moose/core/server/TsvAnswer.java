package dev.moose.core.server;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads an answer in ClickHouse's {@code TabSeparatedWithNamesAndTypes} format, which every server from 18.16 on
 * writes the same way whatever the blocks behind it: a line of names, a line of types, then a line per row, values
 * escaped ({@code \t \n \\ \'} …) and NULL written {@code \N}. Anything else (a row with another number of values,
 * a NULL in a column that cannot hold one, a broken escape) is an error, never a quietly wrong row.
 */
final class TsvAnswer {

    private TsvAnswer() {
    }

    /** Hands each row of {@code text} to {@code rows}, in order. An empty text is an answer without rows. */
    static void read(String text, Consumer<Row> rows) {
        if (text.isEmpty()) {
            return; // old servers write nothing at all for an empty answer
        }
        int pos = 0;
        int lineNo = 0;
        List<String> names = null;
        List<String> types = null;
        boolean[] nullable = null;
        while (pos < text.length()) {
            int end = text.indexOf('\n', pos);
            if (end < 0) {
                throw malformed("line " + (lineNo + 1) + " does not end with a newline", text);
            }
            String line = text.substring(pos, end);
            pos = end + 1;
            lineNo++;
            if (names == null) {
                names = List.of(unescapeAll(split(line), text));
                continue;
            }
            if (types == null) {
                types = List.of(unescapeAll(split(line), text));
                if (types.size() != names.size()) {
                    throw malformed(names.size() + " names but " + types.size() + " types", text);
                }
                nullable = new boolean[types.size()];
                for (int i = 0; i < nullable.length; i++) {
                    nullable[i] = canBeNull(types.get(i));
                }
                continue;
            }
            String[] raw = split(line);
            if (raw.length != names.size()) {
                throw malformed("row " + (lineNo - 2) + " has " + raw.length + " values for " + names.size() + " columns", text);
            }
            String[] values = new String[raw.length];
            for (int i = 0; i < raw.length; i++) {
                if (raw[i].equals("\\N")) {
                    if (!nullable[i]) {
                        throw malformed("row " + (lineNo - 2) + " has NULL in column " + names.get(i) + " of type "
                                + types.get(i), text);
                    }
                    values[i] = null;
                } else {
                    values[i] = unescape(raw[i], text);
                }
            }
            rows.accept(new Row(names, types, values));
        }
        if (types == null) {
            throw malformed("the answer ends before its line of types", text);
        }
    }

    private static boolean canBeNull(String type) {
        String t = type.startsWith("LowCardinality(") ? type.substring("LowCardinality(".length()) : type;
        return t.startsWith("Nullable(") || t.equals("Nothing") || t.startsWith("Dynamic") || t.startsWith("Variant(")
                || t.startsWith("JSON") || t.startsWith("Object(");
    }

    private static String[] split(String line) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = line.indexOf('\t'); i >= 0; i = line.indexOf('\t', start)) {
            parts.add(line.substring(start, i));
            start = i + 1;
        }
        parts.add(line.substring(start));
        return parts.toArray(String[]::new);
    }

    private static String[] unescapeAll(String[] raw, String text) {
        String[] out = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = unescape(raw[i], text);
        }
        return out;
    }

    private static String unescape(String s, String text) {
        int backslash = s.indexOf('\\');
        if (backslash < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        sb.append(s, 0, backslash);
        for (int i = backslash; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (i + 1 >= s.length()) {
                throw malformed("a value ends with a lone backslash", text);
            }
            char e = s.charAt(++i);
            switch (e) {
                case 't' -> sb.append('\t');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case '0' -> sb.append('\0');
                case 'a' -> sb.append('\u0007');
                case 'v' -> sb.append('\u000B');
                case 'e' -> sb.append('\u001B');
                case 'x' -> {
                    if (i + 2 >= s.length()) {
                        throw malformed("a \\x escape without two hex digits", text);
                    }
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> sb.append(e); // \\ \' \" \` and any other escaped character stand for themselves
            }
        }
        return sb.toString();
    }

    private static IllegalStateException malformed(String what, String text) {
        String start = text.length() > 300 ? text.substring(0, 300) + " …" : text;
        return new IllegalStateException("ClickHouse's answer is not valid TabSeparatedWithNamesAndTypes: " + what
                + "; the answer starts with: " + start.replace("\n", "\\n"));
    }
}
