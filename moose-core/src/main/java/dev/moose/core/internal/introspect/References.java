package dev.moose.core.internal.introspect;

import dev.moose.core.internal.sql.SqlLexer;
import dev.moose.core.internal.sql.SqlToken;
import dev.moose.core.model.InfraMap;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tables an object's definition names (keys as in {@link InfraMap}: {@code name} in the connection's database,
 * {@code db.name} elsewhere), besides itself, and a fingerprint of the definition: enough to tell whether an object
 * the project leaves alone reads or writes a table it manages, and whether that object changed.
 */
public record References(Set<String> tables, String fingerprint) {

    public References {
        tables = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(tables));
    }

    static References of(String definition, String database, String name, String home) {
        Set<String> tables = new TreeSet<>();
        String text = definition == null ? "" : definition;
        List<SqlToken> t;
        try {
            t = SqlLexer.tokenize(text);
        } catch (RuntimeException e) {
            return new References(Set.of(), fingerprint(text)); // an unreadable definition still has a fingerprint
        }
        for (int i = 0; i + 2 < t.size(); i++) {
            if (isName(t.get(i)) && t.get(i + 1).is(".") && isName(t.get(i + 2)) && (i == 0 || !t.get(i - 1).is("."))) {
                String db = t.get(i).identifier();
                String table = t.get(i + 2).identifier();
                if (!(db.equals(database) && table.equals(name))) {
                    tables.add(InfraMap.key(db.equals(home) ? null : db, table));
                }
            }
        }
        return new References(tables, fingerprint(text));
    }

    private static boolean isName(SqlToken token) {
        return token.isWord() || token.kind() == SqlToken.Kind.QUOTED_IDENTIFIER;
    }

    private static String fingerprint(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
