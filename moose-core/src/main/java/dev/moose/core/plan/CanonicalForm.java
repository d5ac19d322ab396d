package dev.moose.core.plan;

import dev.moose.core.MooseException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The form checksums are taken of, written by this class alone so that no library upgrade changes it: each
 * operation on one line, as JSON {@code {"Tag":{fields}}} with its fields in the order the operation writes them, no
 * spaces, strings escaped as RFC 8259 requires and nothing more (quote, backslash, the short escapes for newline,
 * carriage return, tab, backspace and form feed, other control characters as a backslash, u and four hex digits);
 * the checksum is the SHA-256 of its UTF-8 bytes, in lower-case hex.
 */
final class CanonicalForm {

    private CanonicalForm() {
    }

    static String of(List<Operation> operations) {
        StringBuilder sb = new StringBuilder();
        for (Operation op : operations) {
            FieldWriter fields = new FieldWriter();
            op.writeFields(fields);
            sb.append("{");
            string(sb, op.name());
            sb.append(':');
            value(sb, fields.fields());
            sb.append("}\n");
        }
        return sb.toString();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw MooseException.internal("SHA-256 is not available", e);
        }
    }

    private static void value(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            string(sb, s);
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
            sb.append(v);
        } else if (v instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                value(sb, list.get(i));
            }
            sb.append(']');
        } else if (v instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(sb, String.valueOf(e.getKey()));
                sb.append(':');
                value(sb, e.getValue());
            }
            sb.append('}');
        } else {
            throw new IllegalStateException("no canonical form for a field of type " + v.getClass().getName());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
