package dev.moose.core.types;

import dev.moose.core.internal.sql.Sql;
import dev.moose.core.internal.sql.SqlLexer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Recursive-descent parser for ClickHouse type text; every error names the offending position. */
final class TypeParser {

    /** Alternative spellings ClickHouse accepts, upper-cased, mapped to the canonical family. */
    private static final Map<String, String> ALIASES = new HashMap<>();

    static {
        for (String name : ClickHouseType.Simple.NAMES) {
            ALIASES.put(name.toUpperCase(Locale.ROOT), name);
        }
        alias("Bool", "BOOLEAN");
        alias("Int8", "TINYINT", "INT1", "BYTE");
        alias("Int16", "SMALLINT");
        alias("Int32", "INT", "INTEGER", "MEDIUMINT");
        alias("Int64", "BIGINT", "SIGNED");
        alias("UInt64", "UNSIGNED");
        alias("Float32", "FLOAT", "REAL", "SINGLE");
        alias("Float64", "DOUBLE");
        alias("String", "TEXT", "VARCHAR", "CHAR", "CHARACTER", "NCHAR", "NVARCHAR", "VARCHAR2", "TINYTEXT", "MEDIUMTEXT",
                "LONGTEXT", "BLOB", "TINYBLOB", "MEDIUMBLOB", "LONGBLOB", "CLOB", "BYTEA", "VARBINARY", "BINARY", "NATIONAL");
        alias("IPv4", "INET4");
        alias("IPv6", "INET6");
        alias("Decimal", "DECIMAL", "DEC", "NUMERIC", "FIXED");
        alias("DateTime", "DATETIME", "TIMESTAMP", "DATETIME32");
        alias("DateTime64", "DATETIME64");
        for (String family : List.of("FixedString", "Decimal32", "Decimal64", "Decimal128", "Decimal256", "Enum", "Enum8",
                "Enum16", "Nullable", "LowCardinality", "Array", "Map", "Tuple", "Nested", "AggregateFunction",
                "SimpleAggregateFunction", "Variant", "Dynamic", "JSON", "Object", "Time64")) {
            ALIASES.put(family.toUpperCase(Locale.ROOT), family);
        }
    }

    /** Canonical family names, matched exactly before any case-insensitive alias. */
    private static final java.util.Set<String> CANONICAL = new java.util.HashSet<>(ALIASES.values());

    private static final Map<String, String> UNSIGNED = Map.of(
            "Int8", "UInt8", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64");

    private static void alias(String canonical, String... spellings) {
        for (String s : spellings) {
            ALIASES.put(s, canonical);
        }
    }

    private final String text;
    private int pos;

    private TypeParser(String text) {
        this.text = text;
    }

    static ClickHouseType parse(String text) {
        if (text == null || text.isBlank()) {
            throw new TypeParseException(text == null ? "" : text, 0, "the type is empty");
        }
        TypeParser p = new TypeParser(text);
        ClickHouseType type = p.type();
        p.skipWhitespace();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "' after the type " + type);
        }
        return type;
    }

    private ClickHouseType type() {
        skipWhitespace();
        int start = pos;
        String word = word();
        if (word.isEmpty()) {
            throw error(pos < text.length() ? "expected a type name, found '" + text.charAt(pos) + "'" : "expected a type name");
        }
        String family = CANONICAL.contains(word) ? word : ALIASES.get(word.toUpperCase(Locale.ROOT));
        if (family == null) {
            pos = start;
            throw error("unknown type '" + word + "'");
        }
        if (word.equalsIgnoreCase("DOUBLE")) {
            optionalWord("PRECISION");
        }
        if (word.equalsIgnoreCase("NATIONAL")) {
            optionalWord("CHAR");
            optionalWord("CHARACTER");
            optionalWord("VARYING");
        }
        if (word.equalsIgnoreCase("CHAR") || word.equalsIgnoreCase("CHARACTER") || word.equalsIgnoreCase("BINARY")) {
            optionalWord("VARYING");
            optionalWord("LARGE");
            optionalWord("OBJECT");
        }
        if (UNSIGNED.containsKey(family) && !word.equals(family)) {
            if (optionalWord("UNSIGNED")) {
                family = UNSIGNED.get(family);
            } else {
                optionalWord("SIGNED");
            }
        }
        try {
            return family(family, word, start);
        } catch (IllegalArgumentException e) {
            throw new TypeParseException(text, start, e.getMessage());
        }
    }

    private ClickHouseType family(String family, String word, int start) {
        switch (family) {
            case "Nullable":
                return new ClickHouseType.Nullable(single());
            case "LowCardinality":
                return new ClickHouseType.LowCardinality(single());
            case "Array":
                return new ClickHouseType.Array(single());
            case "Map": {
                expect('(');
                ClickHouseType key = type();
                expect(',');
                ClickHouseType value = type();
                expect(')');
                return new ClickHouseType.Map(key, value);
            }
            case "Tuple": {
                expect('(');
                List<ClickHouseType.Element> elements = skipWhitespaceAndPeek(')') ? List.of() : elements();
                expect(')');
                return new ClickHouseType.Tuple(elements);
            }
            case "Nested": {
                expect('(');
                List<ClickHouseType.Element> fields = elements();
                expect(')');
                return new ClickHouseType.Nested(fields);
            }
            case "FixedString":
                return new ClickHouseType.FixedString(singleInt());
            case "Decimal":
                return decimal();
            case "Decimal32":
                return new ClickHouseType.Decimal(9, singleInt());
            case "Decimal64":
                return new ClickHouseType.Decimal(18, singleInt());
            case "Decimal128":
                return new ClickHouseType.Decimal(38, singleInt());
            case "Decimal256":
                return new ClickHouseType.Decimal(76, singleInt());
            case "DateTime": {
                if (!skipWhitespaceAndPeek('(')) {
                    return new ClickHouseType.DateTime(null);
                }
                expect('(');
                String tz = skipWhitespaceAndPeek(')') ? null : string();
                expect(')');
                return new ClickHouseType.DateTime(tz);
            }
            case "DateTime64": {
                expect('(');
                int precision = integer();
                String tz = null;
                if (skipWhitespaceAndPeek(',')) {
                    expect(',');
                    tz = string();
                }
                expect(')');
                return new ClickHouseType.DateTime64(precision, tz);
            }
            case "Time64":
                return new ClickHouseType.Time64(singleInt());
            case "Enum":
            case "Enum8":
            case "Enum16":
                return enumType(family);
            case "AggregateFunction":
            case "SimpleAggregateFunction":
                return aggregate(family.equals("SimpleAggregateFunction"));
            case "Variant": {
                expect('(');
                List<ClickHouseType> alternatives = new ArrayList<>();
                do {
                    alternatives.add(type());
                } while (comma());
                expect(')');
                return new ClickHouseType.Variant(alternatives);
            }
            case "Dynamic": {
                if (!skipWhitespaceAndPeek('(')) {
                    return new ClickHouseType.Dynamic(ClickHouseType.Dynamic.DEFAULT_MAX_TYPES);
                }
                expect('(');
                expectWord("max_types");
                expect('=');
                int max = integer();
                expect(')');
                return new ClickHouseType.Dynamic(max);
            }
            case "JSON":
                return json();
            case "Object": {
                expect('(');
                String schema = string();
                expect(')');
                return new ClickHouseType.ObjectJson(schema);
            }
            case "String":
                if (word.equalsIgnoreCase("String") && skipWhitespaceAndPeek('(')) {
                    throw error("String takes no parameters");
                }
                // VARCHAR(255) and friends: ClickHouse accepts and ignores the length.
                if (skipWhitespaceAndPeek('(')) {
                    expect('(');
                    integer();
                    expect(')');
                }
                return new ClickHouseType.Simple("String");
            default:
                if (skipWhitespaceAndPeek('(') && !family.equals("Float32") && !family.equals("Float64")) {
                    throw error(family + " takes no parameters");
                }
                if (skipWhitespaceAndPeek('(')) {
                    // FLOAT(p) / DOUBLE(p, s): accepted and ignored by ClickHouse.
                    expect('(');
                    integer();
                    if (comma()) {
                        integer();
                    }
                    expect(')');
                }
                return new ClickHouseType.Simple(family);
        }
    }

    private ClickHouseType single() {
        expect('(');
        ClickHouseType inner = type();
        expect(')');
        return inner;
    }

    private int singleInt() {
        expect('(');
        int value = integer();
        expect(')');
        return value;
    }

    private ClickHouseType decimal() {
        if (!skipWhitespaceAndPeek('(')) {
            return new ClickHouseType.Decimal(10, 0);
        }
        expect('(');
        int precision = integer();
        int scale = 0;
        if (comma()) {
            scale = integer();
        }
        expect(')');
        return new ClickHouseType.Decimal(precision, scale);
    }

    private List<ClickHouseType.Element> elements() {
        List<ClickHouseType.Element> out = new ArrayList<>();
        do {
            skipWhitespace();
            String name = null;
            if (peek('`') || peek('"')) {
                name = quotedIdentifier();
            } else {
                int save = pos;
                String w = word();
                skipWhitespace();
                boolean isName = !w.isEmpty() && pos < text.length()
                        && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')
                        && !(w.equalsIgnoreCase("DOUBLE") && text.regionMatches(true, pos, "PRECISION", 0, 9))
                        && !isSignSuffix(w);
                if (isName) {
                    name = w;
                } else {
                    pos = save;
                }
            }
            out.add(new ClickHouseType.Element(name, type()));
        } while (comma());
        return out;
    }

    private boolean isSignSuffix(String word) {
        String family = ALIASES.get(word.toUpperCase(Locale.ROOT));
        return family != null && UNSIGNED.containsKey(family)
                && (text.regionMatches(true, pos, "UNSIGNED", 0, 8) || text.regionMatches(true, pos, "SIGNED", 0, 6));
    }

    private ClickHouseType enumType(String family) {
        expect('(');
        List<String> names = new ArrayList<>();
        List<Integer> values = new ArrayList<>();
        int next = 1;
        do {
            String name = string();
            int value;
            if (skipWhitespaceAndPeek('=')) {
                expect('=');
                value = integer();
            } else {
                value = next;
            }
            names.add(name);
            values.add(value);
            next = value + 1;
        } while (comma());
        expect(')');
        int bits;
        if (family.equals("Enum")) {
            bits = values.stream().allMatch(v -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) ? 8 : 16;
        } else {
            bits = family.equals("Enum8") ? 8 : 16;
        }
        List<ClickHouseType.EnumValue> members = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            members.add(new ClickHouseType.EnumValue(names.get(i), values.get(i)));
        }
        return new ClickHouseType.Enum(bits, members);
    }

    private ClickHouseType aggregate(boolean simple) {
        expect('(');
        skipWhitespace();
        // An optional leading state version: AggregateFunction(1, sumMap, …).
        int save = pos;
        int version = 0;
        if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            version = integer();
            if (!comma()) {
                pos = save;
                version = 0;
            }
        }
        skipWhitespace();
        int fnStart = pos;
        String function = word();
        if (function.isEmpty()) {
            throw error("expected an aggregate function name");
        }
        List<String> parameters = new ArrayList<>();
        if (skipWhitespaceAndPeek('(')) {
            int open = pos;
            int close = matchingParen(open);
            String inside = text.substring(open + 1, close);
            for (String p : Sql.splitTopLevel(inside)) {
                parameters.add(Sql.comparable(p));
            }
            pos = close + 1;
        }
        if (function.isEmpty()) {
            pos = fnStart;
            throw error("expected an aggregate function name");
        }
        List<ClickHouseType> arguments = new ArrayList<>();
        while (comma()) {
            arguments.add(type());
        }
        expect(')');
        return new ClickHouseType.AggregateFunction(simple, version, function, parameters, arguments);
    }

    private ClickHouseType json() {
        int maxPaths = ClickHouseType.Json.DEFAULT_MAX_DYNAMIC_PATHS;
        int maxTypes = ClickHouseType.Json.DEFAULT_MAX_DYNAMIC_TYPES;
        SortedMap<String, ClickHouseType> typed = new TreeMap<>();
        SortedSet<String> skip = new TreeSet<>();
        List<String> regexps = new ArrayList<>();
        if (!skipWhitespaceAndPeek('(')) {
            return ClickHouseType.Json.plain();
        }
        expect('(');
        if (skipWhitespaceAndPeek(')')) {
            expect(')');
            return ClickHouseType.Json.plain();
        }
        do {
            skipWhitespace();
            int itemStart = pos;
            if (peek('`')) {
                String path = jsonPath();
                typed.put(path, type());
                continue;
            }
            String w = word();
            if (w.equalsIgnoreCase("max_dynamic_paths") || w.equalsIgnoreCase("max_dynamic_types")) {
                expect('=');
                int value = integer();
                if (w.equalsIgnoreCase("max_dynamic_paths")) {
                    maxPaths = value;
                } else {
                    maxTypes = value;
                }
            } else if (w.equalsIgnoreCase("SKIP")) {
                if (optionalWord("REGEXP")) {
                    regexps.add(string());
                } else {
                    skip.add(jsonPath());
                }
            } else if (!w.isEmpty()) {
                pos = itemStart;
                String path = jsonPath();
                typed.put(path, type());
            } else {
                throw error("expected a JSON parameter, path or SKIP");
            }
        } while (comma());
        expect(')');
        return new ClickHouseType.Json(maxPaths, maxTypes, typed, skip, regexps);
    }

    /** A JSON path: dotted words, or a backticked name (which may itself contain dots). */
    private String jsonPath() {
        skipWhitespace();
        StringBuilder path = new StringBuilder();
        do {
            if (peek('`')) {
                path.append(quotedIdentifier());
            } else {
                String w = word();
                if (w.isEmpty()) {
                    throw error("expected a JSON path");
                }
                path.append(w);
            }
            if (pos < text.length() && text.charAt(pos) == '.') {
                pos++;
                path.append('.');
            } else {
                break;
            }
        } while (true);
        return path.toString();
    }

    // ---------------------------------------------------------------------------------------------- lexing

    private void skipWhitespace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private boolean skipWhitespaceAndPeek(char c) {
        skipWhitespace();
        return peek(c);
    }

    private void expect(char c) {
        skipWhitespace();
        if (!peek(c)) {
            throw error(pos < text.length()
                    ? "expected '" + c + "' but found '" + text.charAt(pos) + "'"
                    : "expected '" + c + "' but the text ended");
        }
        pos++;
    }

    private boolean comma() {
        if (skipWhitespaceAndPeek(',')) {
            pos++;
            return true;
        }
        return false;
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private boolean optionalWord(String expected) {
        int save = pos;
        skipWhitespace();
        String w = word();
        if (w.equalsIgnoreCase(expected)) {
            return true;
        }
        pos = save;
        return false;
    }

    private void expectWord(String expected) {
        skipWhitespace();
        int start = pos;
        if (!word().equalsIgnoreCase(expected)) {
            pos = start;
            throw error("expected " + expected);
        }
    }

    private int integer() {
        skipWhitespace();
        int start = pos;
        if (peek('-') || peek('+')) {
            pos++;
        }
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        String digits = text.substring(start, pos);
        if (digits.isEmpty() || digits.equals("-") || digits.equals("+")) {
            pos = start;
            throw error(pos < text.length() ? "expected a number but found '" + text.charAt(pos) + "'" : "expected a number");
        }
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            pos = start;
            throw error("number " + digits + " is out of range");
        }
    }

    private String string() {
        skipWhitespace();
        if (!peek('\'')) {
            throw error(pos < text.length() ? "expected a quoted string but found '" + text.charAt(pos) + "'"
                    : "expected a quoted string");
        }
        return Sql.unquoteString(quoted("unterminated string"));
    }

    private String quotedIdentifier() {
        return Sql.unquoteIdentifier(quoted("unterminated quoted name"));
    }

    /** The quoted text that starts here, quotes included; the position moves past it. */
    private String quoted(String unterminated) {
        int end = SqlLexer.quotedEndOrMissing(text, pos);
        if (end < 0) {
            throw error(unterminated);
        }
        String literal = text.substring(pos, end);
        pos = end;
        return literal;
    }

    private int matchingParen(int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                int save = pos;
                pos = i;
                string();
                i = pos - 1;
                pos = save;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        pos = open;
        throw error("unclosed '('");
    }

    private TypeParseException error(String problem) {
        return new TypeParseException(text, pos, problem);
    }
}
